import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MemoryCandleCache,
  downloadCandles,
  timeframeAdd,
  timeframeCount,
  timeframeOpen,
  type CandlePageFetcher,
  type CandlePageRequest,
} from '../../src/candles/index.js';
import { Decimal } from '../../src/decimal.js';
import { InvalidArgumentError } from '../../src/errors/error-classes.js';
import type { LogFn, Logger } from '../../src/logging/logger.js';
import type { Candle } from '../../src/models/candle.js';
import type { Timeframe } from '../../src/models/enums.js';
import { ManualClock } from '../../src/time/clock.js';

const MIN = 60_000;
const T0 = Date.UTC(2024, 0, 1);
const clock = new ManualClock(Date.UTC(2030, 0, 1));

function candle(openTime: number, timeframe: Timeframe = '1m'): Candle {
  const v = new Decimal(openTime % 1000).add('0.5');
  return { symbol: 'X/USDT', timeframe, openTime, open: v, high: v, low: v, close: v, volume: v, closed: true };
}

interface InProcessVenue {
  readonly fetchPage: CandlePageFetcher;
  readonly calls: CandlePageRequest[];
}

/** A venue in memory: `opens` are the candles it has; it serves the newest or oldest `limit` of a range. */
function venue(opens: readonly number[], options: { timeframe?: Timeframe; serve?: 'newest' | 'oldest'; order?: 'asc' | 'desc' } = {}): InProcessVenue {
  const sorted = [...opens].sort((a, b) => a - b);
  const calls: CandlePageRequest[] = [];
  return {
    calls,
    fetchPage: (request) => {
      calls.push(request);
      const inRange = sorted.filter((t) => t >= request.since && t < request.until);
      const picked = options.serve === 'oldest' ? inRange.slice(0, request.limit) : inRange.slice(-request.limit);
      const listed = options.order === 'asc' ? picked : picked.reverse();
      return Promise.resolve(listed.map((t) => candle(t, options.timeframe)));
    },
  };
}

const base = { exchange: 'mem', symbol: 'X/USDT', timeframe: '1m', clock } as const;

describe('pager against misbehaving venues', () => {
  it('terminates against a venue that ignores start/end and always answers its newest page', async () => {
    const latest = Array.from({ length: 200 }, (_, i) => T0 + (10_000 + i) * MIN);
    const calls: CandlePageRequest[] = [];
    const result = await downloadCandles({
      ...base,
      since: T0,
      until: T0 + 5000 * MIN,
      pageSize: 200,
      fetchPage: (r) => {
        calls.push(r);
        return Promise.resolve(latest.map((t) => candle(t)));
      },
    });
    expect(result).toEqual([]);
    expect(calls).toHaveLength(1); // everything out of range → the window counts as empty
  });

  it('de-duplicates, drops out-of-range and misaligned candles (warning once)', async () => {
    const warnings: string[] = [];
    const noop: LogFn = () => undefined;
    const logger: Logger = { trace: noop, debug: noop, info: noop, error: noop, warn: ((o: object | string, m?: string) => warnings.push(m ?? String(o))) as LogFn };
    const result = await downloadCandles({
      ...base,
      since: T0 + 10 * MIN,
      until: T0 + 20 * MIN,
      pageSize: 1000,
      logger,
      fetchPage: () =>
        Promise.resolve([
          candle(T0 + 12 * MIN),
          candle(T0 + 11 * MIN),
          { ...candle(T0 + 12 * MIN), close: new Decimal(999) }, // duplicate: first answer wins
          candle(T0 + 9 * MIN), // before since
          candle(T0 + 20 * MIN), // until is exclusive
          candle(T0 + 13 * MIN + 1), // not on a minute
          candle(T0 + 14 * MIN + 7),
        ]),
    });
    expect(result.map((c) => (c.openTime - T0) / MIN)).toEqual([11, 12]);
    expect(result[1]?.close.toFixed()).toBe(candle(T0 + 12 * MIN).close.toFixed());
    expect(warnings.filter((w) => w.includes('not aligned'))).toHaveLength(1);
  });

  it('keeps what a failed download settled in the cache, so a retry fetches only the rest', async () => {
    const v = venue(Array.from({ length: 1000 }, (_, i) => T0 + i * MIN));
    let failAfter = 2;
    const flaky: CandlePageFetcher = (r) => (failAfter-- > 0 ? v.fetchPage(r) : Promise.reject(new Error('venue down')));
    const cache = new MemoryCandleCache();
    const options = { ...base, since: T0, until: T0 + 1000 * MIN, pageSize: 200, cache };
    await expect(downloadCandles({ ...options, fetchPage: flaky })).rejects.toThrow('venue down');
    expect(await cache.covered({ exchange: 'mem', symbol: 'X/USDT', timeframe: '1m' }, { since: T0, until: T0 + 1000 * MIN })).toEqual([
      { since: T0 + 600 * MIN, until: T0 + 1000 * MIN },
    ]);
    v.calls.length = 0;
    const result = await downloadCandles({ ...options, fetchPage: v.fetchPage });
    expect(result).toHaveLength(1000);
    expect(v.calls).toHaveLength(3);
  });

  it('rejects bad arguments before any request', async () => {
    const v = venue([T0]);
    const ok = { ...base, since: T0, until: T0 + MIN, pageSize: 10, fetchPage: v.fetchPage };
    for (const bad of [{ pageSize: 0 }, { pageSize: 1.5 }, { since: 0.5 }, { until: Number.NaN }, { limit: 0 }, { timeframe: '7m' }, { symbol: '' }, { exchange: '' }, { settleMs: -1 }]) {
      await expect(downloadCandles({ ...ok, ...bad } as typeof ok)).rejects.toBeInstanceOf(InvalidArgumentError);
    }
    expect(v.calls).toHaveLength(0);
    expect(await downloadCandles({ ...ok, until: T0 })).toEqual([]);
    expect(v.calls).toHaveLength(0);
  });
});

