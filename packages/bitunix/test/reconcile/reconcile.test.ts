import { Decimal, FillLedger, ZERO, type Balance, type Fill, type Order, type Position } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { reconcile } from '../../src/reconcile/reconciler.js';
import { BalanceTracker, OrderTracker, PositionTracker } from '../../src/reconcile/state.js';

const order = (over: Partial<Order>): Order => ({
  id: '1',
  symbol: 'BTC/USDT:USDT',
  type: 'limit',
  side: 'buy',
  timeInForce: 'gtc',
  status: 'open',
  price: new Decimal(100),
  amount: new Decimal(2),
  filled: ZERO,
  remaining: new Decimal(2),
  cost: ZERO,
  reduceOnly: false,
  postOnly: false,
  timestamp: 1_760_000_000_000,
  updatedAt: 1_760_000_000_000,
  ...over,
});
const fill = (id: string, ts: number): Fill => ({ id, orderId: '1', symbol: 'BTC/USDT:USDT', side: 'buy', price: new Decimal(100), size: ONE_TENTH, cost: new Decimal(10), fee: { amount: ZERO, currency: 'USDT' }, liquidity: 'taker', timestamp: ts });
const ONE_TENTH = new Decimal('0.1');
const pos = (size: string): Position => ({ symbol: 'BTC/USDT:USDT', side: size.startsWith('-') ? 'short' : 'long', size: new Decimal(size), unrealizedPnl: ZERO, timestamp: 1_760_000_000_000 });

describe('order tracker', () => {
  it.each([
    ['a first sight', [], order({}), true],
    ['a repeat', [order({})], order({}), false],
    ['more filled', [order({})], order({ filled: new Decimal(1), updatedAt: 1_760_000_000_001 }), true],
    ['less filled (regression)', [order({ filled: new Decimal(1) })], order({}), false],
    ['open after filled', [order({ status: 'filled', filled: new Decimal(2) })], order({ filled: new Decimal(2) }), false],
    ['a change to a terminal order', [order({ status: 'canceled' })], order({ status: 'filled', filled: new Decimal(2) }), false],
    ['an amended price', [order({})], order({ price: new Decimal(101), updatedAt: 1_760_000_000_002 }), true],
  ] as const)('%s → %s', (_name, history, next, news) => {
    const t = new OrderTracker();
    for (const h of history) t.accept(h);
    expect(t.accept(next)).toBe(news);
  });
});

describe('reconcile', () => {
  it('emits missed fills once, ended orders by detail, vanished positions as flat, changed balances', async () => {
    const state = { orders: new OrderTracker(), fills: new FillLedger(), positions: new PositionTracker(), balances: new BalanceTracker() };
    state.orders.accept(order({ id: '1' }));
    state.fills.accept(fill('a', 1_760_000_000_000));
    state.positions.accept(pos('0.5'));
    const out: string[] = [];
    const sink = {
      order: (o: Order) => out.push(`order ${o.id} ${o.status}`),
      fill: (f: Fill) => out.push(`fill ${f.id}`),
      position: (p: Position) => out.push(`position ${p.side} ${p.size.toFixed()}`),
      balance: (b: Balance) => out.push(`balance ${b.total.toFixed()}`),
    };
    const source = {
      openOrders: async () => [order({ id: '2' })],
      order: async (id: string) => order({ id, status: 'filled', filled: new Decimal(2), updatedAt: 1_760_000_000_009 }),
      fills: async () => [fill('a', 1_760_000_000_000), fill('b', 1_760_000_000_005)],
      positions: async () => [] as Position[],
      balances: async (): Promise<Balance[]> => [{ currency: 'USDT', free: new Decimal(5), used: ZERO, total: new Decimal(5) }],
    };
    const scope = { orders: true, fills: true, positions: true, balances: true };
    const emitted = await reconcile(scope, state, source, sink, 1_760_000_000_010, 0);
    expect(out).toEqual(['fill b', 'order 2 open', 'order 1 filled', 'position flat 0', 'balance 5']);
    expect(emitted).toBe(5);
    // a second pass over the same venue state emits nothing
    out.length = 0;
    expect(await reconcile(scope, state, { ...source, openOrders: async () => [order({ id: '2' })] }, sink, 1_760_000_000_011, 0)).toBe(0);
    expect(out).toEqual([]);
  });
});
