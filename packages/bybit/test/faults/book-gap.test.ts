/**
 * Issue 5 "Must show": a book sequence gap → resync. The simulator drops one delta (its `u` still
 * advances); the adapter sees `u` jump, emits nothing from the broken book, resubscribes for a
 * fresh snapshot (reference §6 processing rules) and reports one `resync`.
 */
import type { OrderBook, ResyncEvent } from '@exkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BybitExchange } from '../../src/exchange.js';
import type { BybitSimulator } from '../../src/testing/index.js';
import { adapterOn, PERP, PERP_ID, startSim, until } from './helpers.js';

let sim: BybitSimulator;
let ex: BybitExchange;

beforeAll(async () => {
  sim = await startSim('fault-book');
  await sim.control.freeze(true);
  ex = adapterOn(sim);
  await ex.loadMarkets();
});
afterAll(async () => {
  await ex.close();
  await sim.close();
});

const levels = (n: number, from: number, step: number): Array<[string, string]> => Array.from({ length: n }, (_, i) => [(from + i * step).toFixed(1), '1.000']);

/** The book as the venue holds it, in the adapter's terms. */
async function venueTop(depth: number): Promise<string> {
  const b = await sim.control.book(PERP_ID, depth);
  return JSON.stringify({ bids: b.bids.map(([p, s]) => [Number(p), Number(s)]), asks: b.asks.map(([p, s]) => [Number(p), Number(s)]) });
}
const adapterTop = (b: OrderBook | undefined, depth: number): string =>
  JSON.stringify({
    bids: (b?.bids ?? []).slice(0, depth).map((l) => [Number(l.price.toFixed()), Number(l.size.toFixed())]),
    asks: (b?.asks ?? []).slice(0, depth).map((l) => [Number(l.price.toFixed()), Number(l.size.toFixed())]),
  });

describe('book sequence gap', () => {
  it('is detected, resynced once from a fresh snapshot, and never emitted broken', async () => {
    await sim.control.seedBook(PERP_ID, { bids: levels(10, 64_990, -1), asks: levels(10, 65_010, 1) });
    const resyncs: ResyncEvent[] = [];
    ex.events.on('resync', (e) => resyncs.push(e));
    const sub = ex.streams.orderBook(PERP, { depth: 10 });
    const seen: OrderBook[] = [];
    sub.onItem((b) => seen.push(b));
    await sub.ready;
    await until(async () => adapterTop(sub.latest, 10) === (await venueTop(10)), 'initial book');
    const before = seen.length;

    await sim.control.fault({ kind: 'sequenceGap', nativeId: PERP_ID });
    await sim.control.changeBook(PERP_ID, [{ side: 'bid', price: '64985.0', size: '7' }]); // dropped on the wire
    await sim.control.changeBook(PERP_ID, [{ side: 'ask', price: '65015.0', size: '6' }]); // arrives after the gap
    await until(() => resyncs.length > 0, 'a resync');
    await until(async () => adapterTop(sub.latest, 10) === (await venueTop(10)), 'book rebuilt after the gap');

    expect(resyncs).toHaveLength(1);
    expect(resyncs[0]!.symbol).toBe(PERP);
    expect(resyncs[0]!.reason).toMatch(/gap/);
    // No emission ever showed the second delta without the first (the broken state).
    const broken = seen.slice(before).filter((b) => b.asks.some((l) => l.price.eq('65015') && l.size.eq(6)) && !b.bids.some((l) => l.price.eq('64985') && l.size.eq(7)));
    expect(broken).toEqual([]);
    const sequences = seen.map((b) => b.sequence ?? 0);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
    await sub.close();
  });
});
