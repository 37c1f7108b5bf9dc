/**
 * `ready` of a public stream means the venue has the subscription, although Bitunix acknowledges no subscribe
 * (bitunix.md §6): a trade printed the moment `ready` resolves is delivered — the pong of the ping written after the
 * subscribe frame proves the venue read it.
 */
import type { Trade } from '@exkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BTC, collect, startRig, type Rig } from '../faults/setup.js';
import { until } from '../testing/helpers.js';

let rig: Rig;

beforeAll(async () => {
  rig = await startRig({ seed: 'subscribe-ready' });
});
afterAll(async () => {
  await rig.close();
});

describe('subscribe readiness without a venue ack', () => {
  it('a trade printed right after ready is delivered, on each of three fresh subscriptions', async () => {
    const { ex, sim } = rig;
    for (let round = 0; round < 3; round++) {
      const sub = ex.streams.trades(BTC);
      await sub.ready;
      const items = collect<Trade>(sub);
      const price = (await ex.fetchOrderBook(BTC, 1)).bids[0]!.price.toFixed();
      await sim.control.printTrades('BTCUSDT', [{ price, size: '0.001', side: 'buy' }]);
      await until(() => items.length === 1, `round ${round}: the trade printed after ready`);
      expect(items[0]!.price.toFixed()).toBe(price);
      await sub.close();
    }
    const pings = (await sim.control.connections()).filter((c) => c.scope === 'public').flatMap((c) => c.heartbeats);
    expect(pings.length).toBeGreaterThan(0); // readiness rode JSON pings (the heartbeat runs every 20 s)
  });
});
