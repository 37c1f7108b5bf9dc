/**
 * Issue 5 "Must show": requests offered at 2× the venue limit for 10 s → the simulator (which
 * enforces Bybit's per-UID limits, reference §3) refuses none: the adapter's limiter queues them.
 * A bounded real run: `set-leverage` (10/s per UID) offered at 20/s for 10 s — 200 calls, which the
 * limit lets through in ~20 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BybitExchange } from '../../src/exchange.js';
import type { BybitSimulator } from '../../src/testing/index.js';
import { adapterOn, PERP, startSim } from './helpers.js';

const LIMIT_PER_S = 10;
const OFFERED_PER_S = 2 * LIMIT_PER_S;
const OFFER_MS = 10_000;

let sim: BybitSimulator;
let ex: BybitExchange;

beforeAll(async () => {
  sim = await startSim('fault-rate');
  ex = adapterOn(sim);
  await ex.loadMarkets();
  await ex.fetchBalances(); // clock sync before the burst
});
afterAll(async () => {
  await ex.close();
  await sim.close();
});

/** The most requests of `times` (sorted) inside any window of `windowMs`. */
function peak(times: readonly number[], windowMs: number): number {
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < times.length; hi++) {
    while (times[hi]! - times[lo]! >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

describe('2× the per-UID limit for 10 s', () => {
  it('the venue refuses nothing and never sees more than the limit per second', async () => {
    const from = (await sim.control.receivedRequests()).length;
    const calls: Promise<void>[] = [];
    const started = Date.now();
    for (let i = 0; i < (OFFER_MS / 1000) * OFFERED_PER_S; i++) {
      calls.push(ex.setLeverage(PERP, 5 + (i % 2)));
      await new Promise((r) => setTimeout(r, 1000 / OFFERED_PER_S));
    }
    const results = await Promise.allSettled(calls);
    const elapsed = Date.now() - started;
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);

    const log = (await sim.control.receivedRequests()).slice(from).filter((r) => r.operation === 'setLeverage');
    expect(log).toHaveLength(200);
    expect(log.filter((r) => r.rejected !== undefined)).toEqual([]);
    expect(peak(log.map((r) => r.at).sort((a, b) => a - b), 1_000)).toBeLessThanOrEqual(LIMIT_PER_S);
    // the limit, not the offer, set the pace: 200 calls at ≤ 10/s need ≥ 19 s
    expect(elapsed).toBeGreaterThanOrEqual(19_000);
  }, 60_000);
});
