import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/decimal.js';
import type { Fill } from '../../src/models/fill.js';
import { FillLedger, trimOldest } from '../../src/reconcile/index.js';

function fill(id: string, timestamp: number): Fill {
  return {
    id, orderId: 'o1', symbol: 'BTC/USDT:USDT', side: 'buy', price: new Decimal('100'), size: new Decimal('1'),
    cost: new Decimal('100'), fee: { currency: 'USDT', amount: new Decimal('0.01') }, liquidity: 'maker', timestamp,
  };
}

describe('FillLedger', () => {
  it('delivers each id once and remembers the newest time, whatever order fills arrive in', () => {
    const ledger = new FillLedger(2);
    expect(ledger.latest).toBe(0);
    expect([ledger.accept(fill('a', 5)), ledger.accept(fill('a', 5)), ledger.accept(fill('b', 9)), ledger.accept(fill('c', 7))]).toEqual([
      true, false, true, true,
    ]);
    expect(ledger.latest).toBe(9);
    expect(ledger.has('b')).toBe(true);
    expect(ledger.has('a')).toBe(false); // forgotten: bounded memory, oldest first
    expect(ledger.accept(fill('a', 5))).toBe(true);
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => new FillLedger(0)).toThrow(RangeError);
    expect(() => new FillLedger(1.5)).toThrow(RangeError);
  });
});

describe('trimOldest', () => {
  it('evicts the oldest entries beyond the bound, skipping the ones kept', () => {
    const map = new Map<string, boolean>([['a', true], ['b', false], ['c', true], ['d', false]]);
    trimOldest(map, 2, (live) => live);
    expect([...map.keys()]).toEqual(['a', 'c']);
    trimOldest(map, 5);
    expect([...map.keys()]).toEqual(['a', 'c']);
    trimOldest(map, 1);
    expect([...map.keys()]).toEqual(['c']);
  });
});
