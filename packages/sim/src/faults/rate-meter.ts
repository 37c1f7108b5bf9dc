/** The answer of one `RateMeter.hit`. */
export interface RateVerdict {
  readonly allowed: boolean;
  /** Requests left in the window after this one (0 when refused). */
  readonly remaining: number;
  /** When the oldest counted request leaves the window (venue ms): the reset time fronts report. */
  readonly resetAt: number;
  /** ms until a refused request could pass (0 when allowed). */
  readonly retryAfterMs: number;
}

/**
 * Rolling-window request counter, one per bucket key, for fronts that enforce a venue's limits
 * (`enforceRateLimits`) and for measuring the rate a client really achieved (CK-FT-02). Refused
 * requests are not counted.
 */
export class RateMeter {
  readonly #hits = new Map<string, number[]>();

  hit(key: string, limit: number, windowMs: number, now: number): RateVerdict {
    const times = this.#prune(key, windowMs, now);
    if (times.length >= limit) {
      const oldest = times[times.length - limit]!;
      return { allowed: false, remaining: 0, resetAt: oldest + windowMs, retryAfterMs: Math.max(0, oldest + windowMs - now) };
    }
    times.push(now);
    return { allowed: true, remaining: limit - times.length, resetAt: times[0]! + windowMs, retryAfterMs: 0 };
  }

  /** Requests counted in the window ending at `now`. */
  count(key: string, windowMs: number, now: number): number {
    return this.#prune(key, windowMs, now).length;
  }

  /** Forgets every count (venue reset). */
  clear(): void {
    this.#hits.clear();
  }

  #prune(key: string, windowMs: number, now: number): number[] {
    let times = this.#hits.get(key);
    if (times === undefined) {
      times = [];
      this.#hits.set(key, times);
    }
    let drop = 0;
    while (drop < times.length && times[drop]! <= now - windowMs) drop++;
    if (drop > 0) times.splice(0, drop);
    return times;
  }
}
