import { afterAll, describe, expect, it } from 'vitest';
import { REJECT_REASONS, SimRejection, type RejectReason, type SimVenue } from '../src/index.js';
import { PERP, seed, SPOT, testVenue } from './helpers.js';

const seen = new Set<RejectReason>();

/** Runs `fn`, expects exactly `reason`, and that nothing about the account's orders or money changed. */
function expectReject(v: SimVenue, reason: RejectReason, fn: () => unknown): void {
  const a = v.defaultAccountId;
  const before = { orders: v.orders(a), balances: v.balances(a), positions: v.positions(a) };
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error, `expected ${reason}`).toBeInstanceOf(SimRejection);
  expect((error as SimRejection).reason).toBe(reason);
  expect((error as SimRejection).message.length).toBeGreaterThan(0);
  expect({ orders: v.orders(a), balances: v.balances(a), positions: v.positions(a) }).toEqual(before);
  seen.add(reason);
}

function venue(): { v: SimVenue; a: string } {
  const v = testVenue({ maxLiveOrdersPerMarket: 3 });
  seed(v, PERP, [['99.0', '50']], [['101.0', '50']]);
  seed(v, SPOT, [['99.00', '50']], [['101.00', '50']]);
  return { v, a: v.defaultAccountId };
}

describe('every reject reason, with the venue left as it was', () => {
  it('symbol and market state', () => {
    const { v, a } = venue();
    expectReject(v, 'UNKNOWN_SYMBOL', () => v.placeOrder(a, { symbol: 'NOPE/USDT', side: 'buy', type: 'market', size: '1' }));
    expectReject(v, 'UNKNOWN_SYMBOL', () => v.cancelAllOrders(a, { symbol: '' }));
    v.setMarketStatus(PERP, 'halted');
    expectReject(v, 'MARKET_HALTED', () => v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '1', price: '90.0' }));
    expect(v.instrument(PERP).status).toBe('halted');
  });

  it('price, size and notional checks', () => {
    const { v, a } = venue();
    const limit = (price: string, size: string) => () => v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size, price });
    expectReject(v, 'INVALID_PARAMETER', () => v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '1' }));
    expectReject(v, 'INVALID_PARAMETER', () => v.placeOrder(a, { symbol: SPOT, side: 'sell', type: 'market', size: '1', reduceOnly: true }));
    expectReject(v, 'INVALID_PRICE', limit('0', '1'));
    expectReject(v, 'INVALID_PRICE', limit('-5', '1'));
    expectReject(v, 'INVALID_PRICE', limit('abc', '1'));
    expectReject(v, 'INVALID_SIZE', limit('90.0', '0'));
    expectReject(v, 'INVALID_SIZE', limit('90.0', '-1'));
    expectReject(v, 'PRICE_TICK', limit('90.05', '1'));
    expectReject(v, 'SIZE_STEP', limit('90.0', '1.05'));
    expectReject(v, 'SIZE_MAX', limit('90.0', '10000.1'));
    expectReject(v, 'NOTIONAL_MIN', limit('40.0', '0.1'));
    const big = v.addInstrument({ nativeId: 'BIGUSDT', type: 'swap', base: 'BIG', quote: 'USDT', tickSize: '0.1', stepSize: '0.1', minSize: '0.5', makerFee: '0', takerFee: '0', initialPrice: '10.0' });
    expectReject(v, 'SIZE_MIN', () => v.placeOrder(a, { symbol: big.symbol, side: 'buy', type: 'limit', size: '0.4', price: '9.0' }));
  });

  it('client order ids, triggers, post-only, reduce-only', () => {
    const { v, a } = venue();
    v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '1', price: '90.0', clientOrderId: 'dup' });
    expectReject(v, 'DUPLICATE_CLIENT_ORDER_ID', () => v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '1', price: '91.0', clientOrderId: 'dup' }));
    expectReject(v, 'INVALID_TRIGGER', () => v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'market', size: '1', trigger: { price: '90.0', direction: 'rise' } }));
    expectReject(v, 'INVALID_TRIGGER', () => v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'market', size: '1', trigger: { price: '100.0' } }));
    expectReject(v, 'INVALID_TRIGGER', () => v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'market', size: '1', trigger: { price: '0' } }));
    const strict = testVenue({ postOnlyCross: 'reject' });
    seed(strict, PERP, [['99.0', '5']], [['101.0', '5']]);
    expectReject(strict, 'POST_ONLY_WOULD_CROSS', () => strict.placeOrder(strict.defaultAccountId, { symbol: PERP, side: 'sell', type: 'limit', size: '1', price: '99.0', postOnly: true }));
    expectReject(v, 'REDUCE_ONLY_NO_POSITION', () => v.placeOrder(a, { symbol: PERP, side: 'sell', type: 'market', size: '1', reduceOnly: true }));
    v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'market', size: '1' });
    expectReject(v, 'REDUCE_ONLY_WOULD_INCREASE', () => v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'market', size: '1', reduceOnly: true }));
  });

  it('funds and order count', () => {
    const { v, a } = venue();
    expectReject(v, 'INSUFFICIENT_MARGIN', () => v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '1001', price: '100.0' }));
    const poor = testVenue({ wallet: { USDT: '100' } });
    seed(poor, PERP, [['99.0', '50']], [['101.0', '50']]);
    // A market order is checked against the cost of walking the book: 50 × 101 / 10 = 505 > 100.
    expectReject(poor, 'INSUFFICIENT_MARGIN', () => poor.placeOrder(poor.defaultAccountId, { symbol: PERP, side: 'buy', type: 'market', size: '50' }));
    expectReject(v, 'INSUFFICIENT_BALANCE', () => v.placeOrder(a, { symbol: SPOT, side: 'buy', type: 'limit', size: '102', price: '99.00' }));
    expectReject(v, 'INSUFFICIENT_BALANCE', () => v.placeOrder(a, { symbol: SPOT, side: 'sell', type: 'market', size: '100.01' }));
    for (let i = 0; i < 3; i++) v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '1', price: `9${i}.0` });
    expectReject(v, 'TOO_MANY_ORDERS', () => v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '1', price: '95.0' }));
  });

  it('cancel and amend', () => {
    const { v, a } = venue();
    expectReject(v, 'UNKNOWN_ORDER', () => v.cancelOrder(a, { orderId: 'nope' }));
    const o = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '2', price: '99.0' });
    expectReject(v, 'UNKNOWN_ORDER', () => v.cancelOrder(a, { orderId: o.id, symbol: SPOT }));
    expectReject(v, 'UNKNOWN_ORDER', () => v.amendOrder(a, { clientOrderId: 'nope', price: '98.0' }));
    expectReject(v, 'NOTHING_TO_AMEND', () => v.amendOrder(a, { orderId: o.id }));
    expectReject(v, 'NOTHING_TO_AMEND', () => v.amendOrder(a, { orderId: o.id, price: '99.0' }));
    v.crossBook(PERP, { side: 'sell', size: '51' });
    expectReject(v, 'AMEND_BELOW_FILLED', () => v.amendOrder(a, { orderId: o.id, size: '0.5' }));
    v.cancelOrder(a, { orderId: o.id });
    expectReject(v, 'ORDER_CLOSED', () => v.cancelOrder(a, { orderId: o.id }));
    expectReject(v, 'ORDER_CLOSED', () => v.amendOrder(a, { orderId: o.id, price: '98.0' }));
  });

  it('leverage, margin mode, keys and accounts', () => {
    const { v, a } = venue();
    expectReject(v, 'INVALID_LEVERAGE', () => v.setLeverage(a, PERP, '0'));
    expectReject(v, 'INVALID_LEVERAGE', () => v.setLeverage(a, PERP, '-1'));
    expectReject(v, 'INVALID_LEVERAGE', () => v.setLeverage(a, PERP, '51'));
    expectReject(v, 'INVALID_LEVERAGE', () => v.setLeverage(a, SPOT, '2'));
    expect(v.marginSettings(a, PERP).leverage.toFixed()).toBe('10');
    expect(v.setLeverage(a, PERP, '5')).toEqual({ changed: true });
    expect(v.setLeverage(a, PERP, '5')).toEqual({ changed: false });
    v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '1', price: '90.0' });
    expectReject(v, 'MODE_CHANGE_BLOCKED', () => v.setMarginMode(a, PERP, 'isolated'));
    expectReject(v, 'UNKNOWN_API_KEY', () => v.authorize('nope', 'read'));
    const ro = v.createApiKey({ permissions: ['read'] });
    expect(v.authorize(ro.apiKey, 'read').accountId).toBe(a);
    expectReject(v, 'PERMISSION_DENIED', () => v.authorize(ro.apiKey, 'trade'));
    expectReject(v, 'UNKNOWN_ACCOUNT', () => v.placeOrder('nobody', { symbol: PERP, side: 'buy', type: 'market', size: '1' }));
  });

  it('the order log records what the engine received and refused', () => {
    const { v, a } = venue();
    expect(() => v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '1', price: '100.05' })).toThrow();
    const o = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '1', price: '0.000100e6' });
    const log = v.orderLog();
    expect(log.at(-2)).toMatchObject({ action: 'place', rejected: 'PRICE_TICK', request: { price: '100.05', size: '1' } });
    expect(log.at(-1)).toMatchObject({ action: 'place', orderIds: [o.id], status: 'open', request: { price: '0.000100e6' } });
  });

  afterAll(() => {
    expect(REJECT_REASONS.filter((r) => !seen.has(r))).toEqual([]);
  });
});
