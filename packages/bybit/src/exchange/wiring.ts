import { RateLimiter, Redactor, RestTransport, RetryPolicy, ServerTimeSync, type Clock, type Logger, type TimestampSource } from '@exkit/core';
import { EXCHANGE_ID, type ResolvedBybitOptions } from '../options.js';
import type { BybitRest } from '../rest/client.js';
import { getServerTime } from '../rest/endpoints/server-time.js';
import { createEnvelopeDecoder } from '../rest/envelope.js';
import { bybitBuckets, classifyBybitStatus, pauseBucketsFor, readRateLimitHeaders } from '../rest/limits.js';
import { createBybitSigner } from '../rest/sign.js';
import type { BybitInternals } from './internals.js';
import { ObservedVenueTime } from './venue-time.js';

/**
 * Reads are retried through an outage of up to ~10 s (a venue restart, a 503 window: CK-FT-04):
 * capped exponential backoff (≤ 5 s per wait) keeps trying for 15 s, so some attempt always lands
 * after a 10 s window; a longer outage surfaces as ExchangeUnavailable. The budget, not the
 * attempt count, is what ends the retries.
 */
export const RETRY_BUDGET_MS = 15_000;
const RETRY_MAX_ATTEMPTS = 12;
/**
 * An order is a decision at a price: placing it long after the caller asked is a different
 * decision, so placement retries (always under one orderLinkId, looked up before a repeat) stop
 * after 8 s — a venue rate-limit window (~5 s) still fits, a longer outage surfaces to the caller.
 */
export const PLACEMENT_RETRY_BUDGET_MS = 8_000;

/** The transport layer of one exchange: retry, venue clock, rate limiter and the REST hosts. */
export interface BybitWiring {
  readonly redactor: Redactor;
  readonly retry: RetryPolicy;
  /** Order placement's retry policy (shorter budget than reads). */
  readonly placementRetry: RetryPolicy;
  readonly timeSync: ServerTimeSync | undefined;
  /** Venue time: the synced clock when time sync is on, else the exchange's clock. */
  readonly venueClock: TimestampSource;
  readonly limiter: RateLimiter;
  readonly rest: BybitRest;
  /** The venue's time as its latest answers and frames show it. */
  readonly observedTime: ObservedVenueTime;
}

/** Builds retry, time sync, limiter and transports, in that order (each needs the ones before). */
export function wireBybit(options: ResolvedBybitOptions, internals: BybitInternals, clock: Clock, logger: Logger): BybitWiring {
  const redactor = new Redactor();
  const retry = internals.retry ?? new RetryPolicy({ logger, clock, maxAttempts: RETRY_MAX_ATTEMPTS, budgetMs: RETRY_BUDGET_MS });
  const placementRetry = internals.retry ?? new RetryPolicy({ logger, clock, maxAttempts: RETRY_MAX_ATTEMPTS, budgetMs: PLACEMENT_RETRY_BUDGET_MS });
  // The private host checks the timestamps, so its clock is the one to follow.
  const { timeSync, venueClock } = createVenueClock(options, clock, logger, (signal) => getServerTime(rest, signal, 'private', true));
  const limiter = new RateLimiter({ buckets: bybitBuckets(), clock, venueClock, exchange: EXCHANGE_ID, logger });
  const observedTime = new ObservedVenueTime(clock);
  const rest = createRestTransports(options, { clock, logger, redactor, retry, limiter, venueClock, observedTime });
  return { redactor, retry, placementRetry, timeSync, venueClock, limiter, rest, observedTime };
}

/**
 * With `timeSync`, a venue clock that follows the server's time and keeps refreshing in the
 * background once the first sync ran; without, the exchange's own clock.
 */
function createVenueClock(
  options: ResolvedBybitOptions,
  clock: Clock,
  logger: Logger,
  fetchServerTime: (signal: AbortSignal) => Promise<number>,
): { timeSync: ServerTimeSync | undefined; venueClock: TimestampSource } {
  if (!options.timeSync) return { timeSync: undefined, venueClock: clock };
  const sync = new ServerTimeSync({
    exchange: EXCHANGE_ID,
    clock,
    logger,
    recvWindowMs: options.recvWindow,
    fetchServerTime,
  });
  let started = false;
  const venueClock: TimestampSource = {
    now: () => sync.now(),
    ensureSynced: async () => {
      await sync.ensureSynced();
      // Keep refreshing in the background once the first sync ran (its timer is unref'd).
      if (!started && sync.status.synced) {
        started = true;
        sync.start();
      }
    },
    resync: (reason, staleSince) => sync.resync(reason, staleSince),
  };
  return { timeSync: sync, venueClock };
}

/** The signed (private) host and the public one; one transport when both are the same URL. */
function createRestTransports(
  options: ResolvedBybitOptions,
  parts: {
    readonly clock: Clock;
    readonly logger: Logger;
    readonly redactor: Redactor;
    readonly retry: RetryPolicy;
    readonly limiter: RateLimiter;
    readonly venueClock: TimestampSource;
    readonly observedTime: ObservedVenueTime;
  },
): BybitRest {
  const { clock, logger, redactor, retry, limiter, venueClock, observedTime } = parts;
  const common = {
    exchange: EXCHANGE_ID,
    timeoutMs: options.timeoutMs,
    decoder: createEnvelopeDecoder(
      () => venueClock.now(),
      (t) => observedTime.observe(t),
    ),
    classifyStatus: classifyBybitStatus,
    limiter,
    rateLimitHeaders: readRateLimitHeaders,
    pauseBuckets: pauseBucketsFor,
    retry,
    logger,
    redactor,
    clock,
  };
  const privateTransport = new RestTransport({
    ...common,
    baseUrl: options.urls.rest,
    signer: createBybitSigner(options.recvWindow),
    ...(options.credentials !== undefined && { credentials: options.credentials }),
    time: venueClock,
  });
  const publicTransport = options.urls.publicRest === options.urls.rest ? privateTransport : new RestTransport({ ...common, baseUrl: options.urls.publicRest });
  return { public: publicTransport, private: privateTransport };
}

/**
 * Stops the time sync and the limiter, then closes what `closeFirst` starts (streams, WS order
 * entry) and both REST hosts (the shared one once), waiting for all of them to settle.
 */
export async function closeWiring(wiring: BybitWiring, closeFirst: () => ReadonlyArray<Promise<unknown> | undefined>): Promise<void> {
  wiring.timeSync?.stop();
  wiring.limiter.close();
  await Promise.allSettled([
    ...closeFirst(),
    wiring.rest.private.close(),
    wiring.rest.public === wiring.rest.private ? Promise.resolve() : wiring.rest.public.close(),
  ]);
}
