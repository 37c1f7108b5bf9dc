/** An outbound message limit, e.g. venue B's 5 messages per second per socket. */
export interface OutboundRateLimit {
  /** Messages allowed in any window (pings included). */
  readonly messages: number;
  /** The window, ms. */
  readonly perMs: number;
  /**
   * Extra wait added to the window, ms (default 5 % of `perMs`). The venue counts arrivals and we
   * count departures: network jitter can squeeze two frames sent `perMs` apart closer together.
   */
  readonly marginMs?: number;
}

/**
 * Sliding-window limiter: remembers the send times of the last `messages` writes in a ring, so any
 * window of `perMs` holds at most `messages` writes (a token bucket would allow a 2× burst at the edge).
 */
export class SlidingWindow {
  readonly #times: number[];
  readonly #perMs: number;
  #next = 0;

  constructor(limit: OutboundRateLimit) {
    if (!(limit.messages >= 1) || !(limit.perMs > 0)) throw new RangeError('rate limit needs messages ≥ 1 and perMs > 0');
    this.#times = new Array<number>(Math.floor(limit.messages)).fill(-Infinity);
    this.#perMs = limit.perMs + Math.max(0, limit.marginMs ?? Math.ceil(limit.perMs * 0.05));
  }

  /** Milliseconds until one more write is allowed (0 = now). */
  waitMs(now: number): number {
    const oldest = this.#times[this.#next] ?? -Infinity;
    return Math.max(0, oldest + this.#perMs - now);
  }

  record(now: number): void {
    this.#times[this.#next] = now;
    this.#next = (this.#next + 1) % this.#times.length;
  }
}
