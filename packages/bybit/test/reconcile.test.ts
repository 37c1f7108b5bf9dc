import { Decimal, FillLedger, ZERO, type Balance, type Fill, type Order, type Position } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { reconcilePrivateState, type ReconcileSource } from '../src/reconcile/reconcile.js';
import { BalanceTracker, OrderTracker, PositionTracker } from '../src/reconcile/trackers.js';

const d = (v: string | number) => new Decimal(v);
function order(over: Partial<Order> = {}): Order {
  return {
    id: 'o1',
    symbol: 'BTC/USDT:USDT',
    type: 'limit',
    side: 'buy',
    timeInForce: 'gtc',
    status: 'open',
    price: d('100'),
    amount: d('2'),
    filled: ZERO,
    remaining: d('2'),
    cost: ZERO,
    reduceOnly: false,
    postOnly: false,
    timestamp: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...over,
  };
}
const fill = (id: string, timestamp = 1_700_000_000_000): Fill => ({
  id,
  orderId: 'o1',
  symbol: 'BTC/USDT:USDT',
  side: 'buy',
  price: d(100),
  size: d(1),
  cost: d(100),
  fee: { amount: d('0.1'), currency: 'USDT' },
  liquidity: 'taker',
  timestamp,
});
const position = (symbol: string, size: string): Position => ({ symbol, side: size.startsWith('-') ? 'short' : 'long', size: d(size), unrealizedPnl: ZERO, timestamp: 1_700_000_000_000 });

describe('OrderTracker', () => {
  it.each([
    ['a first sighting', [], order(), true],
    ['more filled', [order()], order({ filled: d(1), remaining: d(1), updatedAt: 1_700_000_000_001 }), true],
    ['open → filled', [order()], order({ status: 'filled', filled: d(2), updatedAt: 1_700_000_000_002 }), true],
    ['untriggered → open', [order({ status: 'untriggered' })], order({ updatedAt: 1_700_000_000_001 }), true],
    ['an amend (new price, later time)', [order()], order({ price: d(101), updatedAt: 1_700_000_000_001 }), true],
    ['an exact repeat', [order()], order(), false],
    ['filled → open (status regression)', [order({ status: 'filled', filled: d(2) })], order({ updatedAt: 1_700_000_000_009 }), false],
    ['canceled → filled (terminal never changes)', [order({ status: 'canceled' })], order({ status: 'filled', filled: d(2), updatedAt: 1_700_000_000_009 }), false],
    ['filled falls', [order({ filled: d(1) })], order({ updatedAt: 1_700_000_000_009 }), false],
    ['an older update', [order({ updatedAt: 1_700_000_000_005 })], order({ price: d(99), updatedAt: 1_700_000_000_004 }), false],
    ['open → untriggered', [order()], order({ status: 'untriggered', updatedAt: 1_700_000_000_009 }), false],
  ] as const)('%s → delivered: %s', (_name, history, next, delivered) => {
    const t = new OrderTracker();
    for (const o of history) t.accept(o);
    expect(t.accept(next)).toBe(delivered);
  });

  it('lists the live orders; forgets old terminal ones first when full', () => {
    const t = new OrderTracker(3);
    t.accept(order({ id: 'a' }));
    t.accept(order({ id: 'b', status: 'filled', filled: d(2) }));
    t.accept(order({ id: 'c', status: 'canceled' }));
    t.accept(order({ id: 'd' }));
    expect(t.live().map((o) => o.id)).toEqual(['a', 'd']);
    expect(t.get('b')).toBeUndefined();
    expect(t.get('a')).toBeDefined();
  });
});

describe('PositionTracker and BalanceTracker', () => {
  it('report only changes (the time aside)', () => {
    const p = new PositionTracker();
    expect(p.record(position('A/B:B', '1'))).toBe(true);
    expect(p.record({ ...position('A/B:B', '1'), timestamp: 1_800_000_000_000 })).toBe(false);
    expect(p.record({ ...position('A/B:B', '1'), unrealizedPnl: d('0.5') })).toBe(true);
    expect(p.record(PositionTracker.flat('A/B:B', 1))).toBe(true);
    expect(p.openSymbols()).toEqual([]);
    const b = new BalanceTracker();
    const bal = (free: string): Balance => ({ currency: 'USDT', free: d(free), used: d(1), total: d(free).plus(1) });
    expect([b.record(bal('1')), b.record(bal('1.0')), b.record(bal('2'))]).toEqual([true, false, true]);
  });
});

describe('reconcilePrivateState', () => {
  it('re-reads open orders, the final state of orders gone from the open list, fills, positions (closed as flat) and balances', async () => {
    const asked: string[] = [];
    const source: ReconcileSource = {
      openOrders: async () => [order({ id: 'still-open' })],
      order: async (symbol, id) => {
        asked.push(`${symbol} ${id}`);
        return id === 'gone' ? order({ id, status: 'filled', filled: d(2), updatedAt: 1_700_000_000_100 }) : undefined;
      },
      fills: async (since) => {
        asked.push(`fills ${since}`);
        return [fill('f1'), fill('f2')];
      },
      positions: async () => [position('ETH/USDT:USDT', '-1')],
      balances: async () => [{ currency: 'USDT', free: d(1), used: ZERO, total: d(1) } satisfies Balance],
    };
    const orders = new OrderTracker();
    orders.accept(order({ id: 'gone' }));
    const fills = new FillLedger();
    fills.accept(fill('f1'));
    const seen: string[] = [];
    const emitted = await reconcilePrivateState(
      source,
      {
        order: (o) => orders.accept(o) && seen.push(`order ${o.id} ${o.status}`) > 0,
        fill: (f) => fills.accept(f) && seen.push(`fill ${f.id}`) > 0,
        position: (p) => seen.push(`position ${p.symbol} ${p.size.toFixed()}`) > 0,
        balance: (b) => seen.push(`balance ${b.currency}`) > 0,
      },
      {
        orders: true,
        fills: true,
        positions: true,
        balances: true,
        fillsSince: 123,
        liveOrders: orders.live(),
        openPositionSymbols: ['BTC/USDT:USDT', 'ETH/USDT:USDT'],
        now: 1_700_000_009_000,
      },
    );
    expect(seen).toEqual([
      'order still-open open',
      'order gone filled',
      'fill f2',
      'position ETH/USDT:USDT -1',
      'position BTC/USDT:USDT 0',
      'balance USDT',
    ]);
    expect(emitted).toBe(6);
    expect(asked).toEqual(['BTC/USDT:USDT gone', 'fills 123']);
  });

  it('reads only what is asked for', async () => {
    const calls: string[] = [];
    const source: ReconcileSource = {
      openOrders: async () => (calls.push('orders'), []),
      order: async () => undefined,
      fills: async () => (calls.push('fills'), []),
      positions: async () => (calls.push('positions'), []),
      balances: async () => (calls.push('balances'), []),
    };
    const sink = { order: () => true, fill: () => true, position: () => true, balance: () => true };
    await reconcilePrivateState(source, sink, { orders: false, fills: true, positions: false, balances: true, fillsSince: 0, liveOrders: [], openPositionSymbols: [], now: 0 });
    expect(calls).toEqual(['fills', 'balances']);
    expect(PositionTracker.flat('X/Y:Y', 5)).toMatchObject({ side: 'flat', timestamp: 5 });
  });
});
