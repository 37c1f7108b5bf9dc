import { describe, expect, it } from 'vitest';
import { expectDec, PERP, record, seed, testVenue } from './helpers.js';

describe('amend keeps priority on size-down, loses it on price change or size-up', () => {
  function queue() {
    const v = testVenue();
    const a = v.defaultAccountId;
    seed(v, PERP, [['90.0', '1']], [['110.0', '1']]);
    const first = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '2', price: '100.0', clientOrderId: 'first' });
    const second = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '2', price: '100.0', clientOrderId: 'second' });
    return { v, a, first, second };
  }

  it('size down keeps the place in the queue', () => {
    const { v, a, first, second } = queue();
    v.amendOrder(a, { orderId: first.id, size: '1' });
    v.crossBook(PERP, { side: 'sell', size: '1' });
    expect(v.order(a, { orderId: first.id })!.status).toBe('filled');
    expectDec(v.order(a, { orderId: second.id })!.filled, '0');
  });

  it('size up goes to the back', () => {
    const { v, a, first, second } = queue();
    v.amendOrder(a, { orderId: first.id, size: '3' });
    v.crossBook(PERP, { side: 'sell', size: '2' });
    expect(v.order(a, { orderId: second.id })!.status).toBe('filled');
    expectDec(v.order(a, { orderId: first.id })!.filled, '0');
  });

  it('a price change goes to the back of the new level; the old level is gone; id and client id stay', () => {
    const { v, a, first } = queue();
    const events = record(v);
    const third = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '1', price: '101.0' });
    const amended = v.amendOrder(a, { clientOrderId: 'first', price: '101.0' });
    expect(amended.id).toBe(first.id);
    expect(amended.clientOrderId).toBe('first');
    expectDec(amended.price, '101');
    expectDec(amended.size, '2');
    expect(v.book(PERP, 2).bids).toEqual([['101.0', '3.0'], ['100.0', '2.0']]);
    v.crossBook(PERP, { side: 'sell', size: '1' });
    expect(v.order(a, { orderId: third.id })!.status).toBe('filled');
    expectDec(v.order(a, { orderId: first.id })!.filled, '0');
    const last = events.filter((e) => e.channel === 'private' && e.type === 'order' && e.order.id === first.id).at(-1);
    expect(last?.channel === 'private' && last.type === 'order' && last.order.price?.toFixed()).toBe('101');
  });

  it('on a partially filled order: filled kept, remaining = new size − filled; at or below filled is refused and changes nothing', () => {
    const v = testVenue();
    const a = v.defaultAccountId;
    seed(v, PERP, [['90.0', '1']], [['110.0', '1']]);
    const o = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '3', price: '100.0' });
    v.crossBook(PERP, { side: 'sell', size: '1' });
    let now = v.amendOrder(a, { orderId: o.id, size: '5' });
    expectDec(now.filled, '1');
    expectDec(now.remaining, '4');
    expectDec(now.reserved, '40');
    now = v.amendOrder(a, { orderId: o.id, size: '2' });
    expectDec(now.remaining, '1');
    expectDec(now.reserved, '10');
    const before = v.order(a, { orderId: o.id });
    expect(() => v.amendOrder(a, { orderId: o.id, size: '1' })).toThrow(expect.objectContaining({ reason: 'AMEND_BELOW_FILLED' }));
    expect(() => v.amendOrder(a, { orderId: o.id, size: '0.5' })).toThrow(expect.objectContaining({ reason: 'AMEND_BELOW_FILLED' }));
    expect(v.order(a, { orderId: o.id })).toEqual(before);
  });

  it('a new price that crosses trades at once; a post-only one is refused', () => {
    const v = testVenue();
    const a = v.defaultAccountId;
    seed(v, PERP, [['90.0', '1']], [['101.0', '1'], ['102.0', '5']]);
    const o = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '2', price: '100.0' });
    const now = v.amendOrder(a, { orderId: o.id, price: '101.0' });
    expectDec(now.filled, '1');
    expect(now.status).toBe('open');
    const p = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '1', price: '99.0', postOnly: true });
    expect(() => v.amendOrder(a, { orderId: p.id, price: '102.0' })).toThrow(expect.objectContaining({ reason: 'POST_ONLY_WOULD_CROSS' }));
    expectDec(v.order(a, { orderId: p.id })!.price, '99');
  });

  it('an untriggered conditional order amends its trigger', () => {
    const v = testVenue();
    const a = v.defaultAccountId;
    seed(v, PERP, [['99.0', '10']], [['101.0', '10']]);
    const o = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'market', size: '1', trigger: { price: '105.0' } });
    const now = v.amendOrder(a, { orderId: o.id, triggerPrice: '106.0' });
    expectDec(now.triggerPrice, '106');
    expect(() => v.amendOrder(a, { orderId: o.id, triggerPrice: '90.0' })).toThrow(expect.objectContaining({ reason: 'INVALID_TRIGGER' }));
  });
});
