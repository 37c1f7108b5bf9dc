import { UnexpectedResponseError } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { fromHistoryTrade } from '../../src/map/fill.js';
import { fromRestOrder, fromWsOrder } from '../../src/map/order.js';
import { historyTradesSchema, orderListSchema, orderSchema } from '../../src/rest/schemas/order.js';
import { orderFrameSchema, orderItemSchema } from '../../src/ws/schemas/private.js';
import { fixtureData } from '../helpers/fixtures.js';
import { BTC, t } from '../helpers/markets.js';

const restOrder = (over: Record<string, unknown>) =>
  orderSchema.parse({ orderId: '11111', symbol: 'BTCUSDT', qty: '1', tradeQty: '0', price: '60000', side: 'BUY', type: 'LIMIT', effect: 'GTC', status: 'NEW', ctime: 1597026383085, mtime: 1597026383090, ...over });

describe('REST order → Order', () => {
  it('fixture (partially filled, `type` instead of `orderType`) once a side is present', () => {
    const wire = orderSchema.parse({ ...(fixtureData('rest-order-detail.json') as object), side: 'SELL', avgPrice: '60000' });
    const o = fromRestOrder(wire, BTC);
    expect(o).toMatchObject({ id: '11111', clientOrderId: '22222', symbol: 'BTC/USDT:USDT', type: 'limit', side: 'sell', timeInForce: 'gtc', status: 'open', reduceOnly: false, postOnly: false, timestamp: 1597026383085 });
    expect([t(o.amount), t(o.filled), t(o.remaining), t(o.price), t(o.average), t(o.cost), t(o.fee?.amount)]).toEqual(['1', '0.5', '0.5', '60000', '60000', '30000', '0.01']);
    expect(o.fee?.currency).toBe('USDT');
  });

  it('the fixtures as published (no side) are refused, not defaulted', () => {
    expect(() => fromRestOrder(orderSchema.parse(fixtureData('rest-order-detail.json')), BTC)).toThrow(UnexpectedResponseError);
    const list = orderListSchema.parse(fixtureData('rest-pending-orders.json'));
    expect(() => fromRestOrder(list.orderList[0]!, BTC)).toThrow(/no side/);
  });

  const statuses: Array<[string, string, string]> = [
    ['INIT', 'open', '1'],
    ['NEW', 'open', '1'],
    ['PART_FILLED', 'open', '1'],
    ['FILLED', 'filled', '0'],
    ['CANCELED', 'canceled', '0'],
    ['PART_FILLED_CANCELED', 'canceled', '0'],
    ['EXPIRED', 'expired', '0'],
    ['SYSTEM_CANCELED', 'canceled', '0'],
    ['part_filled', 'open', '1'],
  ];
  it.each(statuses)('status %s → %s (remaining %s)', (wire, status, remaining) => {
    const o = fromRestOrder(restOrder({ status: wire }), BTC);
    expect(o.status).toBe(status);
    expect(t(o.remaining)).toBe(remaining);
  });

  const effects: Array<[string | undefined, string, string, boolean]> = [
    ['GTC', 'LIMIT', 'gtc', false],
    ['IOC', 'LIMIT', 'ioc', false],
    ['FOK', 'LIMIT', 'fok', false],
    ['POST_ONLY', 'LIMIT', 'post_only', true],
    [undefined, 'MARKET', 'ioc', false],
    [undefined, 'LIMIT', 'gtc', false],
  ];
  it.each(effects)('effect %s on %s → %s', (effect, type, tif, postOnly) => {
    const o = fromRestOrder(restOrder({ effect, type, orderType: undefined }), BTC);
    expect(o.timeInForce).toBe(tif);
    expect(o.postOnly).toBe(postOnly);
  });

  it('market orders carry no price (null or "0" live)', () => {
    expect(fromRestOrder(restOrder({ type: 'MARKET', price: null }), BTC).price).toBeUndefined();
    expect(fromRestOrder(restOrder({ type: 'MARKET', price: '0' }), BTC).price).toBeUndefined();
  });

  it('unknown enums are UnexpectedResponse material (schema refuses them)', () => {
    expect(orderSchema.safeParse({ ...restOrder({}), status: 'WEIRD' }).success).toBe(false);
    expect(orderSchema.safeParse({ orderId: '1', symbol: 'BTCUSDT', qty: '1', side: 'BUY', type: 'STOP', status: 'NEW', ctime: 1 }).success).toBe(false);
  });
});

