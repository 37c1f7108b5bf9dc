import { describe, expect, it } from 'vitest';
import { expectDec, PERP, record, seed, SPOT, testVenue } from './helpers.js';

describe('order lifecycle, one order type at a time', () => {
  it('limit: rests open, partially fills as maker, then fills; reservation follows the remainder', () => {
    const v = testVenue();
    const a = v.defaultAccountId;
    seed(v, PERP, [['99.0', '5']], [['101.0', '5']]);
    const o = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '2', price: '100.0', clientOrderId: 'c1' });
    expect(o.status).toBe('open');
    expect(o.timeInForce).toBe('gtc');
    expectDec(o.reserved, '20'); // 2 × 100 / 10
    expect(v.book(PERP, 1).bids[0]).toEqual(['100.0', '2.0']);
    v.crossBook(PERP, { side: 'sell', size: '0.5' });
    let now = v.order(a, { orderId: o.id })!;
    expect(now.status).toBe('open');
    expectDec(now.filled, '0.5');
    expectDec(now.remaining, '1.5');
    expectDec(now.reserved, '15');
    v.crossBook(PERP, { side: 'sell', size: '1.5' });
    now = v.order(a, { clientOrderId: 'c1' })!;
    expect(now.status).toBe('filled');
    expectDec(now.remaining, '0');
    expectDec(now.reserved, '0');
    expectDec(now.average, '100');
    expect(v.fills(a, { orderId: o.id }).map((f) => f.liquidity)).toEqual(['maker', 'maker']);
    expect(v.openOrders(a)).toEqual([]);
  });

  it('market: walks the book and ends filled; average = Σ price × size / Σ size', () => {
    const v = testVenue();
    const a = v.defaultAccountId;
    seed(v, PERP, [['99.0', '5']], [['100.0', '1'], ['101.0', '3'], ['102.0', '5']]);
    const o = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'market', size: '4' });
    expect(o.status).toBe('filled');
    expect(o.type).toBe('market');
    expect(o.timeInForce).toBe('ioc');
    expectDec(o.cost, '403');
    expectDec(o.average, '100.75');
    const fills = v.fills(a, { orderId: o.id });
    expect(fills.map((f) => [f.price.toFixed(), f.size.toFixed(), f.liquidity])).toEqual([
      ['100', '1', 'taker'],
      ['101', '3', 'taker'],
    ]);
    expectDec(o.fee, fills.reduce((s, f) => s.plus(f.fee), fills[0]!.fee.minus(fills[0]!.fee)).toFixed());
    expectDec(o.fee, '0.2418'); // 403 × 0.0006
  });

  it('market larger than the book: terminal, filled + canceled remainder = amount, nothing rests', () => {
    const v = testVenue();
    const a = v.defaultAccountId;
    seed(v, PERP, [['99.0', '5']], [['100.0', '1'], ['101.0', '2']]);
    const o = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'market', size: '10' });
    expect(o.status).toBe('canceled');
    expect(o.cancelReason).toBe('ioc');
    expectDec(o.filled, '3');
    expect(v.book(PERP).asks).toEqual([]);
    expect(v.openOrders(a)).toEqual([]);
  });

  it('post-only: rests as maker at a passive price; at a crossing price it is canceled unfilled (or refused when configured)', () => {
    const v = testVenue();
    const a = v.defaultAccountId;
    seed(v, PERP, [['99.0', '5']], [['101.0', '5']]);
    const passive = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '1', price: '100.0', postOnly: true });
    expect(passive.status).toBe('open');
    expect(passive.postOnly).toBe(true);
    v.crossBook(PERP, { side: 'sell', size: '1' });
    const fill = v.fills(a, { orderId: passive.id })[0]!;
    expect(fill.liquidity).toBe('maker');
    expectDec(fill.feeRate, '0.0002');
    const crossing = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '1', price: '101.0', timeInForce: 'post_only' });
    expect(crossing.status).toBe('canceled');
    expect(crossing.cancelReason).toBe('postOnly');
    expectDec(crossing.filled, '0');
    expect(v.openOrders(a)).toEqual([]);
    const strict = testVenue({ postOnlyCross: 'reject' });
    seed(strict, PERP, [['99.0', '5']], [['101.0', '5']]);
    expect(() => strict.placeOrder(strict.defaultAccountId, { symbol: PERP, side: 'buy', type: 'limit', size: '1', price: '101.0', postOnly: true })).toThrow(
      expect.objectContaining({ reason: 'POST_ONLY_WOULD_CROSS' }),
    );
    expect(strict.orders(strict.defaultAccountId)).toEqual([]);
  });

  it('IOC: fills what it can and cancels the rest; at a passive price it ends canceled with nothing filled', () => {
    const v = testVenue();
    const a = v.defaultAccountId;
    seed(v, PERP, [['99.0', '5']], [['100.0', '2'], ['102.0', '5']]);
    const o = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '5', price: '100.0', timeInForce: 'ioc' });
    expect(o.status).toBe('canceled');
    expectDec(o.filled, '2');
    expect(o.cancelReason).toBe('ioc');
    const passive = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '5', price: '98.0', timeInForce: 'ioc' });
    expect(passive.status).toBe('canceled');
    expectDec(passive.filled, '0');
    expect(v.book(PERP).bids).toEqual([['99.0', '5']]); // the seeded spelling stays
  });

  it('FOK: fills entirely when the depth is there; otherwise canceled with the book untouched', () => {
    const v = testVenue();
    const a = v.defaultAccountId;
    seed(v, PERP, [['99.0', '5']], [['100.0', '2'], ['101.0', '2'], ['105.0', '9']]);
    const ok = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '3', price: '101.0', timeInForce: 'fok' });
    expect(ok.status).toBe('filled');
    const before = v.book(PERP);
    const ko = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '3', price: '101.0', timeInForce: 'fok' });
    expect(ko.status).toBe('canceled');
    expect(ko.cancelReason).toBe('fok');
    expectDec(ko.filled, '0');
    expect(v.book(PERP).asks).toEqual(before.asks);
  });

  it('reduce-only: closes at most the position and never flips it', () => {
    const v = testVenue();
    const a = v.defaultAccountId;
    seed(v, PERP, [['99.0', '10']], [['100.0', '10']]);
    v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'market', size: '2' });
    const o = v.placeOrder(a, { symbol: PERP, side: 'sell', type: 'market', size: '5', reduceOnly: true });
    expectDec(o.filled, '2');
    expect(o.status).toBe('canceled');
    expect(o.cancelReason).toBe('reduceOnly');
    expectDec(v.positions(a, PERP)[0]!.size, '0');
    // A resting reduce-only order goes when its position does.
    v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'market', size: '1' });
    const resting = v.placeOrder(a, { symbol: PERP, side: 'sell', type: 'limit', size: '1', price: '110.0', reduceOnly: true });
    expectDec(resting.reserved, '0');
    v.placeOrder(a, { symbol: PERP, side: 'sell', type: 'market', size: '1' });
    const gone = v.order(a, { orderId: resting.id })!;
    expect(gone.status).toBe('canceled');
    expect(gone.cancelReason).toBe('reduceOnly');
  });

  it('stop-market by last price: untriggered, ignores moves away, fires on the move through and fills', () => {
    const v = testVenue();
    const a = v.defaultAccountId;
    seed(v, PERP, [['99.0', '10']], [['101.0', '10']]);
    const o = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'market', size: '1', trigger: { price: '102.0' } });
    expect(o.status).toBe('untriggered');
    expect(o.triggerDirection).toBe('rise');
    expectDec(o.reserved, '0');
    expect(v.openOrders(a).map((x) => x.id)).toEqual([o.id]);
    v.printTrades(PERP, [{ price: '98.0', size: '1', side: 'sell' }]);
    expect(v.order(a, { orderId: o.id })!.status).toBe('untriggered');
    v.printTrades(PERP, [{ price: '102.0', size: '1', side: 'buy' }]);
    const fired = v.order(a, { orderId: o.id })!;
    expect(fired.status).toBe('filled');
    expect(fired.triggeredAt).toBeTypeOf('number');
    expectDec(fired.triggerPrice, '102');
    expectDec(fired.average, '101');
  });

  it('stop by mark price honours the mark, not the last price', () => {
    const v = testVenue();
    const a = v.defaultAccountId;
    seed(v, PERP, [['99.0', '10']], [['101.0', '10']]);
    v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'market', size: '1' });
    const stop = v.placeOrder(a, { symbol: PERP, side: 'sell', type: 'market', size: '1', reduceOnly: true, trigger: { price: '95.0', reference: 'mark', direction: 'fall' } });
    v.printTrades(PERP, [{ price: '94.0', size: '1', side: 'sell' }]);
    expect(v.order(a, { orderId: stop.id })!.status).toBe('untriggered');
    v.setPrices(PERP, { mark: '94.9' });
    expect(v.order(a, { orderId: stop.id })!.status).toBe('filled');
    expectDec(v.positions(a, PERP)[0]!.size, '0');
  });

  it('stop-limit: once triggered it rests at its limit and never fills beyond it', () => {
    const v = testVenue();
    const a = v.defaultAccountId;
    seed(v, PERP, [['99.0', '10']], [['101.0', '1'], ['104.0', '10']]);
    const o = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '3', price: '102.0', trigger: { price: '101.5' } });
    v.printTrades(PERP, [{ price: '101.5', size: '1', side: 'buy' }]);
    const now = v.order(a, { orderId: o.id })!;
    expect(now.status).toBe('open');
    expectDec(now.filled, '1');
    expect(v.fills(a, { orderId: o.id }).every((f) => f.price.lte(102))).toBe(true);
    expect(v.book(PERP, 1).bids[0]).toEqual(['102.0', '2.0']);
  });

  it('spot: a buy locks quote, a sell locks base; fees are paid in the coin received', () => {
    const v = testVenue();
    const a = v.defaultAccountId;
    seed(v, SPOT, [['99.00', '10']], [['101.00', '10']]);
    const buy = v.placeOrder(a, { symbol: SPOT, side: 'buy', type: 'limit', size: '2', price: '100.00' });
    expectDec(buy.reserved, '200');
    expect(buy.reserveCoin).toBe('USDT');
    expectDec(v.balance(a, 'USDT').used, '200');
    const sell = v.placeOrder(a, { symbol: SPOT, side: 'sell', type: 'limit', size: '3', price: '102.00' });
    expectDec(sell.reserved, '3');
    expectDec(v.balance(a, 'TEST').used, '3');
    v.crossBook(SPOT, { side: 'sell', size: '2' });
    const fill = v.fills(a, { orderId: buy.id })[0]!;
    expect(fill.feeCurrency).toBe('TEST');
    expectDec(fill.fee, '0.002');
    expectDec(v.balance(a, 'TEST').total, '101.998');
    expectDec(v.balance(a, 'USDT').total, '9800');
    expectDec(v.balance(a, 'USDT').used, '0');
  });

  it('events: every private event carries the account sequence, increasing by one', () => {
    const v = testVenue();
    const events = record(v);
    const a = v.defaultAccountId;
    seed(v, PERP, [['99.0', '10']], [['101.0', '10']]);
    v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '1', price: '100.0' });
    v.crossBook(PERP, { side: 'sell', size: '1' });
    const seqs = events.flatMap((e) => (e.channel === 'private' ? [e.seq] : []));
    expect(seqs.length).toBeGreaterThan(4);
    seqs.forEach((s, i) => expect(s).toBe(seqs[0]! + i));
    const books = events.flatMap((e) => (e.channel === 'public' && e.type === 'book' ? [e.seq] : []));
    books.forEach((s, i) => expect(s).toBe(books[0]! + i));
  });
});
