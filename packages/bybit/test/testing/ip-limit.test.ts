/** The front's IP limit (reference §3 "IP limits"): 600 HTTP requests per rolling 5 s, then HTTP 403 "access too frequent". */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBybitSimulator, type BybitSimulator } from '../../src/testing/index.js';

let sim: BybitSimulator;

beforeAll(async () => {
  sim = await startBybitSimulator({ seed: 'ip-limit' });
});
afterAll(async () => {
  await sim.close();
});

describe('IP limit', () => {
  it('refuses with HTTP 403 whatever is beyond 600 requests in a rolling 5 s, and logs it as a rate-limit refusal', async () => {
    let refused = 0;
    // Bounded: batches of 200 until the venue refuses one (the run is wall-clock; a slow machine needs more batches).
    for (let sent = 0; sent < 3_000 && refused === 0; sent += 200) {
      const replies = await Promise.all(Array.from({ length: 200 }, () => fetch(`${sim.restUrl}/v5/market/time`)));
      for (const r of replies) {
        if (r.status === 403) {
          refused++;
          expect(await r.text()).toMatch(/access too frequent/);
        } else {
          expect(r.status).toBe(200);
          await r.arrayBuffer();
        }
      }
    }
    expect(refused).toBeGreaterThan(0);
    // The rolling window over the venue's own log: a request is refused exactly when 600 were accepted in the 5 s before it.
    const log = await sim.control.receivedRequests();
    const accepted: number[] = [];
    for (const r of log) {
      while (accepted.length > 0 && r.at - accepted[0]! >= 5_000) accepted.shift();
      if (r.rejected === 'rateLimit') {
        expect(r.code).toBe(403);
        expect(accepted.length).toBe(600);
      } else {
        expect(accepted.length).toBeLessThan(600);
        accepted.push(r.at);
      }
    }
    expect((await sim.control.limits()).buckets.find((b) => b.scope === 'ip')).toMatchObject({ limit: 600, windowMs: 5_000 });
  });
});
