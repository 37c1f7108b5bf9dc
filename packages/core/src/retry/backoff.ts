/**
 * Exponential backoff with full jitter: a uniform draw in [0, min(cap, base × 2^(attempt−1))].
 * Full jitter (rather than ± a little) spreads clients that failed together, so a venue coming
 * back from an outage is not hit by a synchronised wave. `attempt` is 1 for the first retry.
 */
export function fullJitterDelay(attempt: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  // The exponent is capped so long retry chains cannot overflow to Infinity.
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling * r);
}
