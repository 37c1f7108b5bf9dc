/** abRatioAsync's bookkeeping (no timing is asserted: only counts, order and the budget). */
import { describe, expect, it } from 'vitest';
import { abRatioAsync } from '../src/index.js';

describe('abRatioAsync', () => {
  it('runs warm-up then rounds, alternating which block goes first', async () => {
    const order: string[] = [];
    const r = await abRatioAsync(
      async () => void order.push('c'),
      async () => void order.push('b'),
      { rounds: 4, warmup: 1 },
    );
    expect(r.rounds).toBe(4);
    expect(order.join('')).toBe('cb' + 'cb' + 'bc' + 'cb' + 'bc');
    expect(r.q1).toBeLessThanOrEqual(r.ratio);
    expect(r.ratio).toBeLessThanOrEqual(r.q3);
  });

  it('stops at the budget after at least 3 rounds', async () => {
    const r = await abRatioAsync(async () => 1, async () => 2, { rounds: 41, warmup: 0, budgetMs: 0 });
    expect(r.rounds).toBe(3);
  });

  it('refuses a bad round count', async () => {
    await expect(abRatioAsync(async () => 1, async () => 1, { rounds: 0 })).rejects.toThrow(RangeError);
  });
});
