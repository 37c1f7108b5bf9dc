/** Inputs of one backoff draw. */
export interface JitterInput {
  /** 1 for the first retry after a failure. */
  readonly attempt: number;
  /** Ceiling of the first delay, ms. */
  readonly baseDelayMs: number;
  /** Ceiling of any delay, ms. */
  readonly maxDelayMs: number;
  /** Growth of the ceiling per attempt (default 2). */
  readonly factor?: number;
  /** Random source in [0, 1); inject `seededRandom(n)` in tests. */
  readonly random: () => number;
  /** The delay drawn for the previous failed attempt of the same run (0 for the first). */
  readonly previousDelayMs?: number;
}

/**
 * Exponential backoff with "equal jitter" floored at the previous delay:
 * `max(previous, c/2 + random × c/2)` where `c = min(cap, base × factor^(attempt−1))`, never above the cap.
 * Half of each delay is random, so clients that failed together still spread out; the floor makes
 * the sequence non-decreasing up to the cap (CK-FT-10: a backoff never shrinks between consecutive
 * failures, which plain full jitter — a draw in [0, c] — can do).
 */
export function equalJitterDelay(input: JitterInput): number {
  const { attempt, baseDelayMs, maxDelayMs, random } = input;
  const factor = input.factor ?? 2;
  // The exponent is capped so long chains cannot overflow to Infinity.
  const ceiling = Math.min(maxDelayMs, baseDelayMs * factor ** Math.min(Math.max(attempt - 1, 0), 64));
  const r = Math.min(Math.max(random(), 0), 1);
  const drawn = Math.round(ceiling / 2 + (ceiling / 2) * r);
  return Math.min(maxDelayMs, Math.max(drawn, input.previousDelayMs ?? 0));
}
