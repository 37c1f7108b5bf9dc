import { describe, expect, it } from 'vitest';
import type { PrivateEvent, PublicEvent, SimEvent } from '../src/index.js';
import { PERP, record, seed, testVenue } from './helpers.js';

const books = (events: SimEvent[]): Extract<PublicEvent, { type: 'book' }>[] =>
  events.filter((e): e is Extract<PublicEvent, { type: 'book' }> => e.channel === 'public' && e.type === 'book' && e.symbol === PERP);
const privates = (events: SimEvent[], type?: PrivateEvent['type']): PrivateEvent[] =>
  events.filter((e): e is PrivateEvent => e.channel === 'private' && (type === undefined || e.type === type));

function setup() {
  const v = testVenue();
  seed(v, PERP, [['99.0', '5']], [['101.0', '5']]);
  const events = record(v);
  const change = (price: string, size: string) => v.changeBook(PERP, [{ side: 'bid', price, size }]);
  return { v, events, change, a: v.defaultAccountId };
}

describe('faults do what they say, deterministically', () => {
  it('sequenceGap: the next delta is not delivered, the sequence still advances', () => {
    const { v, events, change } = setup();
    change('98.0', '1');
    v.fault({ kind: 'sequenceGap', nativeId: PERP });
    change('97.0', '1');
    change('96.0', '1');
    const seqs = books(events).map((e) => e.seq);
    expect(seqs[1]! - seqs[0]!).toBe(2);
    expect(v.book(PERP).seq).toBe(seqs[1]);
  });

  it('duplicateFrames: an old delta is re-sent, then the next one twice', () => {
    const { v, events, change } = setup();
    change('98.0', '1');
    v.fault({ kind: 'duplicateFrames', nativeId: PERP });
    change('97.0', '1');
    const seqs = books(events).map((e) => e.seq);
    expect(seqs).toEqual([seqs[0], seqs[0], seqs[0]! + 1, seqs[0]! + 1]);
  });

  it('crossedBook: the next delta carries a bid above the best ask', () => {
    const { v, events, change } = setup();
    v.fault({ kind: 'crossedBook', nativeId: PERP });
    change('98.0', '1');
    const delta = books(events)[0]!;
    expect(Number(delta.bids[0]![0])).toBeGreaterThan(101);
    expect(v.book(PERP, 1).bids[0]).toEqual(['99.0', '5']); // the venue itself is not crossed
  });

  it('loseEvents: the next order and the next fill vanish, the connection (listener) stays', () => {
    const { v, events, a } = setup();
    v.fault({ kind: 'loseEvents', events: ['order', 'fill'] });
    const o = v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'market', size: '1' });
    expect(privates(events, 'order')).toEqual([]);
    expect(privates(events, 'fill')).toEqual([]);
    expect(privates(events, 'position').length).toBe(1);
    v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'market', size: '1' });
    expect(privates(events, 'order').length).toBe(1);
    expect(privates(events, 'fill').length).toBe(1);
    // Sequence numbers give the loss away.
    const seqs = privates(events).map((e) => e.seq);
    expect(seqs[0]).toBeGreaterThan(1);
    expect(v.order(a, { orderId: o.id })!.status).toBe('filled');
  });

  it('duplicateEvents: each of the next n private events arrives twice', () => {
    const { v, events, a } = setup();
    v.fault({ kind: 'duplicateEvents', count: 2 });
    v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'market', size: '1' });
    const seqs = privates(events).map((e) => e.seq);
    expect(seqs.slice(0, 4)).toEqual([seqs[0], seqs[0], seqs[0]! + 1, seqs[0]! + 1]);
    expect(new Set(seqs.slice(4)).size).toBe(seqs.length - 4);
  });

  it('reorderFrames: the next two order frames of an account arrive swapped', () => {
    const { v, events, a } = setup();
    v.fault({ kind: 'reorderFrames', stream: 'orders' });
    v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '1', price: '98.0' });
    expect(privates(events, 'order')).toEqual([]);
    v.crossBook(PERP, { side: 'sell', size: '6' });
    const orders = privates(events, 'order');
    expect(orders.length).toBe(2);
    expect(orders[0]!.seq).toBeGreaterThan(orders[1]!.seq);
    // A frame still held when faults are cleared is delivered then.
    v.fault({ kind: 'reorderFrames', stream: 'orders' });
    v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'limit', size: '1', price: '90.0' });
    const before = privates(events, 'order').length;
    v.clearFaults();
    expect(privates(events, 'order').length).toBe(before + 1);
  });

  it('chaos: random loss / duplication / gaps, identical for the same seed', () => {
    const run = (chaos: boolean): string => {
      const { v, events, a } = setup();
      if (chaos) v.fault({ kind: 'chaos', loseEvents: 0.3, duplicateEvents: 0.2, sequenceGap: 0.3 });
      for (let i = 0; i < 30; i++) {
        v.changeBook(PERP, [{ side: 'bid', price: (90 + i / 10).toFixed(1), size: '1' }]);
        v.placeOrder(a, { symbol: PERP, side: i % 2 === 0 ? 'buy' : 'sell', type: 'market', size: '0.1' });
      }
      return events.map((e) => `${e.channel}:${e.type}:${'seq' in e ? e.seq : ''}`).join(',');
    };
    const chaotic = run(true);
    expect(chaotic).toBe(run(true));
    expect(chaotic).not.toBe(run(false));
  });

  it('clockSkew: the venue says another time; the engine clock does not move; 0 removes it', () => {
    const { v } = setup();
    const now = v.now();
    v.fault({ kind: 'clockSkew', offsetMs: 5000 });
    expect(v.serverTime()).toBe(now + 5000);
    v.fault({ kind: 'clockSkew', offsetMs: -3000 });
    expect(v.serverTime()).toBe(now - 3000);
    expect(v.now()).toBe(now);
    v.clearFaults();
    expect(v.serverTime()).toBe(now);
  });

  it('windows: rate limited, unavailable, delayed, refusing — for their duration only', () => {
    const { v } = setup();
    const f = v.faults;
    const t0 = v.now();
    v.fault({ kind: 'rateLimitWindow', durationMs: 5000, retryAfter: true });
    v.fault({ kind: 'unavailableWindow', durationMs: 10_000, maintenance: true });
    v.fault({ kind: 'delayResponses', delayMs: 700, durationMs: 2000 });
    v.fault({ kind: 'refuseConnections', scope: 'ws', durationMs: 30_000 });
    expect(f.rateLimitWindow()).toEqual({ until: t0 + 5000, retryAfter: true });
    expect(f.isUnavailable()).toBe(true);
    expect(f.unavailableWindow()?.maintenance).toBe(true);
    expect(f.responseDelay()).toBe(700);
    expect(f.isRefusing('ws')).toBe(true);
    expect(f.isRefusing('rest')).toBe(false);
    v.advanceClock(2000);
    expect(f.responseDelay()).toBe(0);
    expect(f.isRateLimited()).toBe(true);
    v.advanceClock(3000);
    expect(f.isRateLimited()).toBe(false);
    expect(f.isUnavailable()).toBe(true);
    v.advanceClock(5000);
    expect(f.isUnavailable()).toBe(false);
    expect(f.isRefusing('ws', t0 + 29_999)).toBe(true);
    expect(f.isRefusing('ws', t0 + 30_000)).toBe(false);
  });

  it('one-shot answers: drop a response, malformed bodies, venue error codes — consumed as many times as set', () => {
    const { v } = setup();
    const f = v.faults;
    v.fault({ kind: 'dropResponse', operation: 'placeOrder' });
    expect(f.takeDropResponse('fetchOrder')).toBe(false);
    expect(f.takeDropResponse('placeOrder')).toBe(true);
    expect(f.takeDropResponse('placeOrder')).toBe(false);
    v.fault({ kind: 'malformedResponse', variant: 'html502', operation: 'fetchTicker', times: 2 });
    expect(f.takeMalformedResponse('fetchTicker')).toBe('html502');
    expect(f.takeMalformedResponse('fetchTicker')).toBe('html502');
    expect(f.takeMalformedResponse('fetchTicker')).toBeUndefined();
    v.fault({ kind: 'errorCode', code: 10006, message: 'Too many visits!' });
    expect(f.takeErrorCode('fetchBalances')).toEqual({ code: 10006, message: 'Too many visits!' });
    expect(f.takeErrorCode('fetchBalances')).toEqual({ code: 10006, message: 'Too many visits!' });
    v.fault({ kind: 'timestampUnit', unit: 'us' });
    expect(f.timestampUnit()).toBe('us');
    v.fault({ kind: 'enforceRateLimits' });
    expect(f.rateLimitsEnforced).toBe(true);
    v.clearFaults();
    expect(f.takeErrorCode('fetchBalances')).toBeUndefined();
    expect(f.timestampUnit()).toBe('ms');
    expect(f.rateLimitsEnforced).toBe(false);
    expect(f.list()).toEqual([]);
  });

  it('connection faults reach the fronts: reset now as a control event, before the next ack on request; malformed frames', () => {
    const { v, events } = setup();
    v.fault({ kind: 'resetConnections', scope: 'private' });
    v.fault({ kind: 'malformedFrame', stream: 'trades' });
    expect(events.filter((e) => e.channel === 'control').map((e) => e.type)).toEqual(['resetConnections', 'malformedFrame']);
    v.fault({ kind: 'resetConnections', scope: 'public', beforeAck: true });
    expect(v.faults.takeResetBeforeAck('private')).toBe(false);
    expect(v.faults.takeResetBeforeAck('public')).toBe(true);
    expect(v.faults.takeResetBeforeAck('public')).toBe(false);
  });

  it('rate meter: counts per bucket in a rolling window, with reset times', () => {
    const { v } = setup();
    const m = v.faults.rateMeter;
    const t = v.now();
    expect(m.hit('ip', 2, 1000, t).allowed).toBe(true);
    expect(m.hit('ip', 2, 1000, t + 10).remaining).toBe(0);
    const refused = m.hit('ip', 2, 1000, t + 20);
    expect(refused).toEqual({ allowed: false, remaining: 0, resetAt: t + 1000, retryAfterMs: 980 });
    expect(m.hit('ip', 2, 1000, t + 1000).allowed).toBe(true);
    expect(m.count('ip', 1000, t + 1000)).toBe(2);
  });
});