const RAW_WS_ORDER = {
    event: 'UPDATE',
    orderId: '11111',
    symbol: 'BTCUSDT',
    side: 'Buy',
    type: 'Limit',
    effect: 'GTC',
    qty: '0.5',
    price: '60000',
    ctime: '2024-05-16T08:13:09.123456789Z',
    mtime: '2024-05-16T08:13:10.5Z',
    orderStatus: 'PART_FILLED',
    dealAmount: '0.2',
    averagePrice: '60000',
    fee: '0.01',
    clientId: 'c1',
};
const wsOrder = (over: Record<string, unknown>) => orderItemSchema.parse({ ...RAW_WS_ORDER, ...over });

describe('WS order → Order', () => {
  it('mixed-case enums (live, TIQ) and nanosecond ISO times', () => {
    const o = fromWsOrder(wsOrder({}), BTC);
    if (typeof o === 'string') throw new Error(o);
    expect(o).toMatchObject({ id: '11111', clientOrderId: 'c1', side: 'buy', type: 'limit', status: 'open', timeInForce: 'gtc', timestamp: Date.UTC(2024, 4, 16, 8, 13, 9, 123), updatedAt: Date.UTC(2024, 4, 16, 8, 13, 10, 500) });
    expect([t(o.amount), t(o.filled), t(o.remaining), t(o.cost)]).toEqual(['0.5', '0.2', '0.3', '12000']);
  });

  it('an odd effect (`SHORT`, TIQ) keeps the known time in force, or asks for a REST lookup', () => {
    const known = fromWsOrder(wsOrder({ effect: 'POST_ONLY' }), BTC);
    if (typeof known === 'string') throw new Error(known);
    expect(fromWsOrder(wsOrder({ effect: 'SHORT' }), BTC)).toBe('effect');
    const kept = fromWsOrder(wsOrder({ effect: 'SHORT' }), BTC, { known });
    expect(typeof kept !== 'string' && kept.timeInForce).toBe('post_only');
  });

  it('dealAmount above qty cannot be a quantity: REST decides', () => {
    expect(fromWsOrder(wsOrder({ dealAmount: '12000' }), BTC)).toBe('dealAmount');
  });

  it('a list-wrapped frame is read like an object frame; SYSTEM_CANCELED is a cancel', () => {
    const frame = orderFrameSchema.parse({ ch: 'order', ts: 1, data: [{ ...RAW_WS_ORDER, ctime: '2024-05-16T08:13:09Z', orderStatus: 'SYSTEM_CANCELED', side: 'SELL', type: 'MARKET' }] });
    const o = fromWsOrder(frame.data[0]!, BTC);
    expect(typeof o !== 'string' && [o.status, o.side, o.type, t(o.remaining)]).toEqual(['canceled', 'sell', 'market', '0']);
  });
});

describe('history trade → Fill', () => {
  it('the fixture has no side: it comes from the order', () => {
    const { tradeList } = historyTradesSchema.parse(fixtureData('rest-history-trades.json'));
    expect(fromHistoryTrade(tradeList[0]!, BTC)).toBeUndefined();
    const f = fromHistoryTrade(tradeList[0]!, BTC, 'buy');
    expect(f).toMatchObject({ id: '123', orderId: '11111', clientOrderId: '22222', symbol: 'BTC/USDT:USDT', side: 'buy', liquidity: 'taker', timestamp: 1597026383085 });
    expect([t(f?.price), t(f?.size), t(f?.cost), t(f?.fee.amount), f?.fee.currency]).toEqual(['60000', '1', '60000', '0.01', 'USDT']);
  });

  it('a hedge-mode CLOSE names the position side and is flipped (CCXT)', () => {
    const { tradeList } = historyTradesSchema.parse({ tradeList: [{ tradeId: '9', orderId: '1', symbol: 'BTCUSDT', qty: '0.1', price: '100', side: 'BUY', tradeSide: 'CLOSE', positionMode: 'HEDGE', ctime: 1597026383085, roleType: 'MAKER' }] });
    expect(fromHistoryTrade(tradeList[0]!, BTC)).toMatchObject({ side: 'sell', liquidity: 'maker' });
  });

  it('no roleType is an UnexpectedResponseError', () => {
    const { tradeList } = historyTradesSchema.parse({ tradeList: [{ tradeId: '9', orderId: '1', symbol: 'BTCUSDT', qty: '0.1', price: '100', side: 'BUY', ctime: 1597026383085 }] });
    expect(() => fromHistoryTrade(tradeList[0]!, BTC)).toThrow(UnexpectedResponseError);
  });
});
