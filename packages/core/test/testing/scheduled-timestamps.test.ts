import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/index.js';
import { checkInvariants } from '../../src/testing/index.js';

const now = Date.UTC(2026, 10, 23);
const ticker = (nextFundingTime: number) => ({
  symbol: 'BTC/USDT:USDT', timestamp: now, bid: new Decimal('1'), ask: new Decimal('2'), nextFundingTime,
});

describe('G3 and scheduled times', () => {
  it('accepts a next funding time hours ahead', () => {
    const violations = checkInvariants('ticker', ticker(now + 8 * 3_600_000), { now });
    expect(violations.filter((v) => v.rule === 'G3')).toEqual([]);
  });

  it('still catches a next funding time in microseconds', () => {
    const violations = checkInvariants('ticker', ticker((now + 8 * 3_600_000) * 1000), { now });
    expect(violations.some((v) => v.rule === 'G3' && v.path.endsWith('nextFundingTime'))).toBe(true);
  });

  it('keeps the 60 s bound for observation timestamps', () => {
    const violations = checkInvariants('ticker', { ...ticker(now), timestamp: now + 3_600_000 }, { now });
    expect(violations.some((v) => v.rule === 'G3' && v.path.endsWith('timestamp'))).toBe(true);
  });
});
