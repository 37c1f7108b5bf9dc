import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/retry/index.js';
import { backoffDelay, budgetExhausted } from '../../src/ws/index.js';

/** The delays of one outage, each floored at the one before, as the socket draws them. */
function outage(attempts: number, options: Parameters<typeof backoffDelay>[1]): number[] {
  const delays: number[] = [];
  for (let n = 1; n <= attempts; n++) delays.push(backoffDelay(n, options, delays[n - 2] ?? 0));
  return delays;
}

describe('backoff', () => {
  it('equal jitter: a draw in [c/2, c] under an exponential ceiling c, capped', () => {
    const max = (attempt: number): number => backoffDelay(attempt, { initialDelayMs: 100, maxDelayMs: 1_000, random: () => 0.999999 });
    expect([1, 2, 3, 4, 5, 6].map(max)).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(backoffDelay(3, { initialDelayMs: 100, random: () => 0 })).toBe(200);
    expect(backoffDelay(3, { initialDelayMs: 100, random: () => 0.5 })).toBe(300);
  });

  it('never shrinks between consecutive attempts of an outage, up to the cap (seeded)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const delays = outage(30, { initialDelayMs: 250, maxDelayMs: 5_000, factor: 1.5, random: seededRandom(seed) });
      for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
      expect(Math.max(...delays)).toBeLessThanOrEqual(5_000);
      // Still jittered: at the cap the draw is in [cap/2, cap], floored by the previous one.
      expect(delays[29]).toBeGreaterThanOrEqual(2_500);
    }
    // Two seeds give two different sequences (jitter is real), one seed always the same one.
    const a = outage(8, { random: seededRandom(1) });
    expect(outage(8, { random: seededRandom(1) })).toEqual(a);
    expect(outage(8, { random: seededRandom(2) })).not.toEqual(a);
  });

  it('a floor above the cap is clamped to the cap', () => {
    expect(backoffDelay(2, { initialDelayMs: 100, maxDelayMs: 1_000, random: () => 0 }, 50_000)).toBe(1_000);
  });

  it('the first attempt waits at most 1 s whatever the options', () => {
    expect(backoffDelay(1, { initialDelayMs: 60_000, random: () => 0.999999 })).toBeLessThanOrEqual(1_000);
    expect(backoffDelay(1, { random: () => 0.999999 })).toBeLessThanOrEqual(500);
  });

  it('never overflows on long outages', () => {
    expect(backoffDelay(10_000, { random: () => 0.999999 })).toBe(30_000);
  });

  it('budget by attempts and by downtime', () => {
    expect(budgetExhausted({}, 1_000_000, 1e12)).toBe(false);
    expect(budgetExhausted({ maxAttempts: 3 }, 3, 0)).toBe(false);
    expect(budgetExhausted({ maxAttempts: 3 }, 4, 0)).toBe(true);
    expect(budgetExhausted({ maxDowntimeMs: 100 }, 1, 100)).toBe(true);
  });
});
