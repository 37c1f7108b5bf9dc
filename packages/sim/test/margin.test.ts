import { describe, expect, it } from 'vitest';
import { INSURANCE } from '../src/index.js';
import { expectConserved, expectDec, PERP, seed, SPOT, testVenue } from './helpers.js';

describe('margin, reservations and liquidation', () => {
  it('a leverage change re-prices what orders and positions hold; one that would overdraw is refused', () => {
    const v = testVenue({ wallet: { USDT: '300' } });
    const a = v.defaultAccountId;
    seed(v, PERP, [['90.0', '50']], [['100.0', '50']]);
    v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'market', size: '10' });
    const o = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '10', price: '95.0' });
    expectDec(v.balance(a, 'USDT').positionMargin, '100');
    expectDec(o.reserved, '95');
    v.setLeverage(a, PERP, '20');
    expectDec(v.balance(a, 'USDT').positionMargin, '50');
    expectDec(v.order(a, { orderId: o.id })!.reserved, '47.5');
    expectDec(v.positions(a, PERP)[0]!.leverage, '20');
    expect(() => v.setLeverage(a, PERP, '1')).toThrow(expect.objectContaining({ reason: 'INSUFFICIENT_MARGIN' }));
    expectDec(v.balance(a, 'USDT').positionMargin, '50');
    expectDec(v.marginSettings(a, PERP).leverage, '20');
  });

  it('cross: liquidated at the mark when equity reaches maintenance; orders canceled first', () => {
    const v = testVenue({ wallet: { USDT: '100' } });
    const a = v.defaultAccountId;
    v.setLeverage(a, PERP, '50');
    seed(v, PERP, [['90.0', '50']], [['100.0', '50']]);
    v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'market', size: '10' });
    const resting = v.placeOrder(a, { symbol: PERP, side: 'sell', type: 'limit', size: '1', price: '120.0' });
    // (1000 − 99.4) / (10 × 0.995) = 90.5125…, shown on the tick above.
    expectDec(v.positions(a, PERP)[0]!.liquidationPrice, '90.6');
    v.setPrices(PERP, { mark: '90.6' });
    expectDec(v.positions(a, PERP)[0]!.size, '10');
    v.setPrices(PERP, { mark: '90.5' });
    expectDec(v.positions(a, PERP)[0]!.size, '0');
    expect(v.order(a, { orderId: resting.id })!.cancelReason).toBe('liquidation');
    const close = v.orders(a).find((o) => o.origin === 'liquidation')!;
    expect(close).toMatchObject({ status: 'filled', side: 'sell', reduceOnly: true });
    expectDec(close.average, '90.5');
    // 99.4 − 95 − 905 × 0.0006
    expectDec(v.balance(a, 'USDT').total, '3.857');
    expect(v.ledger()['USDT']![INSURANCE]).toBeUndefined();
    expectConserved(v);
  });

  it('cross: a gap through the bankruptcy price is covered by the insurance fund; the account ends at zero', () => {
    const v = testVenue({ wallet: { USDT: '100' } });
    const a = v.defaultAccountId;
    v.setLeverage(a, PERP, '50');
    seed(v, PERP, [['90.0', '50']], [['100.0', '50']]);
    v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'market', size: '10' });
    v.setPrices(PERP, { mark: '80.0' });
    expectDec(v.balance(a, 'USDT').total, '0');
    expect(v.ledger()['USDT']![INSURANCE]).toBe('-101.08'); // 99.4 − 200 − 0.48
    expectConserved(v);
  });

  it('isolated: the position loses at most its margin', () => {
    const v = testVenue({ wallet: { USDT: '1000' } });
    const a = v.defaultAccountId;
    v.setMarginMode(a, PERP, 'isolated');
    seed(v, PERP, [['90.0', '50']], [['100.0', '50']]);
    v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'market', size: '10' });
    expectDec(v.positions(a, PERP)[0]!.margin, '100');
    expect(v.positions(a, PERP)[0]!.marginMode).toBe('isolated');
    v.setPrices(PERP, { mark: '91.0' });
    expectDec(v.positions(a, PERP)[0]!.size, '10');
    v.setPrices(PERP, { mark: '80.0' });
    expectDec(v.positions(a, PERP)[0]!.size, '0');
    expectDec(v.balance(a, 'USDT').total, '899.4'); // 1 000 − 0.6 opening fee − the 100 margin
    expectConserved(v);
  });

  it('spot: locks follow the remainder and come back whole on cancel; a market buy needs the quote its walk costs', () => {
    const v = testVenue({ wallet: { USDT: '1000', TEST: '5' } });
    const a = v.defaultAccountId;
    seed(v, SPOT, [['99.00', '10']], [['110.00', '20']]);
    const sell = v.placeOrder(a, { symbol: SPOT, side: 'sell', type: 'limit', size: '4', price: '105.00' });
    expectDec(v.balance(a, 'TEST').free, '1');
    v.crossBook(SPOT, { side: 'buy', size: '1.5', limitPrice: '105.00' });
    expectDec(v.order(a, { orderId: sell.id })!.reserved, '2.5');
    expectDec(v.balance(a, 'TEST').used, '2.5');
    v.cancelOrder(a, { orderId: sell.id });
    expectDec(v.balance(a, 'TEST').used, '0');
    expectDec(v.balance(a, 'TEST').total, '3.5');
    expectDec(v.balance(a, 'USDT').total, '1157.3425'); // 1 000 + 157.5 − 0.1575 fee
    // 13 × 110 = 1 430 is more than there is.
    expect(() => v.placeOrder(a, { symbol: SPOT, side: 'buy', type: 'market', size: '13' })).toThrow(expect.objectContaining({ reason: 'INSUFFICIENT_BALANCE' }));
    const buy = v.placeOrder(a, { symbol: SPOT, side: 'buy', type: 'market', size: '5' });
    expectDec(buy.cost, '550');
    expectConserved(v);
  });
});
