import { afterEach, describe, expect, it } from 'vitest';
import { MemoryCandleCache, downloadCandles, resolveCandleRange, type CandleCache, type CandleDownloadProgress, type TimeRange } from '../../src/candles/index.js';
import type { CandleQuery } from '../../src/exchange/exchange.js';
import type { Candle } from '../../src/models/candle.js';
import type { Timeframe } from '../../src/models/enums.js';
import { ManualClock } from '../../src/time/clock.js';
import { expectedRow, klineFetcher, rows, startKlineVenue, type KlineVenue, type KlineVenueOptions } from './support/kline-venue.js';

const MIN = 60_000;
const T0 = Date.UTC(2024, 1, 27, 0, 0); // spans the 2024 leap day
const SYMBOL = 'BTC/USDT:USDT';
const PAGE = 200;

let venue: KlineVenue | undefined;
afterEach(async () => {
  await venue?.close();
  venue = undefined;
});

async function open(data: readonly TimeRange[], extra: Partial<KlineVenueOptions> = {}): Promise<KlineVenue> {
  venue = await startKlineVenue({ timeframe: '1m', data, pageLimit: PAGE, ...extra });
  return venue;
}

function minutes(from: number, to: number): TimeRange {
  return { since: T0 + from * MIN, until: T0 + to * MIN };
}

function expectedRows(...spans: TimeRange[]): string[][] {
  const out: string[][] = [];
  for (const s of spans) for (let t = s.since; t < s.until; t += MIN) out.push(expectedRow(t));
  return out;
}

/** No interval asked for twice: the candles the venue returned never overlap between requests. */
function expectDisjointPages(v: KlineVenue): void {
  const seen = new Set<number>();
  let total = 0;
  for (const r of v.requests) {
    for (const t of r.returned) seen.add(t);
    total += r.returned.length;
  }
  expect(seen.size).toBe(total);
}

describe.each([
  { name: 'Bybit: newest page, newest first', serve: 'newest', order: 'desc' },
  { name: 'newest page, ascending', serve: 'newest', order: 'asc' },
  { name: 'oldest page, ascending', serve: 'oldest', order: 'asc' },
  { name: 'oldest page, newest first', serve: 'oldest', order: 'desc' },
] as const)('downloadCandles over loopback HTTP — $name', ({ serve, order }) => {
  const clock = new ManualClock(Date.UTC(2025, 0, 1));

  it('downloads 5,000 1m candles complete, ascending, exact, one request per 200', async () => {
    const v = await open([minutes(0, 5000)], { serve, order });
    const range = minutes(0, 5000);
    const candles = await downloadCandles({
      exchange: 'loop',
      symbol: SYMBOL,
      timeframe: '1m',
      since: range.since,
      until: range.until,
      pageSize: PAGE,
      fetchPage: klineFetcher(v.url, SYMBOL, '1m'),
      clock,
    });

    expect(candles).toHaveLength(5000);
    candles.forEach((c, i) => expect(c.openTime).toBe(T0 + i * MIN));
    expect(rows(candles)).toEqual(expectedRows(range));
    expect(candles.every((c) => c.closed && c.symbol === SYMBOL && c.timeframe === '1m')).toBe(true);
    expect(v.requests).toHaveLength(25);
    expectDisjointPages(v);
  });

  it('terminates on a hole in venue data and returns every candle on both sides', async () => {
    const v = await open([minutes(0, 2000), minutes(3000, 5000)], { serve, order });
    const candles = await downloadCandles({
      exchange: 'loop',
      symbol: SYMBOL,
      timeframe: '1m',
      since: T0,
      until: T0 + 5000 * MIN,
      pageSize: PAGE,
      fetchPage: klineFetcher(v.url, SYMBOL, '1m'),
      clock,
    });
    expect(rows(candles)).toEqual(expectedRows(minutes(0, 2000), minutes(3000, 5000)));
    // 20 full pages + at most one empty answer per hole edge.
    expect(v.requests.length).toBeLessThanOrEqual(22);
    expectDisjointPages(v);
  });

  it('stops where the venue has no more data (before listing, after the last candle)', async () => {
    const v = await open([minutes(0, 1000)], { serve, order });
    const candles = await downloadCandles({
      exchange: 'loop',
      symbol: SYMBOL,
      timeframe: '1m',
      since: T0 - 100_000 * MIN,
      until: T0 + 100_000 * MIN,
      pageSize: PAGE,
      fetchPage: klineFetcher(v.url, SYMBOL, '1m'),
      clock,
    });
    expect(rows(candles)).toEqual(expectedRows(minutes(0, 1000)));
    expect(v.requests.length).toBeLessThanOrEqual(7);
  });

  it('reports monotone progress ending at `until`', async () => {
    const v = await open([minutes(0, 5000)], { serve, order });
    const seen: CandleDownloadProgress[] = [];
    const until = T0 + 5000 * MIN;
    await downloadCandles({
      exchange: 'loop',
      symbol: SYMBOL,
      timeframe: '1m',
      since: T0,
      until,
      pageSize: PAGE,
      fetchPage: klineFetcher(v.url, SYMBOL, '1m'),
      clock,
      onProgress: (p) => seen.push(p),
    });
    expect(seen.length).toBeGreaterThanOrEqual(25);
    for (let i = 1; i < seen.length; i += 1) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      expect(b.fetched).toBeGreaterThanOrEqual(a.fetched);
      expect(b.cursor).toBeGreaterThanOrEqual(a.cursor);
      expect(b.requests).toBeGreaterThanOrEqual(a.requests);
    }
    for (const p of seen) {
      expect(p.until).toBe(until);
      expect(p.cursor).toBeGreaterThanOrEqual(T0);
      expect(p.cursor).toBeLessThanOrEqual(until);
    }
    expect(seen.at(-1)).toMatchObject({ fetched: 5000, cursor: until, requests: 25 });
  });
});