describe('pager with calendar timeframes', () => {
  it('pages monthly candles over leap years and year ends', async () => {
    const opens = Array.from({ length: 60 }, (_, i) => timeframeAdd(Date.UTC(2019, 0, 1), i, '1M'));
    const v = venue(opens, { timeframe: '1M' });
    const result = await downloadCandles({ ...base, timeframe: '1M', since: Date.UTC(2019, 5, 15), until: Date.UTC(2023, 1, 1), pageSize: 7, fetchPage: v.fetchPage });
    expect(result.map((c) => new Date(c.openTime).toISOString().slice(0, 7))).toEqual(
      Array.from({ length: 43 }, (_, i) => new Date(timeframeAdd(Date.UTC(2019, 6, 1), i, '1M')).toISOString().slice(0, 7)),
    );
    expect(v.calls).toHaveLength(7);
  });

  it('pages Monday-aligned weeks', async () => {
    const firstMonday = timeframeOpen(Date.UTC(2020, 0, 1), '1w');
    const opens = Array.from({ length: 200 }, (_, i) => timeframeAdd(firstMonday, i, '1w'));
    const v = venue(opens, { timeframe: '1w', serve: 'oldest', order: 'asc' });
    const result = await downloadCandles({ ...base, timeframe: '1w', since: Date.UTC(2020, 0, 1), until: Date.UTC(2023, 0, 1), pageSize: 50, fetchPage: v.fetchPage });
    expect(result).toHaveLength(timeframeCount(Date.UTC(2020, 0, 1), Date.UTC(2023, 0, 1), '1w'));
    expect(result.every((c) => new Date(c.openTime).getUTCDay() === 1)).toBe(true);
  });
});

describe('pager property: any venue data, any range, either serving end', () => {
  it('returns exactly the venue candles in range, and never asks for more pages than intervals + 1', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 0, max: 3000 }), { maxLength: 1500 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom('newest' as const, 'oldest' as const),
        fc.constantFrom('asc' as const, 'desc' as const),
        fc.option(fc.integer({ min: 1, max: 2000 }), { nil: undefined }),
        async (slots, a, b, pageSize, serve, order, limit) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const v = venue(
            slots.map((s) => T0 + s * MIN),
            { serve, order },
          );
          const result = await downloadCandles({ ...base, since: T0 + lo * MIN, until: T0 + hi * MIN, pageSize, fetchPage: v.fetchPage, ...(limit !== undefined && { limit }) });
          const expected = slots
            .filter((s) => s >= lo && s < hi)
            .sort((x, y) => x - y)
            .slice(0, limit ?? Number.POSITIVE_INFINITY)
            .map((s) => T0 + s * MIN);
          expect(result.map((c) => c.openTime)).toEqual(expected);
          expect(v.calls.length).toBeLessThanOrEqual(hi - lo + 1);
          if (limit === undefined) {
            // Without a limit the pager is near-optimal: full pages plus at most one empty answer per gap edge.
            const gaps = expected.filter((t, i) => i > 0 && t - expected[i - 1]! > MIN).length;
            expect(v.calls.length).toBeLessThanOrEqual(Math.ceil(expected.length / pageSize) + 2 * gaps + 3);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
