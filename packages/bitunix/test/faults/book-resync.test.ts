/**
 * Book continuity loss. Bitunix depth pushes are whole windows without sequence numbers (bitunix.md §6), so the
 * one way a client's book silently stops being current is a stalled feed: the simulator's `sequenceGap` stops the
 * pushes of that symbol on the socket until it is subscribed again. The maintained book must notice by its age
 * (no push for `bookStaleMs`; the venue pushes every ~310 ms), report one resync, resubscribe and converge on the
 * venue's book — emitting nothing built on the lost state meanwhile. A crossed window is refused the same way.
 */
import type { OrderBook, ResyncEvent } from '@exkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../testing/helpers.js';
import { BTC, collect, startRig, type Rig } from './setup.js';

let rig: Rig;

beforeAll(async () => {
  rig = await startRig({ seed: 'fault-book' });
});
afterAll(async () => {
  await rig.close();
});

const sameTop = (b: OrderBook | undefined, venue: { bids: ReadonlyArray<readonly [string, string]>; asks: ReadonlyArray<readonly [string, string]> }): boolean =>
  b !== undefined && b.bids.length > 0 && b.bids.every((l, i) => venue.bids[i] !== undefined && l.price.eq(venue.bids[i]![0]) && l.size.eq(venue.bids[i]![1])) && b.asks.every((l, i) => venue.asks[i] !== undefined && l.price.eq(venue.asks[i]![0]) && l.size.eq(venue.asks[i]![1]));

describe('book continuity loss', () => {
  it('a stalled feed: one resync, resubscribed, converges; a crossed window: never emitted, resync', async () => {
    const { ex, sim } = rig;
    const resyncs: ResyncEvent[] = [];
    ex.events.on('resync', (e) => resyncs.push(e));
    const sub = ex.streams.orderBook(BTC, { depth: 5 });
    await sub.ready;
    const books = collect<OrderBook>(sub);
    await until(() => books.length > 0, 'first book');

    await sim.control.fault({ kind: 'sequenceGap', nativeId: 'BTCUSDT' });
    const bid = books.at(-1)!.bids[1]!.price.toFixed();
    await sim.control.changeBook('BTCUSDT', [{ side: 'bid', price: bid, size: '3.333' }]);
    const venue = await sim.control.book('BTCUSDT', 5);
    await until(() => resyncs.length === 1, 'a resync after the stall', 10_000);
    await until(() => sameTop(books.at(-1), venue), 'converged on the venue book', 10_000);
    expect(resyncs[0]!.symbol).toBe(BTC);

    await sim.control.fault({ kind: 'crossedBook', nativeId: 'BTCUSDT' });
    await sim.control.changeBook('BTCUSDT', [{ side: 'bid', price: bid, size: '4.444' }]);
    await until(() => resyncs.length === 2, 'a resync after the crossed window', 10_000);
    const after = await sim.control.book('BTCUSDT', 5);
    await until(() => sameTop(books.at(-1), after), 'converged after the crossed window', 10_000);
    for (const b of books) expect(b.bids[0]!.price.lt(b.asks[0]!.price)).toBe(true); // nothing crossed was emitted
    await sub.close();
  }, 40_000);
});
