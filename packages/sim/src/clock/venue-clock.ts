import type { Clock } from '@exkit/core';

/**
 * The venue's time. `now()` is the engine clock: the base clock plus every `advance()`, never
 * going backwards, and pinned to a task's due time while the scheduler runs it (so a candle
 * closed by an 8-hour advance is stamped at its own boundary). `serverTime()` adds the injected
 * skew: what the venue *says* the time is (its time endpoint, its receive-window check); the
 * engine's own ordering never sees the skew, so a negative skew cannot make time run backwards.
 */
export class VenueClock implements Clock {
  readonly base: Clock;
  #offset = 0;
  #skew = 0;
  #last = Number.NEGATIVE_INFINITY;
  #pinned: number | undefined;

  constructor(base: Clock) {
    this.base = base;
  }

  now(): number {
    if (this.#pinned !== undefined) return this.#pinned;
    const t = this.base.now() + this.#offset;
    if (t > this.#last) this.#last = t;
    return this.#last;
  }

  serverTime(): number {
    return this.now() + this.#skew;
  }

  get skew(): number {
    return this.#skew;
  }

  /** Absolute, not cumulative (0 removes it). */
  setSkew(ms: number): void {
    this.#skew = Math.trunc(ms);
  }

  /** Total ms added by `advance` since construction or the last `resetOffset`. */
  get offset(): number {
    return this.#offset;
  }

  /** Moves engine time forward to `time` (the scheduler runs due tasks on the way first). */
  advanceTo(time: number): void {
    const base = this.base.now();
    if (time > base + this.#offset) this.#offset = time - base;
    if (time > this.#last) this.#last = time;
  }

  /** Starts engine time at `time` (restoring a snapshot onto a fixed base clock). */
  jumpTo(time: number): void {
    this.#offset = time - this.base.now();
    this.#last = Math.max(Number.NEGATIVE_INFINITY, time);
  }

  resetOffset(): void {
    this.#offset = 0;
    this.#skew = 0;
    this.#last = Number.NEGATIVE_INFINITY;
  }

  /** @internal while a task runs: its due time, but never earlier than time already observed. */
  pin(time: number): void {
    const t = Math.max(time, this.#last);
    this.#last = t;
    this.#pinned = t;
  }

  /** @internal */
  unpin(): void {
    this.#pinned = undefined;
  }
}
