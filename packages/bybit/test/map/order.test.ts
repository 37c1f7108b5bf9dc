import { UnexpectedResponseError, orderSchema as coreOrderSchema } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { mapOrder, ORDER_STATUS, TIME_IN_FORCE } from '../../src/map/order.js';
import { orderListResponseSchema, orderSchema } from '../../src/rest/schemas/trade.js';
import { wsOrderFrameSchema } from '../../src/ws/schemas/private.js';
import { fixture } from '../helpers/fixtures.js';
import { linearMarket, plain, spotMarket } from '../helpers/markets.js';

const eth = linearMarket('ETHUSDT', 'ETH');
const btc = linearMarket('BTCUSDT', 'BTC');
const base = {
  orderId: 'o1',
  orderLinkId: 'c1',
  symbol: 'BTCUSDT',
  price: '30000',
  qty: '0.01',
  side: 'Buy',
  orderStatus: 'New',
  orderType: 'Limit',
  timeInForce: 'GTC',
  cumExecQty: '0',
  cumExecValue: '0',
  reduceOnly: false,
  createdTime: '1700000000000',
  updatedTime: '1700000000001',
};
const order = (fields: Record<string, unknown> = {}) => orderSchema.parse({ ...base, ...fields });
const mapped = (fields: Record<string, unknown> = {}) => mapOrder(order(fields), btc);

describe('mapOrder', () => {
  it('the realtime fixture: an open limit order', () => {
    const res = orderListResponseSchema.parse(fixture('order-realtime.json'));
    const o = mapOrder(res.result.list[0]!, eth);
    expect(coreOrderSchema.safeParse(o).success).toBe(true);
    expect(plain(o)).toEqual({
      id: 'fd4300ae-7847-404e-b947-b46980a4d140',
      clientOrderId: 'test-000005',
      symbol: 'ETH/USDT:USDT',
      type: 'limit',
      side: 'buy',
      timeInForce: 'gtc',
      status: 'open',
      price: '1600',
      amount: '0.1',
      filled: '0',
      remaining: '0.1',
      cost: '0',
      fee: { currency: 'MNT', amount: '0.00242968' },
      reduceOnly: false,
      postOnly: false,
      timestamp: 1684738540559,
      updatedAt: 1684738540561,
    });
  });

  it('the history fixture: a cancelled post-only order, nothing remaining', () => {
    const res = orderListResponseSchema.parse(fixture('order-history.json'));
    const o = mapOrder(res.result.list[0]!, btc);
    expect([o.status, o.timeInForce, o.postOnly, o.remaining.toFixed(), o.triggerPrice]).toEqual(['canceled', 'post_only', true, '0', undefined]);
  });

  it.each(Object.entries(ORDER_STATUS))('status %s → %s', (wire, status) => {
    expect(mapped({ orderStatus: wire }).status).toBe(status);
  });

  it.each(Object.entries(TIME_IN_FORCE))('timeInForce %s → %s', (wire, tif) => {
    expect(mapped({ timeInForce: wire }).timeInForce).toBe(tif);
  });

  it('partially filled: cost and exact average from Σ value / Σ qty', () => {
    const o = mapped({ orderStatus: 'PartiallyFilled', qty: '3', cumExecQty: '2', cumExecValue: '201.5', avgPrice: '100.7' });
    expect(plain([o.status, o.filled, o.remaining, o.cost, o.average])).toEqual(['open', '2', '1', '201.5', '100.75']);
  });

  it('a conditional order: untriggered, trigger price and reference', () => {
    const o = mapped({ orderStatus: 'Untriggered', orderType: 'Market', price: '0', triggerPrice: '31000', triggerBy: 'MarkPrice', triggerDirection: 1 });
    expect(plain([o.status, o.type, o.price, o.triggerPrice, o.triggerReference])).toEqual(['untriggered', 'market', undefined, '31000', 'mark']);
  });

  it('"0.00" trigger price means none; a market order carries no limit price', () => {
    const o = mapped({ orderType: 'Market', price: '31000', triggerPrice: '0.00', triggerBy: 'UNKNOWN' });
    expect([o.price, o.triggerPrice, o.triggerReference]).toEqual([undefined, undefined, undefined]);
  });

  it('a derivative fee without cumFeeDetail is the settle coin’s cumExecFee', () => {
    const o = mapped({ orderStatus: 'Filled', cumExecQty: '0.01', cumExecValue: '300', cumExecFee: '0.18' });
    expect(plain(o.fee)).toEqual({ currency: 'USDT', amount: '0.18' });
  });

  it('a spot fee in two coins is left to the fills', () => {
    const o = mapOrder(order({ cumFeeDetail: { BTC: '0.00001', USDT: '0.1' } }), spotMarket('BTCUSDT', 'BTC'));
    expect(o.fee).toBeUndefined();
  });

  it.each([
    ['baseCoin', 'Buy', '0.5'],
    ['quoteCoin', 'Buy', '0.003'],
    ['', 'Buy', '0.003'],
    ['', 'Sell', '0.5'],
  ])('spot market order, marketUnit "%s", %s → amount %s', (marketUnit, side, amount) => {
    const o = mapOrder(order({ orderType: 'Market', orderStatus: 'PartiallyFilledCanceled', side, qty: side === 'Buy' && marketUnit !== 'baseCoin' ? '100' : '0.5', marketUnit, cumExecQty: '0.003', cumExecValue: '99.9' }), spotMarket('BTCUSDT', 'BTC'));
    expect(o.amount.toFixed()).toBe(amount);
  });

  it('a spot market buy counted in quote: the base amount is what filled', () => {
    const o = mapOrder(order({ orderType: 'Market', orderStatus: 'Filled', qty: '100', marketUnit: 'quoteCoin', cumExecQty: '0.003', cumExecValue: '99.9' }), spotMarket('BTCUSDT', 'BTC'));
    expect(plain([o.amount, o.filled, o.remaining])).toEqual(['0.003', '0.003', '0']);
  });

  it('the WS order push (option example) parses to the same model', () => {
    const frame = wsOrderFrameSchema.parse(fixture('ws-order.json'));
    const o = mapOrder(frame.data[0]!, linearMarket('ETH-30DEC22-1400-C', 'ETH'));
    expect(plain([o.status, o.type, o.filled, o.average, o.fee])).toEqual(['filled', 'market', '1', '75', { currency: 'MNT', amount: '0.00242968' }]);
  });

  it('UNKNOWN order type and overfilled orders are UnexpectedResponse, never defaulted', () => {
    expect(() => mapOrder(order({ orderType: 'UNKNOWN' }), btc)).toThrow(UnexpectedResponseError);
    expect(() => mapOrder(order({ qty: '1', cumExecQty: '2' }), btc)).toThrow(UnexpectedResponseError);
  });
});
