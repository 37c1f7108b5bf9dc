import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/decimal.js';
import type { Order } from '../../src/models/order.js';
import { ORDER_STATUS_RANK, OrderLedger, statusRegresses } from '../../src/reconcile/index.js';

const T = 1_700_000_000_000;
function order(over: Partial<Order> = {}): Order {
  return {
    id: 'o1', symbol: 'BTC/USDT:USDT', type: 'limit', side: 'buy', timeInForce: 'gtc', status: 'open', price: new Decimal('100'),
    amount: new Decimal('2'), filled: new Decimal('0'), remaining: new Decimal('2'), cost: new Decimal('0'), reduceOnly: false,
    postOnly: false, timestamp: T, updatedAt: T, ...over,
  };
}

/** Venue A's rule in miniature: forward only, and a repeat of the same status and fill is not news. */
const forward = (prev: Order, next: Order): boolean =>
  !statusRegresses(prev.status, next.status) && !next.filled.lt(prev.filled) && !(prev.status === next.status && prev.filled.eq(next.filled));

describe('OrderLedger', () => {
  it('records a new order, then only what the venue rule calls news', () => {
    const asked: string[] = [];
    const ledger = new OrderLedger({ max: 10, advances: (p, n) => (asked.push(`${p.status}->${n.status}`), forward(p, n)) });
    expect(ledger.accept(order())).toBe(true);
    expect(ledger.accept(order())).toBe(false);
    expect(ledger.accept(order({ filled: new Decimal('1') }))).toBe(true);
    expect(ledger.accept(order({ status: 'filled', filled: new Decimal('2') }))).toBe(true);
    expect(ledger.accept(order({ status: 'open', filled: new Decimal('2') }))).toBe(false);
    expect(asked).toEqual(['open->open', 'open->open', 'open->filled', 'filled->open']);
    expect(ledger.get('o1')?.status).toBe('filled');
    expect(ledger.live()).toEqual([]);
  });

  it('forgets the least recently updated first, or settled before live with keepLive', () => {
    const plain = new OrderLedger({ max: 2, advances: forward });
    const kept = new OrderLedger({ max: 2, advances: forward, keepLive: true });
    for (const ledger of [plain, kept]) {
      ledger.accept(order({ id: 'live-1' }));
      ledger.accept(order({ id: 'done', status: 'canceled' }));
      ledger.accept(order({ id: 'live-2' }));
    }
    expect(plain.get('live-1')).toBeUndefined();
    expect(plain.live().map((o) => o.id)).toEqual(['live-2']);
    expect(kept.get('done')).toBeUndefined();
    expect(kept.live().map((o) => o.id)).toEqual(['live-1', 'live-2']);
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => new OrderLedger({ max: 0, advances: forward })).toThrow(RangeError);
  });
});

describe('statusRegresses', () => {
  it('ranks untriggered < open < every terminal status', () => {
    expect(statusRegresses('open', 'untriggered')).toBe(true);
    expect(statusRegresses('filled', 'open')).toBe(true);
    expect(statusRegresses('untriggered', 'open')).toBe(false);
    expect(statusRegresses('filled', 'canceled')).toBe(false);
    expect(Object.isFrozen(ORDER_STATUS_RANK)).toBe(true);
  });
});