describe('downloadCandles — limit, open candle, abort', () => {
  it('with a limit, takes the earliest candles from `since` without walking back from a far `until`', async () => {
    const v = await open([minutes(0, 5000)]);
    const candles = await downloadCandles({
      exchange: 'loop',
      symbol: SYMBOL,
      timeframe: '1m',
      since: T0,
      until: T0 + 5000 * MIN,
      limit: 450,
      pageSize: PAGE,
      fetchPage: klineFetcher(v.url, SYMBOL, '1m'),
      clock: new ManualClock(Date.UTC(2025, 0, 1)),
    });
    expect(rows(candles)).toEqual(expectedRows(minutes(0, 450)));
    expect(v.requests).toHaveLength(3);
    expect(Math.max(...v.requests.map((r) => r.end))).toBeLessThan(T0 + 450 * MIN);
  });

  it('with a limit, crosses a long hole in few requests (windows double while empty)', async () => {
    const v = await open([minutes(30_000, 31_000)]);
    const candles = await downloadCandles({
      exchange: 'loop',
      symbol: SYMBOL,
      timeframe: '1m',
      since: T0,
      until: T0 + 40_000 * MIN,
      limit: 100,
      pageSize: PAGE,
      fetchPage: klineFetcher(v.url, SYMBOL, '1m'),
      clock: new ManualClock(Date.UTC(2025, 0, 1)),
    });
    expect(rows(candles)).toEqual(expectedRows(minutes(30_000, 30_100)));
    // Windows of 100, 200, 400, … intervals: O(log² hole) requests, where fixed 100-wide windows would need 300.
    expect(v.requests.length).toBeLessThanOrEqual(20);
  });

  it('leaves out the still-open candle unless asked, and marks it open when included', async () => {
    const v = await open([minutes(0, 301)]);
    const clock = new ManualClock(T0 + 300 * MIN + 30_000); // 30 s into candle #300
    const base = { exchange: 'loop', symbol: SYMBOL, timeframe: '1m', since: T0, pageSize: PAGE, fetchPage: klineFetcher(v.url, SYMBOL, '1m'), clock } as const;

    const closed = await downloadCandles(base);
    expect(closed).toHaveLength(300);
    expect(closed.at(-1)?.openTime).toBe(T0 + 299 * MIN);

    const withOpen = await downloadCandles({ ...base, includeOpen: true });
    expect(withOpen).toHaveLength(301);
    expect(withOpen.at(-1)).toMatchObject({ openTime: T0 + 300 * MIN, closed: false });
    expect(withOpen.slice(0, -1).every((c) => c.closed)).toBe(true);
  });

  it('resolves a `{ limit }` query without `since` to the newest closed candles', async () => {
    const v = await open([minutes(0, 1000)]);
    const clock = new ManualClock(T0 + 1000 * MIN + 5_000);
    const range = resolveCandleRange('1m', { limit: 50 }, { now: clock.now(), defaultLimit: 200 });
    expect(range).toEqual({ since: T0 + 950 * MIN, until: T0 + 1000 * MIN });
    const candles = await downloadCandles({ exchange: 'loop', symbol: SYMBOL, timeframe: '1m', ...range, pageSize: PAGE, fetchPage: klineFetcher(v.url, SYMBOL, '1m'), clock });
    expect(rows(candles)).toEqual(expectedRows(minutes(950, 1000)));
    expect(v.requests).toHaveLength(1);
  });

  it('aborts between pages with the signal’s reason', async () => {
    const v = await open([minutes(0, 5000)]);
    const controller = new AbortController();
    const run = downloadCandles({
      exchange: 'loop',
      symbol: SYMBOL,
      timeframe: '1m',
      since: T0,
      until: T0 + 5000 * MIN,
      pageSize: PAGE,
      fetchPage: klineFetcher(v.url, SYMBOL, '1m'),
      clock: new ManualClock(Date.UTC(2025, 0, 1)),
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(v.requests).toHaveLength(1);
  });
});

describe('composition into an adapter', () => {
  /** What an exchange's `doFetchCandles` looks like: resolve the query, page the venue through the cache. */
  function fetchCandles(baseUrl: string, cache: CandleCache, now: number, symbol: string, timeframe: Timeframe, query: CandleQuery = {}): Promise<Candle[]> {
    const range = resolveCandleRange(timeframe, query, { now, defaultLimit: 200 });
    return downloadCandles({
      exchange: 'loop',
      symbol,
      timeframe,
      ...range,
      pageSize: PAGE,
      fetchPage: klineFetcher(baseUrl, symbol, timeframe),
      cache,
      clock: new ManualClock(now),
      ...(query.onProgress !== undefined && { onProgress: query.onProgress }), // CandleQuery's callback fits as is
    });
  }

  it('serves fetchCandles(symbol, tf, { since, limit, onProgress }) and repeats it from the cache', async () => {
    const v = await open([minutes(0, 5000)]);
    const cache = new MemoryCandleCache();
    const now = T0 + 5000 * MIN + 1;
    const progress: number[] = [];
    const query: CandleQuery = { since: T0 + 100 * MIN, limit: 1200, onProgress: (p) => progress.push(p.fetched) };
    const first = await fetchCandles(v.url, cache, now, SYMBOL, '1m', query);
    expect(rows(first)).toEqual(expectedRows(minutes(100, 1300)));
    expect(progress.at(-1)).toBe(1200);
    const requests = v.requests.length;
    expect(rows(await fetchCandles(v.url, cache, now, SYMBOL, '1m', query))).toEqual(rows(first));
    expect(v.requests).toHaveLength(requests);
  });
});
