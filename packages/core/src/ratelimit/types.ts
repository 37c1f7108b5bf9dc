/** A static limit: at most `limit` weight units in any `windowMs` (the venue's documented quota). */
export interface BucketConfig {
  /** Weight units the venue allows per window (venue A `order:create` linear: 10). */
  readonly limit: number;
  /** The venue's window, ms (venue A per-UID: 1000; venue A IP: 5000 for 600). */
  readonly windowMs: number;
  /** Waiting requests allowed in this bucket; one more is refused at once. Default: the limiter's `maxQueue`. */
  readonly maxQueue?: number;
  /** Fraction of `limit` kept unused. Default: the limiter's `headroom`. */
  readonly headroom?: number;
}

/**
 * What one request consumes: bucket key → weight, e.g. `{ ip: 1, 'order:create': 1 }`. Keys are
 * chosen by the exchange package (endpoint groups, `ip`, `uid`, or per connection kind such as
 * `ws:connect`); a request takes from all of them at once or waits.
 */
export type RateLimitCost = Readonly<Record<string, number>>;

/**
 * A run-time correction read from the venue's own response headers (venue A `X-Bapi-Limit`,
 * `X-Bapi-Limit-Status`, `X-Bapi-Limit-Reset-Timestamp`). Only ever tightens what the limiter
 * allows, except `limit`, which replaces the configured quota (tier changes).
 */
export interface RateLimitUpdate {
  readonly bucket: string;
  /** The venue's current quota for this bucket. */
  readonly limit?: number;
  /** What the venue says is left in its current window. */
  readonly remaining?: number;
  /** When the venue's window resets, epoch ms on the venue's clock. */
  readonly resetAt?: number;
  /** Window for a bucket first seen in headers (default: the limiter's `defaultWindowMs`). */
  readonly windowMs?: number;
}

/** Permission to send one request. Call `release()` once the response (or failure) is in. */
export interface RateLimitPermit {
  /** How long the request waited in the queue, ms. */
  readonly waitedMs: number;
  /** Idempotent. The request's weight stays counted for one window after this moment. */
  release(): void;
}

export interface BucketSnapshot {
  readonly bucket: string;
  readonly limit: number;
  /** `limit` minus the headroom: what the limiter actually lets through per window. */
  readonly effectiveLimit: number;
  readonly windowMs: number;
  /** Weight in flight or spent within the last window (including venue-reported use). */
  readonly used: number;
  readonly queued: number;
  /** Local epoch ms until which the bucket is paused (after a 429 / venue limit code). */
  readonly pausedUntil?: number;
}
