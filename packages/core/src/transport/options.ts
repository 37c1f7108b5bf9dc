import type { AxiosProxyConfig } from 'axios';
import type { CredentialsProvider } from '../credentials/credentials.js';
import type { RateLimitError } from '../errors/error-classes.js';
import type { Redactor } from '../errors/redact.js';
import type { Logger } from '../logging/logger.js';
import type { RateLimiter } from '../ratelimit/rate-limiter.js';
import type { RateLimitCost } from '../ratelimit/types.js';
import type { RetryPolicy } from '../retry/retry-policy.js';
import type { Clock } from '../time/clock.js';
import type { TimestampSource } from '../time/server-time.js';
import type { RateLimitHeaderReader, RequestSigner, ResponseDecoder, StatusClassifier, TransportHooks } from './types.js';

export interface RestTransportOptions {
  /** Exchange id, used in every error and log line. */
  readonly exchange: string;
  /** `https://api.example.com`; paths are appended to it. */
  readonly baseUrl: string;
  /** Per-attempt timeout, ms (default 10 000). Time waiting for the rate limiter does not count. */
  readonly timeoutMs?: number;
  /** Signs `signed: true` requests (exchange-supplied). */
  readonly signer?: RequestSigner;
  /** Resolved on the first signed request, and again after an AuthenticationError (rotated keys). */
  readonly credentials?: CredentialsProvider;
  /** The clock signatures are stamped with: a `ServerTimeSync` (default: the local clock). */
  readonly time?: TimestampSource;
  /** Envelope → data or typed error (exchange-supplied; default: the JSON body is the data). */
  readonly decoder?: ResponseDecoder;
  /** Override for non-2xx / HTML responses (exchange-supplied). */
  readonly classifyStatus?: StatusClassifier;
  /** Requests with a `cost` wait here before being sent. May be shared by several transports. */
  readonly limiter?: RateLimiter;
  /** Venue limit headers → limiter corrections (exchange-supplied). */
  readonly rateLimitHeaders?: RateLimitHeaderReader;
  /** Pause applied to the request's buckets after a RateLimitError without `retryAfterMs` (default 1000). */
  readonly rateLimitPauseMs?: number;
  /** Which buckets a RateLimitError pauses (default: every bucket the request consumed from). */
  readonly pauseBuckets?: (error: RateLimitError, cost: RateLimitCost) => readonly string[];
  /** Retries for idempotent calls (default `new RetryPolicy()`; `RetryPolicy.none()` to disable). */
  readonly retry?: RetryPolicy;
  /** Query serialiser (default: percent-encoded `k=v&…` in the given order). Must produce URL-safe text. */
  readonly serializeQuery?: (entries: ReadonlyArray<readonly [string, string]>) => string;
  readonly hooks?: TransportHooks;
  readonly logger?: Logger;
  /** Shared redactor (e.g. with the exchange's sockets); the credentials are registered in it. */
  readonly redactor?: Redactor;
  /** Local clock for durations and resync bookkeeping (default `systemClock`). */
  readonly clock?: Clock;
  readonly userAgent?: string;
  /** Sockets per host (default: Node's, unlimited). */
  readonly maxSockets?: number;
  /** Largest response accepted, bytes (default 32 MiB). */
  readonly maxResponseBytes?: number;
  /** Outbound proxy (default: none — environment proxies are ignored). */
  readonly proxy?: AxiosProxyConfig | false;
}
