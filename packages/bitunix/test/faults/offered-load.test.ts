/**
 * Twice the venue's limits offered for a bounded time: the simulator enforces Bitunix's windows (10 req/s per IP on
 * each market endpoint, 10 req/s per UID on each private one — bitunix.md §3) and rejects nothing, because the
 * client limiter paces the calls; the burst therefore takes at least as long as the limits imply.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BTC, startRig, type Rig } from './setup.js';

/** Offered in one go: twice what 1.5 s of budget allows on each endpoint (bounded in count and time). */
const PUBLIC_CALLS = 30;
const PRIVATE_CALLS = 30;
let rig: Rig;

beforeAll(async () => {
  rig = await startRig({ seed: 'fault-load', enforceRateLimits: true });
});
afterAll(async () => {
  await rig.close();
});

describe('2× offered load', () => {
  it('no request is refused; the limiter spreads the burst over the windows', async () => {
    const { ex, sim } = rig;
    await ex.fetchBalances(); // clock sync and credentials out of the way
    const start = (await sim.control.receivedRequests()).length;
    const calls = [
      ...Array.from({ length: PUBLIC_CALLS }, () => ex.fetchOrderBook(BTC, 5)),
      ...Array.from({ length: PRIVATE_CALLS }, () => ex.fetchBalances()),
    ];
    const settled = await Promise.race([
      Promise.allSettled(calls),
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 20_000).unref()),
    ]);
    expect(settled).not.toBe('timeout');
    const failed = (settled as PromiseSettledResult<unknown>[]).filter((r) => r.status === 'rejected');
    expect(failed).toEqual([]);
    const seen = (await sim.control.receivedRequests()).slice(start);
    expect(seen.filter((r) => r.rejected !== undefined)).toEqual([]);
    expect(seen.length).toBe(PUBLIC_CALLS + PRIVATE_CALLS);
    // as the venue measured it: never more than 10 requests to one endpoint inside any 1 s window
    for (const path of new Set(seen.map((r) => r.path))) {
      const at = seen.filter((r) => r.path === path).map((r) => r.at);
      const worst = Math.max(...at.map((t) => at.filter((u) => u >= t && u < t + 1_000).length));
      expect([path, worst <= 10]).toEqual([path, true]);
    }
  }, 30_000);
});
