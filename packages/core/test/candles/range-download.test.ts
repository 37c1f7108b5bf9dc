import { afterEach, describe, expect, it } from 'vitest';
import { MemoryCandleCache, downloadCandleRange, resolveCandleRange, type CandleDownloadProgress } from '../../src/candles/index.js';
import { silentLogger } from '../../src/logging/logger.js';
import { ManualClock } from '../../src/time/clock.js';
import { expectedRow, klineFetcher, rows, startKlineVenue, type KlineVenue } from './support/kline-venue.js';

const MIN = 60_000;
const T0 = Date.UTC(2024, 1, 27, 0, 0);
const SYMBOL = 'BTC/USDT:USDT';

let venue: KlineVenue | undefined;
afterEach(async () => {
  await venue?.close();
  venue = undefined;
});

describe('downloadCandleRange over loopback HTTP', () => {
  it('downloads a resolved range with its limit, fills the cache and reports progress', async () => {
    venue = await startKlineVenue({ timeframe: '1m', data: [{ since: T0, until: T0 + 600 * MIN }], pageLimit: 200 });
    const clock = new ManualClock(T0 + 600 * MIN);
    const cache = new MemoryCandleCache();
    const range = resolveCandleRange('1m', { since: T0, limit: 450 }, { now: clock.now(), defaultLimit: 200 });
    const seen: CandleDownloadProgress[] = [];
    const options = {
      exchange: 'loop',
      symbol: SYMBOL,
      timeframe: '1m' as const,
      range,
      pageSize: 200,
      fetchPage: klineFetcher(venue.url, SYMBOL, '1m'),
      cache,
      onProgress: (p: CandleDownloadProgress) => seen.push(p),
      clock,
      logger: silentLogger,
    };
    const first = await downloadCandleRange(options);
    expect(rows(first)).toEqual(Array.from({ length: 450 }, (_, i) => expectedRow(T0 + i * MIN)));
    expect(seen.at(-1)?.fetched).toBe(450);
    const asked = venue.requests.length;
    expect(asked).toBeGreaterThan(0);

    // The same range again is served from the cache: no new venue request.
    const again = await downloadCandleRange(options);
    expect(rows(again)).toEqual(rows(first));
    expect(venue.requests.length).toBe(asked);
  });

  it('takes an absent cache and progress callback as "none" (no limit: the whole range)', async () => {
    venue = await startKlineVenue({ timeframe: '1m', data: [{ since: T0, until: T0 + 30 * MIN }], pageLimit: 200 });
    const candles = await downloadCandleRange({
      exchange: 'loop',
      symbol: SYMBOL,
      timeframe: '1m',
      range: { since: T0, until: T0 + 30 * MIN },
      pageSize: 200,
      fetchPage: klineFetcher(venue.url, SYMBOL, '1m'),
      cache: undefined,
      onProgress: undefined,
      clock: new ManualClock(T0 + 60 * MIN),
      logger: silentLogger,
    });
    expect(candles.map((c) => c.openTime)).toEqual(Array.from({ length: 30 }, (_, i) => T0 + i * MIN));
  });
});
