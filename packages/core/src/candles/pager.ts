import type { Logger } from '../logging/logger.js';
import type { Candle } from '../models/candle.js';
import type { Timeframe } from '../models/enums.js';
import { intersectRange, normalizeRanges, rangeContains, subtractRanges, type TimeRange } from './ranges.js';
import { isTimeframeAligned, timeframeAdd, timeframeCeil, timeframeCount, timeframeNextOpen } from './timeframes.js';

/** One venue request, as `downloadCandles` asks for it. */
export interface CandlePageRequest {
  /** Inclusive lower bound on open time; always an interval open. */
  readonly since: number;
  /** Exclusive upper bound on open time. A venue whose `end` is inclusive gets `until - 1`. */
  readonly until: number;
  /** How many candles to ask for: the venue's maximum page size. */
  readonly limit: number;
  /** Pass to the transport so an abort cancels the request in flight. */
  readonly signal?: AbortSignal;
}

/**
 * Fetches one page from the venue and maps it to neutral candles. The answer may come in any
 * order; when `[since, until)` holds more than `limit` candles the venue may serve either the
 * newest `limit` (newest-first kline APIs do) or the oldest `limit` — the pager works out which from
 * what it gets.
 */
export type CandlePageFetcher = (request: CandlePageRequest) => Promise<readonly Candle[]>;

export interface PageWalkStep {
  /** The part of the range this request settled (all its candles are known now). */
  readonly settled: TimeRange;
  /** New candles from this request, ascending. */
  readonly added: readonly Candle[];
  readonly requests: number;
}

export interface PageWalkOptions {
  readonly timeframe: Timeframe;
  readonly range: TimeRange;
  readonly pageSize: number;
  readonly fetchPage: CandlePageFetcher;
  /** Stop once the first `limit` candles of the range are settled. */
  readonly limit?: number;
  readonly signal?: AbortSignal;
  readonly logger: Logger;
  readonly onStep?: (step: PageWalkStep) => void;
}

export interface PageWalkResult {
  /** Ascending, unique by open time, all inside the range. */
  readonly candles: Candle[];
  readonly settled: TimeRange[];
  readonly requests: number;
}

const byOpenTime = (a: Candle, b: Candle): number => a.openTime - b.openTime;
const MAX_BOOST = 2 ** 30;

/** Ranges start at an interval open; ranges holding no open are dropped (nothing to ask for). */
function alignStarts(ranges: readonly TimeRange[], timeframe: Timeframe): TimeRange[] {
  const out: TimeRange[] = [];
  for (const r of ranges) {
    const since = timeframeCeil(r.since, timeframe);
    if (since < r.until) out.push({ since, until: r.until });
  }
  return out;
}

/** Open times seen so far, sorted, to count how many lie before a point (limit mode only). */
class SortedTimes {
  #times: number[] = [];
  add(ascending: readonly number[]): void {
    if (ascending.length === 0) return;
    const merged: number[] = [];
    let i = 0;
    let j = 0;
    while (i < this.#times.length || j < ascending.length) {
      const a = this.#times[i];
      const b = ascending[j];
      if (b === undefined || (a !== undefined && a < b)) {
        merged.push(a as number);
        i += 1;
      } else {
        merged.push(b);
        j += 1;
      }
    }
    this.#times = merged;
  }
  countBelow(time: number): number {
    let lo = 0;
    let hi = this.#times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#times[mid] as number) < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * Downloads every candle of `range` by paging, whatever end of a range the venue serves.
 *
 * It keeps the still-unknown part of the range as a list of sub-ranges and always asks for the
 * earliest one. A page answers one of three ways:
 * - empty: the venue has nothing there (a hole, before listing, or past its last candle) → the
 *   whole window is settled as empty;
 * - fewer than `pageSize`: the venue gave all it has in the window → the window is settled;
 * - full: the candles from its lowest to its highest open time are settled, and both sides stay
 *   unknown. A newest-first venue leaves the left side open (walks backwards), an oldest-first
 *   one the right side (walks forwards); an empty side costs one extra request at most.
 * Every request settles at least one interval open of the range, so the walk always ends, after at
 * most as many requests as the range has intervals — even against a venue that ignores `start`/`end`
 * (its out-of-window candles are dropped and the window counts as empty).
 *
 * With a `limit`, windows are cut to the number of candles still needed (so a newest-first venue
 * is not walked back from a far `until`), doubling after each empty answer so a long hole costs a
 * logarithmic number of requests.
 */
export async function walkCandlePages(options: PageWalkOptions): Promise<PageWalkResult> {
  const { timeframe, pageSize, fetchPage, limit, signal, logger } = options;
  const got = new Map<number, Candle>();
  const settled: TimeRange[] = [];
  const seen = limit === undefined ? undefined : new SortedTimes();
  let unresolved = alignStarts([options.range], timeframe);
  let boost = 1;
  let requests = 0;
  let warnedMisaligned = false;

  for (let next = unresolved[0]; next !== undefined; next = unresolved[0]) {
    let until = next.until;
    if (limit !== undefined && seen !== undefined) {
      const needed = limit - seen.countBelow(next.since);
      if (needed <= 0) break;
      const span = needed * boost;
      if (span < timeframeCount(next.since, next.until, timeframe)) until = timeframeAdd(next.since, span, timeframe);
    }
    const window: TimeRange = { since: next.since, until };

    signal?.throwIfAborted();
    const raw = await fetchPage({ since: window.since, until: window.until, limit: pageSize, ...(signal !== undefined && { signal }) });
    requests += 1;
    signal?.throwIfAborted();

    // Normalise: inside the window, aligned, first answer per open time wins.
    const page = new Map<number, Candle>();
    for (const candle of raw) {
      if (!Number.isSafeInteger(candle.openTime) || !rangeContains(window, candle.openTime)) continue;
      if (!isTimeframeAligned(candle.openTime, timeframe)) {
        if (!warnedMisaligned) {
          logger.warn({ openTime: candle.openTime, timeframe }, 'candles: venue open time not aligned to the timeframe; dropped');
          warnedMisaligned = true;
        }
        continue;
      }
      if (!page.has(candle.openTime)) page.set(candle.openTime, candle);
    }
    const added = [...page.values()].sort(byOpenTime);

    let done: TimeRange = window;
    const first = added[0];
    const last = added[added.length - 1];
    if (first !== undefined && last !== undefined && raw.length >= pageSize) {
      // Full page: only the span it covers is known; the venue may hold more on either side.
      done = intersectRange({ since: first.openTime, until: timeframeNextOpen(last.openTime, timeframe) }, window) ?? window;
    }
    boost = added.length === 0 ? Math.min(boost * 2, MAX_BOOST) : 1;

    for (const candle of added) got.set(candle.openTime, candle);
    seen?.add(added.map((c) => c.openTime));
    settled.push(done);
    unresolved = [...alignStarts(subtractRanges(next, [done]), timeframe), ...unresolved.slice(1)];
    options.onStep?.({ settled: done, added, requests });
  }

  return { candles: [...got.values()].sort(byOpenTime), settled: normalizeRanges(settled), requests };
}
