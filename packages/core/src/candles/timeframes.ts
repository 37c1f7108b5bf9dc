import { TIMEFRAME_MS, type Timeframe } from '../models/enums.js';

/**
 * Timeframe arithmetic on epoch-ms, UTC. Every function is exact integer arithmetic (no float
 * division), so it holds for any timestamp including ones before 1970.
 *
 * - `1m` … `1d`: every one of these divides a UTC day, so epoch-aligned buckets are the venue
 *   buckets (a 4h candle opens at 00:00, 04:00, … UTC).
 * - `1w`: Monday 00:00 UTC. A plain `t % 7d` would anchor weeks on Thursday (1970-01-01 was a
 *   Thursday) — what KuCoin and Hyperliquid serve, reported as wrong by their users
 *   (Kucoin/kucoin-api-docs#350, #373; rainbow-me/rainbow#6920). Binance's own
 *   kline docs (GET /api/v3/klines response example: open 1499040000000 = Mon 2017-07-03 00:00 UTC,
 *   close 1499644799999 = Sun 2017-07-09 23:59:59.999) show Monday weeks, and that is the
 *   TradingView/charting convention (ccxt issue #25046). Not every venue documents its weekly
 *   anchor; an adapter whose venue differs must re-align in its mapper.
 * - `1M`: calendar months (28–31 days), never `TIMEFRAME_MS['1M']` (a nominal 30 days).
 */

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-05T00:00Z, the first Monday after the epoch. */
const MONDAY_ANCHOR_MS = 4 * DAY_MS;

/** Non-negative remainder, so alignment floors (not truncates) for times before the anchor. */
function mod(a: number, b: number): number {
  const r = a % b;
  return r < 0 ? r + b : r;
}

function monthIndex(time: number): number {
  const d = new Date(time);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

function monthStart(index: number): number {
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const d = new Date(0);
  d.setUTCFullYear(Math.floor(index / 12), mod(index, 12), 1);
  return d.getTime();
}

/** Open time of the interval containing `time` (floor). */
export function timeframeOpen(time: number, timeframe: Timeframe): number {
  if (timeframe === '1M') return monthStart(monthIndex(time));
  if (timeframe === '1w') return time - mod(time - MONDAY_ANCHOR_MS, WEEK_MS);
  return time - mod(time, TIMEFRAME_MS[timeframe]);
}

/** True when `time` is exactly an interval open. */
export function isTimeframeAligned(time: number, timeframe: Timeframe): boolean {
  return timeframeOpen(time, timeframe) === time;
}

/** `count` intervals after (negative: before) the interval containing `time`; returns an open. */
export function timeframeAdd(time: number, count: number, timeframe: Timeframe): number {
  if (!Number.isInteger(count)) throw new RangeError(`interval count must be an integer, got ${count}`);
  if (timeframe === '1M') return monthStart(monthIndex(time) + count);
  return timeframeOpen(time, timeframe) + count * TIMEFRAME_MS[timeframe];
}

/** Open of the interval after the one containing `time` (= close time + 1 ms of that interval). */
export function timeframeNextOpen(time: number, timeframe: Timeframe): number {
  return timeframeAdd(time, 1, timeframe);
}

/** Open of the interval before the one containing `time`. */
export function timeframePreviousOpen(time: number, timeframe: Timeframe): number {
  return timeframeAdd(time, -1, timeframe);
}

/** First open at or after `time` (ceil). */
export function timeframeCeil(time: number, timeframe: Timeframe): number {
  const open = timeframeOpen(time, timeframe);
  return open === time ? time : timeframeAdd(open, 1, timeframe);
}

/** Length in ms of the interval containing `time` (varies only for `1M`). */
export function timeframeDuration(time: number, timeframe: Timeframe): number {
  return timeframeNextOpen(time, timeframe) - timeframeOpen(time, timeframe);
}

/** How many interval opens lie in `[since, until)`: the number of candles a complete range holds. */
export function timeframeCount(since: number, until: number, timeframe: Timeframe): number {
  if (until <= since) return 0;
  const first = timeframeCeil(since, timeframe);
  const end = timeframeCeil(until, timeframe);
  if (timeframe === '1M') return monthIndex(end) - monthIndex(first);
  return (end - first) / TIMEFRAME_MS[timeframe];
}
