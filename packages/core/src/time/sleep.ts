import { systemTimers, type Timers } from './timers.js';

export interface SleepOptions {
  readonly timers?: Timers;
  /** Aborting rejects at once with `signal.reason` and clears the timer. */
  readonly signal?: AbortSignal;
}

/** Waits `ms`; interruptible, so a `close()` never has to wait out a backoff. */
export function sleep(ms: number, options: SleepOptions = {}): Promise<void> {
  const { signal } = options;
  const timers = options.timers ?? systemTimers;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      timers.clearTimeout(handle);
      reject(signal?.reason);
    };
    const handle = timers.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
