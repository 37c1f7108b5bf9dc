import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isTimeframeAligned,
  timeframeAdd,
  timeframeCeil,
  timeframeCount,
  timeframeDuration,
  timeframeNextOpen,
  timeframeOpen,
  timeframePreviousOpen,
} from '../../src/candles/index.js';
import { timeframeSchema, TIMEFRAME_MS, type Timeframe } from '../../src/models/enums.js';

const ms = (iso: string): number => Date.parse(iso);
const iso = (t: number): string => new Date(t).toISOString();
const ALL: readonly Timeframe[] = timeframeSchema.options;

describe('timeframe alignment table (Thu 2024-02-29T13:47:31.123Z, a leap day)', () => {
  const t = ms('2024-02-29T13:47:31.123Z');
  // [timeframe, open, next open, previous open]
  const table: ReadonlyArray<readonly [Timeframe, string, string, string]> = [
    ['1m', '2024-02-29T13:47:00.000Z', '2024-02-29T13:48:00.000Z', '2024-02-29T13:46:00.000Z'],
    ['3m', '2024-02-29T13:45:00.000Z', '2024-02-29T13:48:00.000Z', '2024-02-29T13:42:00.000Z'],
    ['5m', '2024-02-29T13:45:00.000Z', '2024-02-29T13:50:00.000Z', '2024-02-29T13:40:00.000Z'],
    ['15m', '2024-02-29T13:45:00.000Z', '2024-02-29T14:00:00.000Z', '2024-02-29T13:30:00.000Z'],
    ['30m', '2024-02-29T13:30:00.000Z', '2024-02-29T14:00:00.000Z', '2024-02-29T13:00:00.000Z'],
    ['1h', '2024-02-29T13:00:00.000Z', '2024-02-29T14:00:00.000Z', '2024-02-29T12:00:00.000Z'],
    ['2h', '2024-02-29T12:00:00.000Z', '2024-02-29T14:00:00.000Z', '2024-02-29T10:00:00.000Z'],
    ['4h', '2024-02-29T12:00:00.000Z', '2024-02-29T16:00:00.000Z', '2024-02-29T08:00:00.000Z'],
    ['6h', '2024-02-29T12:00:00.000Z', '2024-02-29T18:00:00.000Z', '2024-02-29T06:00:00.000Z'],
    ['12h', '2024-02-29T12:00:00.000Z', '2024-03-01T00:00:00.000Z', '2024-02-29T00:00:00.000Z'],
    ['1d', '2024-02-29T00:00:00.000Z', '2024-03-01T00:00:00.000Z', '2024-02-28T00:00:00.000Z'],
    ['1w', '2024-02-26T00:00:00.000Z', '2024-03-04T00:00:00.000Z', '2024-02-19T00:00:00.000Z'],
    ['1M', '2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z'],
  ];

  it('covers all 13 timeframes', () => {
    expect(table.map(([tf]) => tf)).toEqual([...ALL]);
  });

  it.each(table)('%s: open %s, next %s, previous %s', (tf, open, next, previous) => {
    expect(iso(timeframeOpen(t, tf))).toBe(open);
    expect(iso(timeframeNextOpen(t, tf))).toBe(next);
    expect(iso(timeframePreviousOpen(t, tf))).toBe(previous);
    expect(iso(timeframeCeil(t, tf))).toBe(next);
    expect(isTimeframeAligned(t, tf)).toBe(false);
    expect(isTimeframeAligned(ms(open), tf)).toBe(true);
    // Exactly on an open: it is its own open; one ms before belongs to the previous interval.
    expect(timeframeOpen(ms(open), tf)).toBe(ms(open));
    expect(timeframeCeil(ms(open), tf)).toBe(ms(open));
    expect(iso(timeframeOpen(ms(open) - 1, tf))).toBe(previous);
    expect(timeframeCount(ms(open), ms(next), tf)).toBe(1);
    expect(timeframeCount(ms(previous), ms(next), tf)).toBe(2);
  });
});

describe('1w: Monday 00:00 UTC weeks', () => {
  it.each([
    ['2024-03-03T23:59:59.999Z', '2024-02-26T00:00:00.000Z'], // Sunday night still the old week
    ['2024-03-04T00:00:00.000Z', '2024-03-04T00:00:00.000Z'], // Monday midnight opens one
    ['2024-12-31T12:00:00.000Z', '2024-12-30T00:00:00.000Z'], // week across the new year
    ['2025-01-01T00:00:00.000Z', '2024-12-30T00:00:00.000Z'],
    ['2021-01-01T00:00:00.000Z', '2020-12-28T00:00:00.000Z'],
    ['2017-07-09T23:59:59.999Z', '2017-07-03T00:00:00.000Z'], // Binance docs' example weekly kline
    ['1970-01-01T00:00:00.000Z', '1969-12-29T00:00:00.000Z'], // the epoch was a Thursday: floors below 0
  ])('%s → %s', (time, open) => {
    expect(iso(timeframeOpen(ms(time), '1w'))).toBe(open);
    expect(new Date(timeframeOpen(ms(time), '1w')).getUTCDay()).toBe(1);
  });

  it('2024 has 53 Monday opens (it started on one), 2023 has 52', () => {
    expect(timeframeCount(ms('2024-01-01T00:00:00Z'), ms('2025-01-01T00:00:00Z'), '1w')).toBe(53);
    expect(timeframeCount(ms('2023-01-01T00:00:00Z'), ms('2024-01-01T00:00:00Z'), '1w')).toBe(52);
  });
});

