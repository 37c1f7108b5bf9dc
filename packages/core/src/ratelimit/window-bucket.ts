interface Spent {
  /** Local ms at which this weight stops counting. */
  readonly at: number;
  readonly weight: number;
}

/**
 * One bucket's accounting. Tokens do not drip back continuously (a classic token bucket lets 2×
 * the limit through a sliding window at the edge); each spent token comes back exactly one window
 * after the request that used it *finished*. The venue saw that request before it finished, so
 * the next one can never land inside the same venue-side window, whatever the network latency.
 */
export class WindowBucket {
  readonly key: string;
  limit: number;
  readonly windowMs: number;
  readonly headroom: number;
  readonly maxQueue: number;
  /** Weight of requests sent and not yet finished. */
  inflight = 0;
  /** Waiting requests naming this bucket. */
  queued = 0;
  pausedUntil = 0;
  /** Sorted by `at`. */
  #spent: Spent[] = [];
  #spentWeight = 0;

  constructor(key: string, limit: number, windowMs: number, headroom: number, maxQueue: number) {
    if (!(Number.isFinite(limit) && limit >= 1)) throw new RangeError(`rate-limit bucket ${key}: limit must be ≥ 1`);
    if (!(Number.isFinite(windowMs) && windowMs > 0)) throw new RangeError(`rate-limit bucket ${key}: windowMs must be > 0`);
    if (!(headroom >= 0 && headroom < 1)) throw new RangeError(`rate-limit bucket ${key}: headroom must be in [0, 1)`);
    this.key = key;
    this.limit = limit;
    this.windowMs = windowMs;
    this.headroom = headroom;
    this.maxQueue = maxQueue;
  }

  /** What actually goes through per window: `limit` less the headroom (floor, so ≥ 1 unit is kept for limits ≥ 2). */
  get effective(): number {
    return Math.max(1, Math.floor(this.limit * (1 - this.headroom)));
  }

  used(now: number): number {
    this.#prune(now);
    return this.inflight + this.#spentWeight;
  }

  /** Weight that could be taken now (may be negative after a venue correction). */
  available(now: number): number {
    return this.pausedUntil > now ? 0 : this.effective - this.used(now);
  }

  /** The next moment `available` grows without a release, if any is scheduled. */
  nextChange(now: number): number | undefined {
    if (this.pausedUntil > now) return this.pausedUntil;
    this.#prune(now);
    return this.#spent[0]?.at;
  }

  take(weight: number): void {
    this.inflight += weight;
  }

  /** The request finished: its weight keeps counting for one more window (+1 ms: venues count inclusive bounds). */
  release(weight: number, now: number): void {
    this.inflight = Math.max(0, this.inflight - weight);
    this.spend(weight, now + this.windowMs + 1);
  }

  /** Counts `weight` until `at` (also how venue-reported use the limiter did not see is recorded). */
  spend(weight: number, at: number): void {
    if (!(weight > 0)) return;
    let i = this.#spent.length;
    while (i > 0 && (this.#spent[i - 1] as Spent).at > at) i--;
    this.#spent.splice(i, 0, { at, weight });
    this.#spentWeight += weight;
  }

  pause(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  #prune(now: number): void {
    let n = 0;
    while (n < this.#spent.length && (this.#spent[n] as Spent).at <= now) {
      this.#spentWeight -= (this.#spent[n] as Spent).weight;
      n++;
    }
    if (n > 0) this.#spent.splice(0, n);
  }
}
