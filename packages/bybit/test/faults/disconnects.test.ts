/**
 * Issue 5 "Must show": 10 forced disconnects of the private stream during a live order flow →
 * every order state and every fill reaches the consumer exactly once (the stream, plus the REST
 * reconciliation after each reconnect, deduplicated by the adapter).
 */
import type { Fill, Order } from '@exkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BybitExchange } from '../../src/exchange.js';
import type { BybitSimulator } from '../../src/testing/index.js';
import { adapterOn, PERP, PERP_ID, startSim, until } from './helpers.js';

let sim: BybitSimulator;
let ex: BybitExchange;

beforeAll(async () => {
  sim = await startSim('fault-disconnects');
  await sim.control.freeze(true);
  ex = adapterOn(sim);
  await ex.loadMarkets();
});
afterAll(async () => {
  await ex.close();
  await sim.close();
});

describe('private stream under 10 forced disconnects', () => {
  it('delivers every order state and fill exactly once', async () => {
    const orders: Order[] = [];
    const fills: Fill[] = [];
    const os = ex.streams.orders(PERP);
    const fs = ex.streams.fills(PERP);
    os.onItem((o) => orders.push(o));
    fs.onItem((f) => fills.push(f));
    await Promise.all([os.ready, fs.ready]);
    let reconnects = 0;
    ex.events.on('resubscribed', (e) => {
      if (e.connection.startsWith('private')) reconnects++;
    });

    const placed: string[] = [];
    for (let round = 0; round < 10; round++) {
      // A resting buy, filled by another participant in two parts: one before the drop, one during it.
      const price = (60_000 - round * 10).toFixed(1);
      await sim.control.seedBook(PERP_ID, { bids: [], asks: [['70000.0', '5']] });
      const o = await ex.placeOrder({ symbol: PERP, side: 'buy', type: 'limit', amount: '0.002', price, clientOrderId: `drop-${round}` });
      placed.push(o.id);
      await sim.control.crossBook(PERP_ID, { side: 'sell', size: '0.001', limitPrice: price });
      await sim.control.fault({ kind: 'resetConnections', scope: 'private' });
      await sim.control.crossBook(PERP_ID, { side: 'sell', size: '0.001', limitPrice: price });
      await until(() => reconnects > round, `reconnect ${round + 1}`);
    }

    const venueFills = (await sim.control.fills({ nativeId: PERP_ID })).filter((f) => placed.includes(f.orderId));
    expect(venueFills).toHaveLength(20);
    await until(() => placed.every((id) => orders.some((o) => o.id === id && o.status === 'filled')) && fills.length >= 20, 'every fill and final order state', 20_000);
    // let late duplicates (a reconciliation racing the stream) show up before counting
    await new Promise((r) => setTimeout(r, 300));

    const fillIds = fills.map((f) => f.id);
    expect(new Set(fillIds).size).toBe(fillIds.length);
    expect([...fillIds].sort()).toEqual(venueFills.map((f) => f.id).sort());
    for (const id of placed) {
      const states = orders.filter((o) => o.id === id).map((o) => `${o.status}:${o.filled.toFixed()}`);
      expect(new Set(states).size, `order ${id}: ${states.join(' → ')}`).toBe(states.length);
      expect(states.at(-1)).toBe('filled:0.002');
      // never a regression: filled only grows along the delivered states
      const filled = orders.filter((o) => o.id === id).map((o) => Number(o.filled.toFixed()));
      expect([...filled].sort((a, b) => a - b)).toEqual(filled);
    }
    expect(reconnects).toBeGreaterThanOrEqual(10);
    await Promise.all([os.close(), fs.close()]);
  });
});
