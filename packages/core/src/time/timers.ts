/** An opaque handle returned by `Timers.setTimeout`. */
export type TimerHandle = unknown;

export interface TimerOptions {
  /**
   * Do not keep the process alive for this timer (Node `unref`). Background work (periodic clock
   * sync) uses it so a forgotten `stop()` never blocks process exit.
   */
  readonly unref?: boolean;
}

/**
 * The timer source for everything that waits, so tests can drive time by hand (`ManualTimers`)
 * instead of sleeping. Always paired with a `Clock` that moves with it.
 */
export interface Timers {
  setTimeout(callback: () => void, ms: number, options?: TimerOptions): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Node's own timers. */
export const systemTimers: Timers = Object.freeze({
  setTimeout(callback: () => void, ms: number, options?: TimerOptions): TimerHandle {
    const t = setTimeout(callback, Math.max(0, ms));
    if (options?.unref === true) t.unref();
    return t;
  },
  clearTimeout(handle: TimerHandle): void {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
});
