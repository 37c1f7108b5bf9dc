/**
 * Issue 5 "Must show": the venue clock skewed 30 s (ahead, then behind) → no Timestamp error
 * reaches the caller: the adapter's clock sync follows the venue and a 10002 answer resyncs and
 * retries once.
 */
import { TimestampError } from '@exkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BybitExchange } from '../../src/exchange.js';
import type { BybitSimulator } from '../../src/testing/index.js';
import { adapterOn, PERP, startSim } from './helpers.js';

let sim: BybitSimulator;
let ex: BybitExchange;

beforeAll(async () => {
  sim = await startSim('fault-clock');
  ex = adapterOn(sim);
  await ex.loadMarkets();
});
afterAll(async () => {
  await ex.close();
  await sim.close();
});

/** A few signed reads and an order round trip; returns the errors they raised. */
async function signedCalls(): Promise<unknown[]> {
  const errors: unknown[] = [];
  const run = async (f: () => Promise<unknown>): Promise<void> => {
    try {
      await f();
    } catch (e) {
      errors.push(e);
    }
  };
  await run(() => ex.fetchBalances());
  await run(() => ex.fetchOpenOrders(PERP));
  await run(async () => {
    const bid = (await ex.fetchTicker(PERP)).bid!;
    const o = await ex.placeOrder({ symbol: PERP, side: 'buy', type: 'limit', amount: '0.001', price: bid.mul('0.9').toDecimalPlaces(1).toFixed() });
    await ex.cancelOrder({ symbol: PERP, id: o.id });
  });
  return errors;
}

describe('venue clock skewed 30 s', () => {
  it('signed calls succeed with the venue 30 s ahead, then 30 s behind', async () => {
    expect(await signedCalls()).toEqual([]);
    for (const offsetMs of [30_000, -30_000]) {
      await sim.control.fault({ kind: 'clockSkew', offsetMs });
      expect(Math.abs((await sim.control.now()) - offsetMs - Date.now())).toBeLessThan(1_000);
      const errors = await signedCalls();
      expect(errors.filter((e) => e instanceof TimestampError)).toEqual([]);
      expect(errors).toEqual([]);
      // the adapter's venue clock now follows the skewed venue
      expect(Math.abs((ex.timeSyncStatus?.offsetMs ?? 0) - offsetMs)).toBeLessThan(1_000);
    }
    const refused = (await sim.control.receivedRequests()).filter((r) => r.rejected === 'timestamp');
    // at most one refused (then resynced and retried) request per jump
    expect(refused.length).toBeLessThanOrEqual(2);
    await sim.control.clearFaults();
  });
});
