import { InvalidArgumentError } from '../errors/error-classes.js';
import { silentLogger, type Logger } from '../logging/logger.js';
import type { Candle } from '../models/candle.js';
import { timeframeSchema, type Timeframe } from '../models/enums.js';
import { systemClock, type Clock } from '../time/clock.js';
import type { CandleCache, CandleSeriesKey } from './cache.js';
import { walkCandlePages, type CandlePageFetcher } from './pager.js';
import { intersectRange, normalizeRanges, rangeContains, subtractRanges, type TimeRange } from './ranges.js';
import { timeframeNextOpen, timeframeOpen } from './timeframes.js';

/** A superset of `CandleQuery['onProgress']`'s argument, so `query.onProgress` can be passed as is. */
export interface CandleDownloadProgress {
  /** Candles gathered so far, cache hits included (never more than `limit`). */
  readonly fetched: number;
  readonly since: number;
  /** The range end (exclusive). */
  readonly until: number;
  /**
   * Progress position: `since` plus the length of the range settled so far (downloaded, read from
   * the cache, or known to be empty). It only grows and ends at `until`, so
   * `(cursor - since) / (until - since)` is the fraction done. It is not the time of a candle:
   * newest-first venues are walked backwards, oldest-first ones forwards.
   */
  readonly cursor: number;
  /** Page requests sent so far. */
  readonly requests: number;
}

export interface DownloadCandlesOptions {
  /** Exchange id, for the cache key and errors. */
  readonly exchange: string;
  /** The symbol the candles carry (unified); also the cache key. */
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** Inclusive lower bound on open time, epoch ms. */
  readonly since: number;
  /** Exclusive upper bound on open time; default now. */
  readonly until?: number;
  readonly fetchPage: CandlePageFetcher;
  /** The venue's maximum page size (1000, 200, …). A page shorter than this means "that is all there is". */
  readonly pageSize: number;
  /** At most this many candles: the earliest ones from `since`. */
  readonly limit?: number;
  /** Include the still-running candle (`closed: false`). It is never cached. */
  readonly includeOpen?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: CandleDownloadProgress) => void;
  /** Serve covered stretches locally and record what is downloaded. */
  readonly cache?: CandleCache;
  /**
   * A venue may publish a just-closed candle a little late, so an empty stretch ending less than this
   * before now is not recorded as a known hole (it is asked for again next time). Default 5 minutes.
   */
  readonly settleMs?: number;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

const DEFAULT_SETTLE_MS = 5 * 60_000;

interface Segment {
  readonly range: TimeRange;
  readonly fromCache: boolean;
  /** False for the still-open candle's interval. */
  readonly cacheable: boolean;
}

function validate(o: DownloadCandlesOptions): void {
  const fail = (message: string): never => {
    throw new InvalidArgumentError(`downloadCandles: ${message}`, { exchange: typeof o.exchange === 'string' && o.exchange !== '' ? o.exchange : 'exkit', method: 'downloadCandles' });
  };
  if (typeof o.exchange !== 'string' || o.exchange === '') fail('exchange must be a non-empty string');
  if (typeof o.symbol !== 'string' || o.symbol === '') fail('symbol must be a non-empty string');
  if (!timeframeSchema.safeParse(o.timeframe).success) fail(`unknown timeframe ${String(o.timeframe)}`);
  if (!Number.isSafeInteger(o.since)) fail(`since must be an integer epoch ms, got ${o.since}`);
  if (o.until !== undefined && !Number.isSafeInteger(o.until)) fail(`until must be an integer epoch ms, got ${o.until}`);
  if (!Number.isSafeInteger(o.pageSize) || o.pageSize < 1) fail(`pageSize must be a positive integer, got ${o.pageSize}`);
  if (o.limit !== undefined && (!Number.isSafeInteger(o.limit) || o.limit < 1)) fail(`limit must be a positive integer, got ${o.limit}`);
  if (o.settleMs !== undefined && !(Number.isFinite(o.settleMs) && o.settleMs >= 0)) fail(`settleMs must be ≥ 0, got ${o.settleMs}`);
  if (typeof o.fetchPage !== 'function') fail('fetchPage must be a function');
}

/**
 * Every candle with an open time in `[since, until)`, ascending, unique, exact: the closed part is
 * served from the cache where covered and paged from the venue where not (only the gaps are
 * fetched, each recorded in the cache as soon as it is settled — also when a later page fails or
 * the download is aborted). The still-open candle is left out unless `includeOpen`, and never
 * cached. Requests are sequential; pacing them is the transport's job.
 */
