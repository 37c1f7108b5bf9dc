import { ClosedError, InvalidArgumentError, RateLimitError } from '../errors/error-classes.js';
import { silentLogger, type Logger } from '../logging/logger.js';
import { systemClock, type Clock } from '../time/clock.js';
import { systemTimers, type TimerHandle, type Timers } from '../time/timers.js';
import type { BucketConfig, BucketSnapshot, RateLimitCost, RateLimitPermit, RateLimitUpdate } from './types.js';
import { WindowBucket } from './window-bucket.js';

/** `details.reason` of the RateLimitError raised when a bucket's wait queue is full (local back-pressure, nothing was sent). */
export const LOCAL_QUEUE_FULL = 'local-queue-full';

export interface RateLimiterOptions {
  /** Static quotas by bucket key, e.g. `{ ip: { limit: 600, windowMs: 5000 }, 'order:create': { limit: 10, windowMs: 1000 } }`. */
  readonly buckets: Readonly<Record<string, BucketConfig>>;
  /**
   * Fraction of every quota kept unused (default 0.05). Limiters that run exactly at the limit
   * still get banned (other clients on the same key, venue-side rounding): ccxt added 5 % after #20718.
   */
  readonly headroom?: number;
  /** Waiting requests allowed per bucket before refusing at once (default 1000). */
  readonly maxQueue?: number;
  /** Window for buckets first seen in venue headers (default 1000). */
  readonly defaultWindowMs?: number;
  /** Local clock (default `systemClock`). */
  readonly clock?: Clock;
  /** The venue's clock (a `ServerTimeSync`), to read `resetAt` values; default: same as `clock`. */
  readonly venueClock?: Clock;
  readonly timers?: Timers;
  /** Exchange id for errors and logs. */
  readonly exchange?: string;
  readonly logger?: Logger;
}

export interface AcquireOptions {
  /** Aborting removes the request from the queue and rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
}

interface Waiter {
  readonly seq: number;
  readonly items: ReadonlyArray<readonly [WindowBucket, number]>;
  readonly enqueuedAt: number;
  readonly resolve: (permit: RateLimitPermit) => void;
  readonly reject: (err: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

const NOOP_PERMIT: RateLimitPermit = Object.freeze({ waitedMs: 0, release: () => undefined });

/**
 * Weighted, multi-bucket request limiter. A request names the buckets it consumes from
 * (`{ ip: 1, 'order:create': 1 }`) and either takes from all of them at once or waits — it is
 * never sent early. Waiters are served first-come-first-served per bucket: a later request may
 * pass only if the capacity it needs is not already reserved by earlier waiters, so an order
 * stuck on its endpoint quota does not block market data sharing the `ip` bucket, and a heavy
 * request is never starved by light ones.
 *
 * Run-time corrections come from the venue (`update`, fed from response headers) and from 429s /
 * venue limit codes (`pause`: the whole bucket waits until the venue's reset time).
 */
export class RateLimiter {
  readonly #buckets = new Map<string, WindowBucket>();
  readonly #clock: Clock;
  readonly #venueClock: Clock | undefined;
  readonly #timers: Timers;
  readonly #logger: Logger;
  readonly #exchange: string;
  readonly #headroom: number;
  readonly #maxQueue: number;
  readonly #defaultWindowMs: number;
  #queue: Waiter[] = [];
  #seq = 0;
  #timer: TimerHandle | undefined;
  #timerAt = Infinity;
  #closed = false;

  constructor(options: RateLimiterOptions) {
    this.#clock = options.clock ?? systemClock;
    this.#venueClock = options.venueClock;
    this.#timers = options.timers ?? systemTimers;
    this.#logger = options.logger ?? silentLogger;
    this.#exchange = options.exchange ?? 'exkit';
    this.#headroom = options.headroom ?? 0.05;
    this.#maxQueue = options.maxQueue ?? 1000;
    this.#defaultWindowMs = options.defaultWindowMs ?? 1000;
    for (const [key, cfg] of Object.entries(options.buckets)) this.#add(key, cfg);
  }