describe('1M: calendar months', () => {
  it.each([
    ['2024-01-31T23:59:59.999Z', '2024-01-01T00:00:00.000Z', '2024-02-01T00:00:00.000Z', 31],
    ['2024-02-29T23:59:59.999Z', '2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z', 29], // leap year
    ['2023-02-28T12:00:00.000Z', '2023-02-01T00:00:00.000Z', '2023-03-01T00:00:00.000Z', 28],
    ['2000-02-15T00:00:00.000Z', '2000-02-01T00:00:00.000Z', '2000-03-01T00:00:00.000Z', 29], // divisible by 400: leap
    ['2100-02-15T00:00:00.000Z', '2100-02-01T00:00:00.000Z', '2100-03-01T00:00:00.000Z', 28], // divisible by 100: not
    ['2024-04-30T23:59:59.999Z', '2024-04-01T00:00:00.000Z', '2024-05-01T00:00:00.000Z', 30],
    ['2024-12-31T23:59:59.999Z', '2024-12-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 31], // into the next year
  ])('%s → open %s, next %s (%i days)', (time, open, next, days) => {
    expect(iso(timeframeOpen(ms(time), '1M'))).toBe(open);
    expect(iso(timeframeNextOpen(ms(time), '1M'))).toBe(next);
    expect(timeframeDuration(ms(time), '1M')).toBe(days * 86_400_000);
  });

  it('steps over year ends both ways and counts months', () => {
    expect(iso(timeframePreviousOpen(ms('2024-01-15T00:00:00Z'), '1M'))).toBe('2023-12-01T00:00:00.000Z');
    expect(iso(timeframeAdd(ms('2024-03-01T00:00:00Z'), -13, '1M'))).toBe('2023-02-01T00:00:00.000Z');
    expect(iso(timeframeAdd(ms('2024-11-20T00:00:00Z'), 14, '1M'))).toBe('2026-01-01T00:00:00.000Z');
    expect(timeframeCount(ms('2024-01-01T00:00:00Z'), ms('2025-01-01T00:00:00Z'), '1M')).toBe(12);
    // Opens in [Jan 15, Mar 1) → only Feb 1 (Mar 1 itself is excluded).
    expect(timeframeCount(ms('2024-01-15T00:00:00Z'), ms('2024-03-01T00:00:00Z'), '1M')).toBe(1);
  });
});

describe('interval counts', () => {
  it('counts the opens in [since, until), including unaligned edges', () => {
    expect(timeframeCount(ms('2024-01-01T00:00:00Z'), ms('2025-01-01T00:00:00Z'), '1d')).toBe(366);
    expect(timeframeCount(ms('2024-01-01T00:00:00Z'), ms('2025-01-01T00:00:00Z'), '1m')).toBe(527_040);
    expect(timeframeCount(ms('2024-01-01T00:00:30Z'), ms('2024-01-01T00:03:00Z'), '1m')).toBe(2); // 00:01, 00:02
    expect(timeframeCount(ms('2024-01-01T00:00:30Z'), ms('2024-01-01T00:03:00.001Z'), '1m')).toBe(3);
    expect(timeframeCount(5, 5, '1h')).toBe(0);
    expect(timeframeCount(10, 5, '1h')).toBe(0);
  });

  it('refuses a fractional interval count', () => {
    expect(() => timeframeAdd(0, 1.5, '1m')).toThrow(RangeError);
  });
});

describe('properties over every timeframe (fast-check)', () => {
  const time = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) });
  const tf = fc.constantFrom(...ALL);

  it('open ≤ t < next open; both aligned; previous → open → next chain', () => {
    fc.assert(
      fc.property(time, tf, (t, frame) => {
        const open = timeframeOpen(t, frame);
        const next = timeframeNextOpen(t, frame);
        const previous = timeframePreviousOpen(t, frame);
        expect(open).toBeLessThanOrEqual(t);
        expect(next).toBeGreaterThan(t);
        expect(isTimeframeAligned(open, frame) && isTimeframeAligned(next, frame) && isTimeframeAligned(previous, frame)).toBe(true);
        expect(timeframeNextOpen(previous, frame)).toBe(open);
        expect(timeframeCount(open, next, frame)).toBe(1);
        if (frame !== '1M') expect(next - open).toBe(TIMEFRAME_MS[frame]);
      }),
      { numRuns: 2000 },
    );
  });

  it('count(a, c) = count(a, b) + count(b, c) and matches adding intervals', () => {
    fc.assert(
      fc.property(time, time, time, tf, (x, y, z, frame) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
        expect(timeframeCount(a, c, frame)).toBe(timeframeCount(a, b, frame) + timeframeCount(b, c, frame));
        // Stepping `count` intervals from the first open at or after `a` lands on the first at or after `c`.
        expect(timeframeAdd(timeframeCeil(a, frame), timeframeCount(a, c, frame), frame)).toBe(timeframeCeil(c, frame));
      }),
      { numRuns: 1000 },
    );
  });
});
