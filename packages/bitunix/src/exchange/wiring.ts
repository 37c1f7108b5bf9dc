import { RateLimiter, RestTransport, RetryPolicy, ServerTimeSync, serverTimeFromDateHeader, systemClock, type Logger, type TimestampSource } from '@exkit/core';
import { EXCHANGE_ID, type ResolvedOptions } from '../options.js';
import { BitunixRest } from '../rest/client.js';
import { DEPTH } from '../rest/endpoints/depth.js';
import { RATE_LIMIT_PAUSE_MS } from '../rest/error-codes.js';
import { BreachPacer } from '../rest/breaches.js';
import { createEnvelopeDecoder } from '../rest/envelope.js';
import { BUCKETS } from '../rest/limits.js';
import { createRestSigner } from '../rest/sign.js';

/** The transport layer of one exchange: limiter, retry, venue clock and the REST host. */
export interface BitunixWiring {
  readonly limiter: RateLimiter;
  readonly retry: RetryPolicy;
  /** Order placement's: a shorter budget than reads — an order landing late is a different decision. */
  readonly placement: RetryPolicy;
  readonly sync: ServerTimeSync | undefined;
  /** The venue-time clock signatures, logins and pings are stamped with. */
  readonly venueTime: TimestampSource;
  readonly transport: RestTransport;
  readonly rest: BitunixRest;
}

/** The venue's clock as the HTTP `Date` header of a tiny public reply reads it. */
export type ServerTimeProbe = (signal?: AbortSignal) => Promise<{ serverTime: number; precisionMs: number }>;

/**
 * Builds limiter, retry, time sync and transport, in that order. `probe` is the server-time probe the
 * sync calls (it needs the transport built here, so it is only called later).
 */
export function wireBitunix(options: ResolvedOptions, logger: Logger, probe: ServerTimeProbe): BitunixWiring {
  const clock = options.clock ?? systemClock;
  const limiter = new RateLimiter({ buckets: BUCKETS, clock, exchange: EXCHANGE_ID, logger });
  // Reads ride out a venue outage (503 / maintenance) of ~12 s: up to 10 attempts inside a 15 s budget. Placements
  // retry only under their client id, within 3 s (each lookup of a lost attempt too).
  const retry = new RetryPolicy({ clock, logger, maxAttempts: 10, budgetMs: 15_000 });
  const placement = new RetryPolicy({ clock, logger, maxAttempts: 3, budgetMs: 3_000 });
  const sync = options.clockSync
    ? new ServerTimeSync({ exchange: EXCHANGE_ID, clock, logger, fetchServerTime: (signal) => probe(signal), probes: 2, recvWindowMs: 5_000 })
    : undefined;
  const venueTime: TimestampSource = sync ?? clock;
  const transport = new RestTransport({
    exchange: EXCHANGE_ID,
    baseUrl: options.urls.rest,
    timeoutMs: options.requestTimeoutMs,
    signer: createRestSigner(),
    ...(options.credentials !== undefined && { credentials: options.credentials }),
    time: venueTime,
    decoder: createEnvelopeDecoder({ signingClock: venueTime, pacer: new BreachPacer(clock) }),
    limiter,
    rateLimitPauseMs: RATE_LIMIT_PAUSE_MS,
    retry,
    logger,
    clock,
  });
  const rest = new BitunixRest(transport, options.language);
  return { limiter, retry, placement, sync, venueTime, transport, rest };
}

/** No time endpoint exists (bitunix.md §3, PROBE rest.md §7): the HTTP `Date` header of a tiny public reply is the venue's clock. */
export async function probeServerTime(rest: BitunixRest, probeSymbol: string, signal?: AbortSignal): Promise<{ serverTime: number; precisionMs: number }> {
  const res = await rest.send(DEPTH, { symbol: probeSymbol, limit: '1' }, signal === undefined ? {} : { signal });
  const reading = serverTimeFromDateHeader(res.headers, EXCHANGE_ID);
  return { serverTime: reading.serverTime, precisionMs: reading.precisionMs ?? 500 };
}

/**
 * Stops the time sync, closes what `closeFirst` starts (the stream managers) and the REST host,
 * waiting for all of them to settle, then closes the limiter.
 */
export async function closeWiring(wiring: BitunixWiring, closeFirst: () => ReadonlyArray<Promise<unknown> | undefined>): Promise<void> {
  wiring.sync?.stop();
  await Promise.allSettled([...closeFirst(), wiring.transport.close()]);
  wiring.limiter.close();
}