  /** Waits until every bucket named in `cost` has room, then takes from all of them. */
  acquire(cost: RateLimitCost, options: AcquireOptions = {}): Promise<RateLimitPermit> {
    if (this.#closed) return Promise.reject(new ClosedError(`${this.#exchange}: rate limiter closed`, { exchange: this.#exchange }));
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const items: Array<readonly [WindowBucket, number]> = [];
    for (const [key, weight] of Object.entries(cost)) {
      if (!(Number.isFinite(weight) && weight >= 0)) return Promise.reject(this.#invalid(`weight for ${key} must be a finite number ≥ 0, got ${weight}`));
      if (weight === 0) continue;
      const bucket = this.#buckets.get(key);
      if (bucket === undefined) return Promise.reject(this.#invalid(`unknown rate-limit bucket "${key}" (configured: ${[...this.#buckets.keys()].join(', ')})`));
      items.push([bucket, weight]);
    }
    if (items.length === 0) return Promise.resolve(NOOP_PERMIT);

    const now = this.#clock.now();
    const full = items.find(([b]) => b.queued >= b.maxQueue && !this.#fitsNow(items, now));
    if (full !== undefined) {
      const [b] = full;
      const retryAfterMs = Math.max(0, (b.nextChange(now) ?? now + b.windowMs) - now);
      this.#logger.warn({ exchange: this.#exchange, bucket: b.key, queued: b.queued }, 'rate-limit queue full; request refused');
      return Promise.reject(
        new RateLimitError(`${this.#exchange}: rate-limit queue for "${b.key}" is full (${b.queued} waiting); nothing was sent`, {
          exchange: this.#exchange,
          retryAfterMs,
          details: { reason: LOCAL_QUEUE_FULL, bucket: b.key, queued: b.queued },
        }),
      );
    }

    return new Promise<RateLimitPermit>((resolve, reject) => {
      const waiter: Waiter = {
        seq: this.#seq++,
        items,
        enqueuedAt: now,
        resolve,
        reject,
        signal,
        onAbort: () => this.#drop(waiter, signal?.reason),
      };
      for (const [b] of items) b.queued++;
      this.#queue.push(waiter);
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#pump();
    });
  }

  /** Applies what the venue says about its own counters (from response headers). */
  update(updates: RateLimitUpdate | readonly RateLimitUpdate[]): void {
    const list: readonly RateLimitUpdate[] = Array.isArray(updates) ? updates : [updates as RateLimitUpdate];
    const now = this.#clock.now();
    for (const u of list) {
      let b = this.#buckets.get(u.bucket);
      if (b === undefined) {
        if (u.limit === undefined || !(u.limit >= 1)) continue;
        b = this.#add(u.bucket, { limit: u.limit, windowMs: u.windowMs ?? this.#defaultWindowMs });
      }
      if (u.limit !== undefined && u.limit >= 1 && u.limit !== b.limit) {
        this.#logger.debug({ exchange: this.#exchange, bucket: b.key, from: b.limit, to: u.limit }, 'rate limit changed by the venue');
        b.limit = u.limit;
      }
      if (u.remaining !== undefined && Number.isFinite(u.remaining)) {
        // Count what the venue has seen and we have not (other clients on the same key, requests
        // from before a restart) until the venue's reset; never loosen our own accounting.
        const deficit = b.limit - u.remaining - b.used(now);
        const reset = u.resetAt === undefined ? undefined : this.#toLocal(u.resetAt);
        const until = reset !== undefined && reset > now ? reset : now + b.windowMs;
        if (deficit > 0) b.spend(deficit, until + 1);
      }
    }
    this.#pump();
  }

  /** Holds every request on these buckets until `untilMs` (local epoch ms), e.g. after a 429. */
  pauseUntil(buckets: string | readonly string[], untilMs: number): void {
    for (const key of typeof buckets === 'string' ? [buckets] : buckets) {
      const b = this.#buckets.get(key);
      if (b === undefined) continue;
      b.pause(untilMs);
      this.#logger.info({ exchange: this.#exchange, bucket: key, pausedForMs: Math.max(0, untilMs - this.#clock.now()) }, 'rate-limit bucket paused');
    }
    this.#pump();
  }

  /** Holds every request on these buckets for `ms` from now. */
  pause(buckets: string | readonly string[], ms: number): void {
    this.pauseUntil(buckets, this.#clock.now() + Math.max(0, ms));
  }

  has(bucket: string): boolean {
    return this.#buckets.has(bucket);
  }

  snapshot(): BucketSnapshot[] {
    const now = this.#clock.now();
    return [...this.#buckets.values()].map((b) => ({
      bucket: b.key,
      limit: b.limit,
      effectiveLimit: b.effective,
      windowMs: b.windowMs,
      used: b.used(now),
      queued: b.queued,
      ...(b.pausedUntil > now && { pausedUntil: b.pausedUntil }),
    }));
  }

  /** Rejects every waiting request with ClosedError and clears the timer; later `acquire`s reject too. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#clearTimer();
    const waiting = this.#queue;
    this.#queue = [];
    for (const w of waiting) {
      w.signal?.removeEventListener('abort', w.onAbort);
      w.reject(new ClosedError(`${this.#exchange}: rate limiter closed`, { exchange: this.#exchange }));
    }
  }

  #add(key: string, cfg: BucketConfig): WindowBucket {
    const b = new WindowBucket(key, cfg.limit, cfg.windowMs, cfg.headroom ?? this.#headroom, cfg.maxQueue ?? this.#maxQueue);
    this.#buckets.set(key, b);
    return b;
  }

  #toLocal(venueMs: number): number {
    return this.#venueClock === undefined ? venueMs : this.#clock.now() + (venueMs - this.#venueClock.now());
  }

  #fitsNow(items: ReadonlyArray<readonly [WindowBucket, number]>, now: number): boolean {
    return items.every(([b, w]) => b.queued === 0 && b.available(now) >= Math.min(w, b.effective));
  }

  #invalid(message: string): InvalidArgumentError {
    return new InvalidArgumentError(`${this.#exchange}: ${message}`, { exchange: this.#exchange });
  }

  #drop(waiter: Waiter, reason: unknown): void {
    const i = this.#queue.indexOf(waiter);
    if (i < 0) return;
    this.#queue.splice(i, 1);
    for (const [b] of waiter.items) b.queued--;
    waiter.reject(reason);
    this.#pump();
  }

  /** Grants every waiter that fits, in arrival order, leaving reserved room for earlier ones. */
  #pump(): void {
    if (this.#closed) return;
    const now = this.#clock.now();
    const reserved = new Map<WindowBucket, number>();
    const still: Waiter[] = [];
    for (const w of this.#queue) {
      // A weight above the bucket's quota could never fit: it waits for an empty bucket instead.
      const fits = w.items.every(([b, weight]) => b.available(now) - (reserved.get(b) ?? 0) >= Math.min(weight, b.effective));
      if (fits) {
        this.#grant(w, now);
      } else {
        for (const [b, weight] of w.items) reserved.set(b, (reserved.get(b) ?? 0) + Math.min(weight, b.effective));
        still.push(w);
      }
    }
    this.#queue = still;
    this.#schedule(now);
  }

  #grant(w: Waiter, now: number): void {
    for (const [b, weight] of w.items) {
      b.queued--;
      b.take(weight);
    }
    w.signal?.removeEventListener('abort', w.onAbort);
    let released = false;
    w.resolve({
      waitedMs: now - w.enqueuedAt,
      release: () => {
        if (released) return;
        released = true;
        const at = this.#clock.now();
        for (const [b, weight] of w.items) b.release(weight, at);
        this.#pump();
      },
    });
  }

  /** One timer for the earliest moment a waiting request could fit; releases wake the pump directly. */
  #schedule(now: number): void {
    let at = Infinity;
    const seen = new Set<WindowBucket>();
    for (const w of this.#queue) {
      for (const [b] of w.items) {
        if (seen.has(b)) continue;
        seen.add(b);
        const next = b.nextChange(now);
        if (next !== undefined && next < at) at = next;
      }
    }
    if (at === this.#timerAt) return;
    this.#clearTimer();
    if (at === Infinity) return;
    this.#timerAt = at;
    // Timers may fire a hair before the wall clock reaches `at`: the pump re-checks and re-arms.
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = undefined;
      this.#timerAt = Infinity;
      this.#pump();
    }, Math.max(1, at - now));
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) this.#timers.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Infinity;
  }
}
