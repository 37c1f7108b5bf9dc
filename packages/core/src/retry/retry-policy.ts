import { silentLogger, type Logger } from '../logging/logger.js';
import { systemClock, type Clock } from '../time/clock.js';
import { sleep } from '../time/sleep.js';
import { systemTimers, type Timers } from '../time/timers.js';
import { equalJitterDelay } from './backoff.js';
import { isRetryableError } from './classify.js';
import { placeOrderWithRetry, type PlacementOptions } from './order-placement.js';

export interface RetryPolicyOptions {
  /** Attempts in all, the first included (default 4; 1 = never retry). */
  readonly maxAttempts?: number;
  /** Ceiling of the first retry's delay, ms (default 250). */
  readonly baseDelayMs?: number;
  /** Ceiling of any one delay, ms (default 5000). */
  readonly maxDelayMs?: number;
  /**
   * Total time budget, ms, counted from the first attempt (default 20 000): a retry whose delay
   * would end past it is not made, and the last error is thrown instead.
   */
  readonly budgetMs?: number;
  /** Random source in [0, 1) for the jitter (default Math.random; `seededRandom(n)` in tests). */
  readonly random?: () => number;
  readonly clock?: Clock;
  readonly timers?: Timers;
  /** Which errors a read may be repeated on (default `isRetryableError`). */
  readonly isRetryable?: (err: unknown) => boolean;
  /** Called before each wait (metrics). */
  readonly onRetry?: (info: RetryInfo) => void;
  readonly logger?: Logger;
}

export interface RetryInfo {
  /** The attempt that just failed (1 = the first). */
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: unknown;
  readonly kind: 'read' | 'placement' | 'lookup';
}

export interface RunOptions {
  /**
   * Only idempotent calls (reads, or writes the venue de-duplicates) are ever repeated. A
   * non-idempotent call runs exactly once here; order placement goes through `placeOrder`.
   */
  readonly idempotent: boolean;
  /** Aborting interrupts a backoff wait and rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
  /** For logs and `onRetry`. */
  readonly kind?: RetryInfo['kind'];
}

/**
 * When and how often to repeat a failed call: exponential backoff with equal jitter (never
 * shrinking between consecutive failures), a cap per
 * delay, a total budget, and the venue's `retryAfterMs` honoured as a floor. Stateless between
 * calls, so one policy serves a whole adapter.
 */
export class RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly budgetMs: number;
  readonly #random: () => number;
  readonly #clock: Clock;
  readonly #timers: Timers;
  readonly #isRetryable: (err: unknown) => boolean;
  readonly #onRetry: ((info: RetryInfo) => void) | undefined;
  readonly #logger: Logger;

  constructor(options: RetryPolicyOptions = {}) {
    this.maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 4));
    this.baseDelayMs = Math.max(0, options.baseDelayMs ?? 250);
    this.maxDelayMs = Math.max(this.baseDelayMs, options.maxDelayMs ?? 5_000);
    this.budgetMs = Math.max(0, options.budgetMs ?? 20_000);
    this.#random = options.random ?? Math.random;
    this.#clock = options.clock ?? systemClock;
    this.#timers = options.timers ?? systemTimers;
    this.#isRetryable = options.isRetryable ?? isRetryableError;
    this.#onRetry = options.onRetry;
    this.#logger = options.logger ?? silentLogger;
  }

  /** Never retries: for callers that want the transport's single-attempt behaviour explicitly. */
  static none(): RetryPolicy {
    return new RetryPolicy({ maxAttempts: 1 });
  }

  isRetryable(err: unknown): boolean {
    return this.#isRetryable(err);
  }

  /**
   * The wait before the attempt after `attempt` failed with `error`, or undefined to give up
   * (attempts or budget exhausted). Does not judge whether the error is retryable. Pass the
   * previous delay of the same call: the backoff never shrinks between consecutive failures.
   */
  nextDelay(attempt: number, error: unknown, startedAt: number, previousDelayMs = 0): number | undefined {
    if (attempt >= this.maxAttempts) return undefined;
    const jitter = equalJitterDelay({
      attempt,
      baseDelayMs: this.baseDelayMs,
      maxDelayMs: this.maxDelayMs,
      random: this.#random,
      previousDelayMs: Math.min(previousDelayMs, this.maxDelayMs),
    });
    const delay = Math.max(jitter, retryAfterOf(error));
    const elapsed = this.#clock.now() - startedAt;
    return elapsed + delay > this.budgetMs ? undefined : delay;
  }

  /** Runs `fn`, repeating it on retryable errors when `idempotent`; throws the last error. */
  async run<T>(fn: (attempt: number) => Promise<T>, options: RunOptions): Promise<T> {
    const startedAt = this.#clock.now();
    let previous = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn(attempt);
      } catch (err) {
        if (!options.idempotent || options.signal?.aborted || !this.#isRetryable(err)) throw err;
        const delay = this.nextDelay(attempt, err, startedAt, previous);
        if (delay === undefined) throw err;
        previous = delay;
        await this.wait(attempt, delay, err, options.kind ?? 'read', options.signal);
      }
    }
  }

  /**
   * Places an order so that it lands at most once; see `placeOrderWithRetry`.
   */
  placeOrder<T>(options: PlacementOptions<T>): Promise<T> {
    return placeOrderWithRetry(this, options);
  }

  /** Reports and sleeps one backoff delay (interruptible). */
  async wait(attempt: number, delayMs: number, error: unknown, kind: RetryInfo['kind'], signal?: AbortSignal): Promise<void> {
    this.#logger.warn({ attempt, delayMs, kind, error: describe(error) }, 'retrying after a failed attempt');
    try {
      this.#onRetry?.({ attempt, delayMs, error, kind });
    } catch {
      // A metrics hook must not change the outcome of the call.
    }
    await sleep(delayMs, { timers: this.#timers, ...(signal !== undefined && { signal }) });
  }

  now(): number {
    return this.#clock.now();
  }
}

function retryAfterOf(err: unknown): number {
  if (typeof err !== 'object' || err === null || !('retryAfterMs' in err)) return 0;
  const v = (err as { retryAfterMs?: unknown }).retryAfterMs;
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0;
}

/** Errors reaching here come from the transport, already scrubbed; only the class and message are logged. */
function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : typeof err;
}
