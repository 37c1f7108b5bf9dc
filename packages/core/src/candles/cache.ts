import { InvalidArgumentError } from '../errors/error-classes.js';
import type { Candle } from '../models/candle.js';
import { timeframeSchema, type Timeframe } from '../models/enums.js';
import { rangeContains, subtractRanges, type TimeRange } from './ranges.js';
import { isTimeframeAligned } from './timeframes.js';

/** One candle series: a cache never mixes venues, symbols or timeframes. */
export interface CandleSeriesKey {
  /** Exchange id (`sim`, …). */
  readonly exchange: string;
  /** The symbol as the caller uses it (unified `BTC/USDT:USDT`); stored candles carry it back. */
  readonly symbol: string;
  readonly timeframe: Timeframe;
}

/**
 * Where downloaded history is kept. "Covered" means complete: every candle the venue has with an
 * open time in a covered range is held, so a covered stretch with no candles is a known hole and
 * is not asked for again. Only closed candles are ever written.
 */
export interface CandleCache {
  /** The parts of `range` that are covered, ascending and merged. */
  covered(key: CandleSeriesKey, range: TimeRange): Promise<TimeRange[]>;
  /** Held candles with an open time in `range`, ascending. */
  read(key: CandleSeriesKey, range: TimeRange): Promise<Candle[]>;
  /** Marks `range` covered with exactly `candles` (replacing what was held there). */
  write(key: CandleSeriesKey, range: TimeRange, candles: readonly Candle[]): Promise<void>;
}

const CACHE_ERROR = { exchange: 'exkit', method: 'candleCache' } as const;

export function assertSeriesKey(key: CandleSeriesKey): void {
  if (typeof key.exchange !== 'string' || key.exchange.length === 0) throw new InvalidArgumentError('candle cache: exchange id must be a non-empty string', CACHE_ERROR);
  if (typeof key.symbol !== 'string' || key.symbol.length === 0) throw new InvalidArgumentError('candle cache: symbol must be a non-empty string', CACHE_ERROR);
  if (!timeframeSchema.safeParse(key.timeframe).success) throw new InvalidArgumentError(`candle cache: unknown timeframe ${String(key.timeframe)}`, CACHE_ERROR);
}

export function assertRange(range: TimeRange): void {
  if (!Number.isSafeInteger(range.since) || !Number.isSafeInteger(range.until) || range.until < range.since) {
    throw new InvalidArgumentError(`candle cache: bad range [${range.since}, ${range.until})`, CACHE_ERROR);
  }
}

/** What both implementations refuse: a still-open candle, or one that does not belong to the write. */
export function assertCacheWrite(key: CandleSeriesKey, range: TimeRange, candles: readonly Candle[]): void {
  assertSeriesKey(key);
  assertRange(range);
  for (const c of candles) {
    if (!c.closed) throw new InvalidArgumentError(`candle cache: refusing the still-open candle ${c.openTime}`, CACHE_ERROR);
    if (c.timeframe !== key.timeframe) throw new InvalidArgumentError(`candle cache: ${c.timeframe} candle written to a ${key.timeframe} series`, CACHE_ERROR);
    if (!rangeContains(range, c.openTime)) throw new InvalidArgumentError(`candle cache: candle ${c.openTime} outside [${range.since}, ${range.until})`, CACHE_ERROR);
    if (!isTimeframeAligned(c.openTime, key.timeframe)) throw new InvalidArgumentError(`candle cache: candle ${c.openTime} not aligned to ${key.timeframe}`, CACHE_ERROR);
  }
}

/** The parts of `range` the cache lacks: what a download of `range` would fetch. */
export async function missingRanges(cache: CandleCache, key: CandleSeriesKey, range: TimeRange): Promise<TimeRange[]> {
  return subtractRanges(range, await cache.covered(key, range));
}
