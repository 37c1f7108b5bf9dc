import { describe, expect, it } from 'vitest';
import { expectDec, PERP, seed, testVenue } from './helpers.js';

describe('partial fills walk the book in price-time priority', () => {
  it('a limit buy 4 at 101 against asks 100×1, 101×3, 102×5 fills 4 at an average of 100.75, nothing above 101', () => {
    const v = testVenue();
    const a = v.defaultAccountId;
    seed(v, PERP, [['99.0', '5']], [['100.0', '1'], ['101.0', '3'], ['102.0', '5']]);
    const o = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '4', price: '101.0' });
    expect(o.status).toBe('filled');
    expectDec(o.filled, '4');
    expectDec(o.average, '100.75');
    expect(v.fills(a).every((f) => f.price.lte(101))).toBe(true);
    expect(v.book(PERP).asks).toEqual([['102.0', '5']]);
  });

  it('a limit buy 3 at 100 against ask 100×1 fills 1 and rests 2 at 100', () => {
    const v = testVenue();
    const a = v.defaultAccountId;
    seed(v, PERP, [['99.0', '5']], [['100.0', '1'], ['103.0', '5']]);
    const o = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '3', price: '100.0' });
    expect(o.status).toBe('open');
    expectDec(o.filled, '1');
    expectDec(o.remaining, '2');
    expect(v.book(PERP, 1).bids[0]).toEqual(['100.0', '2.0']);
    expectDec(o.reserved, '20');
  });

  it('account orders share levels with venue liquidity and queue behind what was there first', () => {
    const v = testVenue();
    const a = v.defaultAccountId;
    const b = v.createAccount();
    seed(v, PERP, [['100.0', '1']], [['105.0', '5']]);
    const first = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '1', price: '100.0' });
    const second = v.placeOrder(b, { symbol: PERP, side: 'buy', type: 'limit', size: '1', price: '100.0' });
    expect(v.book(PERP, 1).bids[0]).toEqual(['100.0', '3.0']);
    const execs = v.crossBook(PERP, { side: 'sell', size: '1.5' });
    expect(execs.map((e) => e.size.toFixed())).toEqual(['1', '0.5']);
    expectDec(v.order(a, { orderId: first.id })!.filled, '0.5');
    expectDec(v.order(b, { orderId: second.id })!.filled, '0');
    v.crossBook(PERP, { side: 'sell', size: '1' });
    expect(v.order(a, { orderId: first.id })!.status).toBe('filled');
    expectDec(v.order(b, { orderId: second.id })!.filled, '0.5');
  });

  it('two accounts trade with each other: maker and taker fills with their own fees', () => {
    const v = testVenue();
    const a = v.defaultAccountId;
    const b = v.createAccount();
    seed(v, PERP, [['90.0', '1']], [['110.0', '1']]);
    v.placeOrder(a, { symbol: PERP, side: 'sell', type: 'limit', size: '2', price: '100.0' });
    const taker = v.placeOrder(b, { symbol: PERP, side: 'buy', type: 'market', size: '2' });
    expectDec(taker.average, '100');
    const [makerFill] = v.fills(a);
    const [takerFill] = v.fills(b);
    expect(makerFill!.liquidity).toBe('maker');
    expect(takerFill!.liquidity).toBe('taker');
    expect(makerFill!.tradeId).toBe(takerFill!.tradeId);
    expectDec(makerFill!.fee, '0.04'); // 200 × 0.0002
    expectDec(takerFill!.fee, '0.12'); // 200 × 0.0006
    expectDec(v.positions(a, PERP)[0]!.size, '-2');
    expectDec(v.positions(b, PERP)[0]!.size, '2');
  });

  it('a price moving through a resting order fills it (background quotes never cross account orders)', () => {
    const v = testVenue({ frozen: false });
    const a = v.defaultAccountId;
    const o = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '1', price: '99.0' });
    v.setPrices(PERP, { mark: '95.0' });
    v.advanceClock(1000);
    expect(v.order(a, { orderId: o.id })!.status).toBe('filled');
    const book = v.book(PERP, 1);
    expect(Number(book.bids[0]![0])).toBeLessThan(Number(book.asks[0]![0]));
  });
});
