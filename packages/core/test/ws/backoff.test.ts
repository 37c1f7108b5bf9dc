import { describe, expect, it } from 'vitest';
import { backoffDelay, budgetExhausted } from '../../src/ws/index.js';

describe('backoff', () => {
  it('full jitter between 0 and an exponential ceiling, capped', () => {
    const max = (attempt: number): number => backoffDelay(attempt, { initialDelayMs: 100, maxDelayMs: 1_000, random: () => 0.999999 });
    expect([1, 2, 3, 4, 5, 6].map(max)).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(backoffDelay(3, { initialDelayMs: 100, random: () => 0 })).toBe(0);
    expect(backoffDelay(3, { initialDelayMs: 100, random: () => 0.5 })).toBe(200);
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
