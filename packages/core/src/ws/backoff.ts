import { equalJitterDelay } from '../retry/backoff.js';

/** How long to wait between reconnect attempts. */
export interface BackoffOptions {
  /** Upper bound of the first delay, ms (default 500; clamped to ≤ 1000 so a drop is repaired fast). */
  readonly initialDelayMs?: number;
  /** Upper bound of any delay, ms (default 30_000). */
  readonly maxDelayMs?: number;
  /** Growth per attempt (default 2). */
  readonly factor?: number;
  /** Random source in [0, 1) for the jitter; inject a fixed one in tests (default Math.random). */
  readonly random?: () => number;
}

/** When to stop reconnecting and report a terminal error. Both default to unlimited. */
export interface ReconnectBudget {
  /** Failed attempts in a row (since the last healthy connection) before giving up. */
  readonly maxAttempts?: number;
  /** How long the socket may stay down (since the drop) before giving up, ms. */
  readonly maxDowntimeMs?: number;
}

export const DEFAULT_BACKOFF = Object.freeze({ initialDelayMs: 500, maxDelayMs: 30_000, factor: 2 });

/**
 * Exponential backoff with equal jitter floored at the previous delay (see `equalJitterDelay`):
 * half of each delay is random so a crowd of clients that dropped together does not reconnect in
 * lockstep, and the delay never shrinks between consecutive failed attempts (CK-FT-10).
 * `attempt` is 1 for the first retry after a drop; `previousDelayMs` is the delay before the
 * previous attempt of the same outage (0 for the first).
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, previousDelayMs = 0): number {
  const base = Math.min(options.initialDelayMs ?? DEFAULT_BACKOFF.initialDelayMs, 1_000);
  const cap = Math.max(base, options.maxDelayMs ?? DEFAULT_BACKOFF.maxDelayMs);
  return equalJitterDelay({
    attempt,
    baseDelayMs: base,
    maxDelayMs: cap,
    factor: options.factor ?? DEFAULT_BACKOFF.factor,
    random: options.random ?? Math.random,
    previousDelayMs,
  });
}

/** True when the budget forbids another attempt. */
export function budgetExhausted(budget: ReconnectBudget, attempt: number, downForMs: number): boolean {
  return attempt > (budget.maxAttempts ?? Infinity) || downForMs >= (budget.maxDowntimeMs ?? Infinity);
}
