import type { TimerHandle, Timers } from '@exkit/core';
import type { VenueClock } from './venue-clock.js';

interface Task {
  readonly id: number;
  readonly at: number;
  readonly run: () => void;
}

export type TaskId = number;

/**
 * Venue-time tasks on top of core's `Timers`: one underlying timer (unref'd, so a forgotten venue
 * never holds the process open) armed for the earliest task. `advance(ms)` moves the venue clock
 * and runs every task due on the way, in due order, each with the clock pinned to its due time —
 * the same code path whether the base is real time (`systemTimers`) or a virtual clock.
 */
export class Scheduler {
  readonly #clock: VenueClock;
  readonly #timers: Timers;
  #tasks: Task[] = [];
  #nextId = 1;
  #armed: { handle: TimerHandle; at: number } | undefined;
  #running = false;
  #closed = false;

  constructor(clock: VenueClock, timers: Timers) {
    this.#clock = clock;
    this.#timers = timers;
  }

  /** Runs `run` at venue time `at` (or at the next opportunity when `at` is already past). */
  at(at: number, run: () => void): TaskId {
    const task: Task = { id: this.#nextId++, at, run };
    // Sorted by (at, id): equal times run in scheduling order, deterministically.
    let i = this.#tasks.length;
    while (i > 0 && this.#tasks[i - 1]!.at > at) i--;
    this.#tasks.splice(i, 0, task);
    this.#arm();
    return task.id;
  }

  cancel(id: TaskId): void {
    const i = this.#tasks.findIndex((t) => t.id === id);
    if (i >= 0) this.#tasks.splice(i, 1);
    this.#arm();
  }

  get pending(): number {
    return this.#tasks.length;
  }

  /** Moves the venue clock forward by `ms`, running due tasks on the way. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`advance needs ms ≥ 0, got ${ms}`);
    const target = this.#clock.now() + ms;
    this.#runDue(target);
    this.#clock.advanceTo(target);
    this.#arm();
  }

  /** Runs tasks already due (real-time mode, from the underlying timer). */
  runDue(): void {
    this.#runDue(this.#clock.now());
    this.#arm();
  }

  /** Drops every task and the underlying timer. */
  close(): void {
    this.#closed = true;
    this.#tasks = [];
    this.#disarm();
  }

  /** Drops every task but keeps the scheduler usable (venue reset). */
  clear(): void {
    this.#tasks = [];
    this.#disarm();
  }

  #runDue(until: number): void {
    if (this.#running) return;
    this.#running = true;
    try {
      for (let task = this.#tasks[0]; task !== undefined && task.at <= until; task = this.#tasks[0]) {
        this.#tasks.shift();
        this.#clock.pin(task.at);
        try {
          task.run();
        } finally {
          this.#clock.unpin();
        }
      }
    } finally {
      this.#running = false;
    }
  }

  #arm(): void {
    if (this.#closed) return;
    const next = this.#tasks[0];
    if (next === undefined) return this.#disarm();
    if (this.#armed !== undefined && this.#armed.at === next.at) return;
    this.#disarm();
    const delay = Math.max(0, next.at - this.#clock.now());
    const handle = this.#timers.setTimeout(() => {
      this.#armed = undefined;
      this.runDue();
    }, delay, { unref: true });
    this.#armed = { handle, at: next.at };
  }

  #disarm(): void {
    if (this.#armed !== undefined) this.#timers.clearTimeout(this.#armed.handle);
    this.#armed = undefined;
  }
}
