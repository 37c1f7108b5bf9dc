import type { Logger } from '../logging/logger.js';
import type { Candle } from '../models/candle.js';
import type { Timeframe } from '../models/enums.js';
import type { Clock } from '../time/clock.js';
import type { CandleCache } from './cache.js';
import { downloadCandles, type DownloadCandlesOptions } from './download.js';
import type { CandlePageFetcher } from './pager.js';
import type { CandleRange } from './query.js';

export interface DownloadCandleRangeOptions {
  readonly exchange: string;
  /** The unified symbol the candles carry (and the cache key). */
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** What `resolveCandleRange` made of the caller's query. */
  readonly range: CandleRange;
  readonly pageSize: number;
  readonly fetchPage: CandlePageFetcher;
  /** The adapter's configured cache, if any. */
  readonly cache?: CandleCache | undefined;
  /** The caller's `CandleQuery.onProgress`, passed through as is. */
  readonly onProgress?: DownloadCandlesOptions['onProgress'] | undefined;
  /** The clock that judges which candles have closed (the venue's, where it can run ahead). */
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * The glue every adapter's `fetchCandles` repeats around `downloadCandles`: a resolved range, the
 * venue's page fetcher, and the optional cache and progress callback dropped when absent.
 */
export function downloadCandleRange(options: DownloadCandleRangeOptions): Promise<Candle[]> {
  const { range, cache, onProgress } = options;
  return downloadCandles({
    exchange: options.exchange,
    symbol: options.symbol,
    timeframe: options.timeframe,
    since: range.since,
    until: range.until,
    ...(range.limit !== undefined && { limit: range.limit }),
    pageSize: options.pageSize,
    fetchPage: options.fetchPage,
    ...(cache !== undefined && { cache }),
    ...(onProgress !== undefined && { onProgress }),
    clock: options.clock,
    logger: options.logger,
  });
}