export async function downloadCandles(options: DownloadCandlesOptions): Promise<Candle[]> {
  validate(options);
  const { timeframe, since, pageSize, fetchPage, limit, signal, cache, includeOpen = false } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
  const now = clock.now();
  const until = options.until ?? now;
  if (until <= since) return [];
  const key: CandleSeriesKey = { exchange: options.exchange, symbol: options.symbol, timeframe };
  const currentOpen = timeframeOpen(now, timeframe);
  // Open by the venue's word or by the clock (a candle whose interval has not ended yet).
  const isOpen = (c: Candle): boolean => !c.closed || timeframeNextOpen(c.openTime, timeframe) > now;

  signal?.throwIfAborted();
  const segments = await planSegments({ key, since, until, currentOpen, includeOpen, cache, logger });

  const out: Candle[] = [];
  let settledMs = 0;
  let requests = 0;
  const report = (pending: number): void => {
    if (options.onProgress === undefined) return;
    const fetched = out.length + pending;
    options.onProgress({ fetched: limit === undefined ? fetched : Math.min(fetched, limit), since, until, cursor: Math.min(until, since + settledMs), requests });
  };

  for (const segment of segments) {
    if (limit !== undefined && out.length >= limit) break;
    signal?.throwIfAborted();

    if (segment.fromCache && cache !== undefined) {
      const cached = await readCache(cache, key, segment.range, logger);
      if (cached !== undefined) {
        for (const c of cached) out.push(c);
        settledMs += segment.range.until - segment.range.since;
        report(0);
        continue;
      }
    }

    const settled: TimeRange[] = [];
    const fresh: Candle[] = [];
    let kept = 0; // what `fresh` will add to `out`, so `fetched` never steps back
    try {
      await walkCandlePages({
        timeframe,
        range: segment.range,
        pageSize,
        fetchPage,
        ...(limit !== undefined && { limit: limit - out.length }),
        ...(signal !== undefined && { signal }),
        logger,
        onStep: (step) => {
          requests += 1;
          settledMs += step.settled.until - step.settled.since;
          settled.push(step.settled);
          for (const c of step.added) {
            fresh.push(c);
            if (includeOpen || !isOpen(c)) kept += 1;
          }
          report(kept);
        },
      });
    } finally {
      fresh.sort((a, b) => a.openTime - b.openTime);
      if (cache !== undefined && segment.cacheable) await persist({ cache, key, settled, fresh, isOpen, now, settleMs, timeframe, logger });
    }
    for (const c of fresh) {
      const open = isOpen(c);
      if (open && !includeOpen) continue;
      out.push(c.closed === !open ? c : { ...c, closed: !open });
    }
  }

  settledMs = until - since;
  report(0);
  return limit === undefined ? out : out.slice(0, limit);
}

/** The closed part split into cached and missing stretches, in time order; then the open candle's interval. */
async function planSegments(p: {
  readonly key: CandleSeriesKey;
  readonly since: number;
  readonly until: number;
  readonly currentOpen: number;
  readonly includeOpen: boolean;
  readonly cache: CandleCache | undefined;
  readonly logger: Logger;
}): Promise<Segment[]> {
  const segments: Segment[] = [];
  const closed: TimeRange = { since: p.since, until: Math.min(p.until, p.currentOpen) };
  if (closed.until > closed.since) {
    let covered: TimeRange[] = [];
    if (p.cache !== undefined) {
      try {
        const raw = await p.cache.covered(p.key, closed);
        covered = normalizeRanges(raw.map((r) => intersectRange(r, closed)).filter((r): r is TimeRange => r !== undefined));
      } catch (error) {
        p.logger.warn({ err: error }, 'candle cache: covered() failed; downloading the whole range');
      }
    }
    for (const range of covered) segments.push({ range, fromCache: true, cacheable: true });
    for (const range of subtractRanges(closed, covered)) segments.push({ range, fromCache: false, cacheable: true });
    segments.sort((a, b) => a.range.since - b.range.since);
  }
  if (p.includeOpen && p.since <= p.currentOpen && p.currentOpen < p.until) {
    const range = { since: p.currentOpen, until: Math.min(p.until, timeframeNextOpen(p.currentOpen, p.key.timeframe)) };
    segments.push({ range, fromCache: false, cacheable: false });
  }
  return segments;
}

/** Cached candles of a covered stretch, or undefined when the cache fails (the stretch is downloaded instead). */
async function readCache(cache: CandleCache, key: CandleSeriesKey, range: TimeRange, logger: Logger): Promise<Candle[] | undefined> {
  try {
    const candles = await cache.read(key, range);
    return candles.filter((c) => rangeContains(range, c.openTime)).sort((a, b) => a.openTime - b.openTime);
  } catch (error) {
    logger.warn({ err: error }, 'candle cache: read() failed; downloading the stretch instead');
    return undefined;
  }
}

/**
 * Records what the walk settled. Coverage never reaches the first still-open candle, and an empty
 * tail newer than `now - settleMs` past the newest candle seen is left out (it may be late, not
 * missing). A failing cache is logged, never fatal: the download itself succeeded.
 */
async function persist(p: {
  readonly cache: CandleCache;
  readonly key: CandleSeriesKey;
  readonly settled: readonly TimeRange[];
  /** Ascending. */
  readonly fresh: readonly Candle[];
  readonly isOpen: (c: Candle) => boolean;
  readonly now: number;
  readonly settleMs: number;
  readonly timeframe: Timeframe;
  readonly logger: Logger;
}): Promise<void> {
  const cutoff = p.now - p.settleMs;
  let trustedEnd = Number.NEGATIVE_INFINITY;
  let firstOpen = Number.POSITIVE_INFINITY;
  for (const c of p.fresh) {
    if (p.isOpen(c)) firstOpen = Math.min(firstOpen, c.openTime);
    else trustedEnd = Math.max(trustedEnd, timeframeNextOpen(c.openTime, p.timeframe));
  }
  let i = 0;
  for (const piece of normalizeRanges(p.settled)) {
    let end = piece.until;
    if (end > cutoff) end = Math.min(end, Math.max(cutoff, trustedEnd));
    end = Math.min(end, firstOpen);
    if (end <= piece.since) continue;
    const range: TimeRange = { since: piece.since, until: end };
    while (i < p.fresh.length && (p.fresh[i] as Candle).openTime < range.since) i += 1;
    const candles: Candle[] = [];
    for (let c = p.fresh[i]; c !== undefined && c.openTime < range.until; c = p.fresh[++i]) candles.push(c);
    try {
      await p.cache.write(p.key, range, candles);
    } catch (error) {
      p.logger.warn({ err: error, since: range.since, until: range.until }, 'candle cache: write() failed; the range will be downloaded again next time');
    }
  }
}
