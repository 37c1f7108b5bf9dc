/**
 * Venue clock 30 s off ours, with the simulator enforcing a 5 s receive window: no TimestampError reaches the caller.
 * Bitunix has no time endpoint (bitunix.md §3): the adapter reads the venue clock from the HTTP `Date` header of a
 * small public reply, signs with that offset, and — when a 10007 comes back while its clock is off the reply's
 * `Date` — re-syncs once and signs again.
 */
import { TimestampError } from '@exkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BTC, startRig, type Rig } from './setup.js';

const SKEW_MS = 30_000;
let rig: Rig;

beforeAll(async () => {
  rig = await startRig({ seed: 'fault-skew', receiveWindowMs: 5_000 });
});
afterAll(async () => {
  await rig.close();
});

describe('venue clock skewed by 30 s', () => {
  it('signed calls succeed, the offset comes from the Date header, no TimestampError surfaces', async () => {
    const { ex, sim } = rig;
    await ex.fetchBalances(); // synced while the clocks agree
    await sim.control.fault({ kind: 'clockSkew', offsetMs: SKEW_MS });
    const errors: unknown[] = [];
    const guard = <T>(p: Promise<T>): Promise<T | undefined> =>
      p.catch((e: unknown) => {
        errors.push(e);
        return undefined;
      });
    const balances = await guard(ex.fetchBalances());
    const book = await ex.fetchOrderBook(BTC, 5);
    const order = await guard(ex.placeOrder({ symbol: BTC, side: 'buy', type: 'limit', amount: '0.001', price: book.bids[4]!.price.minus(100) }));
    const canceled = order === undefined ? undefined : await guard(ex.cancelOrder({ symbol: BTC, id: order.id }));
    expect(errors.filter((e) => e instanceof TimestampError)).toEqual([]);
    expect(errors).toEqual([]);
    expect([balances !== undefined, order?.status, canceled?.status]).toEqual([true, 'open', 'canceled']);

    // the adapter's view of the venue clock is the skewed one (Date header: 1 s resolution)
    const venueNow = await sim.control.now();
    const seen = await ex.fetchServerTime();
    expect(Math.abs(seen - venueNow)).toBeLessThan(1_500);
    expect(Math.abs(venueNow - Date.now() - SKEW_MS)).toBeLessThan(1_000);

    // the venue refused at most one signed request per call that met the jump (then re-synced), none after
    const refused = (await sim.control.receivedRequests()).filter((r) => r.code === 10007);
    expect(refused.length).toBeLessThanOrEqual(1);
    const again = await guard(ex.fetchBalances());
    expect(again).toBeDefined();
    expect((await sim.control.receivedRequests()).filter((r) => r.code === 10007)).toHaveLength(refused.length);
  });
});
