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
 * Exponential backoff with full jitter (AWS architecture blog): delay = random × min(cap, base × factor^(attempt-1)).
 * Full jitter spreads a crowd of clients that dropped together, so they do not reconnect in lockstep.
 * `attempt` is 1 for the first retry after a drop.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const base = Math.min(options.initialDelayMs ?? DEFAULT_BACKOFF.initialDelayMs, 1_000);
  const cap = Math.max(base, options.maxDelayMs ?? DEFAULT_BACKOFF.maxDelayMs);
  const factor = options.factor ?? DEFAULT_BACKOFF.factor;
  const random = options.random ?? Math.random;
  // Cap the exponent so long outages cannot overflow to Infinity.
  const ceiling = Math.min(cap, base * factor ** Math.min(Math.max(attempt - 1, 0), 64));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling * r);
}

/** True when the budget forbids another attempt. */
export function budgetExhausted(budget: ReconnectBudget, attempt: number, downForMs: number): boolean {
  return attempt > (budget.maxAttempts ?? Infinity) || downForMs >= (budget.maxDowntimeMs ?? Infinity);
}
