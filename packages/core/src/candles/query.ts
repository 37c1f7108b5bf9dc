import type { HistoryQuery } from '../models/requests.js';
import type { Timeframe } from '../models/enums.js';
import { timeframeAdd, timeframeCeil, timeframeNextOpen, timeframeOpen } from './timeframes.js';

export interface CandleRange {
  readonly since: number;
  readonly until: number;
  readonly limit?: number;
}

export interface ResolveCandleRangeOptions {
  readonly now: number;
  /** How many candles to return when the query gives neither `since` nor `limit` (the venue's default). */
  readonly defaultLimit: number;
  /** Whether the still-open candle counts as the newest one. */
  readonly includeOpen?: boolean;
}

/**
 * Turns a `fetchCandles` query into the `[since, until)` + `limit` that `downloadCandles` takes:
 * - `since` given: the earliest `limit` candles from `since` (all of them without a limit);
 * - no `since`: the newest `limit` (or `defaultLimit`) intervals ending at `until`, or at the last
 *   closed candle (the open one with `includeOpen`). Holes in the venue's data make this shorter.
 */
export function resolveCandleRange(timeframe: Timeframe, query: HistoryQuery, options: ResolveCandleRangeOptions): CandleRange {
  const latestEnd = options.includeOpen === true ? timeframeNextOpen(options.now, timeframe) : timeframeOpen(options.now, timeframe);
  const until = query.until === undefined ? latestEnd : Math.min(query.until, latestEnd);
  if (query.since !== undefined) return { since: query.since, until, ...(query.limit !== undefined && { limit: query.limit }) };
  const count = query.limit ?? options.defaultLimit;
  return { since: timeframeAdd(timeframeCeil(until, timeframe), -count, timeframe), until };
}
