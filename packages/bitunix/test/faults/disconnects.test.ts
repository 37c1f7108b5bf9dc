/**
 * Ten forced disconnects of the private socket during a live order flow: every order reaches its final status and
 * every fill arrives exactly once, through resubscription plus REST reconciliation (the venue's private frames carry
 * no sequence number, so the outage itself is what triggers the catch-up).
 */
import type { Fill, Order } from '@exkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../testing/helpers.js';
import { BTC, collect, startRig, type Rig } from './setup.js';

let rig: Rig;

beforeAll(async () => {
  rig = await startRig({ seed: 'fault-disconnects' });
});
afterAll(async () => {
  await rig.close();
});

describe('forced disconnects during an order flow', () => {
  it('10 private-socket resets: every order update and fill delivered exactly once', async () => {
    const { ex, sim } = rig;
    const orderSub = ex.streams.orders(BTC);
    const fillSub = ex.streams.fills(BTC);
    await Promise.all([orderSub.ready, fillSub.ready]);
    const orders = collect<Order>(orderSub);
    const fills = collect<Fill>(fillSub);
    const top = (await ex.fetchOrderBook(BTC, 1)).bids[0]!.price;
    const bid = top.plus('0.1'); // joins nothing: a sell meets these orders first
    const placed: string[] = [];
    let live = true;
    ex.events.on('resubscribed', () => {
      live = true;
    });
    for (let i = 0; i < 10; i++) {
      const o = await ex.placeOrder({ symbol: BTC, side: 'buy', type: 'limit', amount: '0.002', price: bid });
      placed.push(o.id);
      // once the client is back (logged in again), cut the socket and fill the order while it is away
      // (odd rounds: two partial fills)
      await until(() => live, 'private socket back', 15_000);
      live = false;
      await sim.control.fault({ kind: 'resetConnections', scope: 'private' });
      if (i % 2 === 1) {
        await sim.control.crossBook('BTCUSDT', { side: 'sell', size: '0.001', limitPrice: bid.toFixed() });
        await sim.control.crossBook('BTCUSDT', { side: 'sell', size: '0.001', limitPrice: bid.toFixed() });
      } else {
        await sim.control.crossBook('BTCUSDT', { side: 'sell', size: '0.002', limitPrice: bid.toFixed() });
      }
    }
    const venueFills = (await sim.control.fills({ nativeId: 'BTCUSDT' })).filter((f) => placed.includes(f.orderId));
    expect(venueFills).toHaveLength(15);
    const want = new Set(venueFills.map((f) => f.id));
    await until(() => fills.filter((f) => want.has(f.id)).length >= want.size, 'every fill delivered', 30_000);
    await until(() => placed.every((id) => orders.some((o) => o.id === id && o.status === 'filled')), 'every order filled', 30_000).catch((e: unknown) => {
      throw new Error(`${String(e)}: ${JSON.stringify(placed.map((id) => orders.filter((o) => o.id === id).map((o) => `${o.status}:${o.filled.toFixed()}`)))}`);
    });

    const delivered = fills.filter((f) => placed.includes(f.orderId)).map((f) => f.id);
    expect(new Set(delivered).size).toBe(delivered.length); // no fill twice
    expect(new Set(delivered)).toEqual(want); // none missing, none invented
    for (const id of placed) {
      const updates = orders.filter((o) => o.id === id);
      expect(updates.filter((o) => o.status === 'filled')).toHaveLength(1); // the final status once
      for (let k = 1; k < updates.length; k++) expect(updates[k]!.filled.gte(updates[k - 1]!.filled)).toBe(true);
    }
    const resets = (await sim.control.connections()).filter((c) => c.scope === 'private' && c.closedBy === 'fault');
    expect(resets.length).toBeGreaterThanOrEqual(10);
    await orderSub.close();
    await fillSub.close();
  }, 60_000);
});
