import { ManualClock } from './clock.js';
import type { TimerHandle, Timers } from './timers.js';

interface Pending {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

/**
 * Timers driven by a `ManualClock`, for deterministic tests: nothing fires until `advance()`
 * moves the clock, and timers fire in due-time order with the clock set to their due time.
 */
export class ManualTimers implements Timers {
  readonly clock: ManualClock;
  #pending: Pending[] = [];
  #nextId = 1;

  constructor(clock: ManualClock = new ManualClock()) {
    this.clock = clock;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.#nextId++;
    this.#pending.push({ id, at: this.clock.now() + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#pending = this.#pending.filter((p) => p.id !== handle);
  }

  /** Timers not yet fired. */
  get pending(): number {
    return this.#pending.length;
  }

  /** Moves time forward by `ms`, firing due timers in order (synchronously). */
  advance(ms: number): void {
    const until = this.clock.now() + ms;
    for (let next = this.#due(until); next !== undefined; next = this.#due(until)) this.#fire(next);
    this.#moveTo(until);
  }

  /**
   * Like `advance`, but lets promise continuations run after each timer (and before the first),
   * so code that awaits and then schedules the next timer behaves as it would for real.
   */
  async advanceAsync(ms: number): Promise<void> {
    const until = this.clock.now() + ms;
    await flush();
    for (let next = this.#due(until); next !== undefined; next = this.#due(until)) {
      this.#fire(next);
      await flush();
    }
    this.#moveTo(until);
    await flush();
  }

  /** Never backwards: code under test may have moved the clock itself. */
  #moveTo(ms: number): void {
    if (this.clock.now() < ms) this.clock.set(ms);
  }

  #due(until: number): Pending | undefined {
    let best: Pending | undefined;
    for (const p of this.#pending) if (p.at <= until && (best === undefined || p.at < best.at || (p.at === best.at && p.id < best.id))) best = p;
    return best;
  }

  #fire(p: Pending): void {
    this.#pending = this.#pending.filter((q) => q.id !== p.id);
    if (p.at > this.clock.now()) this.clock.set(p.at);
    p.callback();
  }
}

/** Runs every queued microtask (and promise chains they start). */
function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
