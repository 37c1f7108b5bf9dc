/**
 * The limiter in front of a real loopback server that records arrival times: what matters is what
 * the *server* saw. Small windows keep each test to a few seconds; nothing asserts speed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_QUEUE_FULL, RateLimitError, RateLimiter, RestTransport, RetryPolicy, type RestTransportOptions } from '../../src/index.js';
import { bybitLikeDecoder, ok } from '../transport/helpers/bybit-like.js';
import { LoopbackServer, json, maxInSlidingWindow } from '../transport/helpers/loopback-server.js';

let server: LoopbackServer;
const cleanup: Array<() => Promise<void> | void> = [];

function make(limiter: RateLimiter, extra: Partial<RestTransportOptions> = {}): RestTransport {
  const t = new RestTransport({ exchange: 'rl', baseUrl: server.url, limiter, decoder: bybitLikeDecoder, retry: RetryPolicy.none(), ...extra });
  cleanup.push(() => t.close(), () => limiter.close());
  return t;
}

beforeAll(async () => {
  server = await LoopbackServer.start();
});
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
  server.requests.length = 0;
});
afterAll(async () => {
  await server.close();
});

describe('limiter against a loopback server', () => {
  it('200 concurrent requests never exceed 10 per 100 ms in any server-side sliding window', async () => {
    const WINDOW = 100;
    server.handler = (_r, res) => json(res, 200, ok({}));
    const limiter = new RateLimiter({ buckets: { ip: { limit: 10, windowMs: WINDOW } } }); // default 5 % headroom → 9
    const t = make(limiter);
    const results = await Promise.allSettled(Array.from({ length: 200 }, () => t.request({ path: '/load', cost: { ip: 1 } })));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const arrivals = server.to('/load').map((r) => r.arrivedAt);
    expect(arrivals).toHaveLength(200);
    const worst = maxInSlidingWindow(arrivals, WINDOW);
    expect(worst).toBeLessThanOrEqual(10); // the budget
    expect(worst).toBeLessThanOrEqual(9); // and the headroom was kept
  });

  it('corrects itself from the venue headers: remaining 0 + reset in 500 ms holds the next request until then', async () => {
    let resetAt = 0;
    server.handler = (r, res) => {
      if (r.path === '/first') {
        resetAt = Date.now() + 500;
        return json(res, 200, ok({}), { 'x-limit': '10', 'x-limit-status': '0', 'x-limit-reset': String(resetAt) });
      }
      json(res, 200, ok({}), { 'x-limit': '10', 'x-limit-status': '9', 'x-limit-reset': String(Date.now()) });
    };
    const limiter = new RateLimiter({ buckets: { 'order:create': { limit: 10, windowMs: 1000 } } });
    const t = make(limiter, {
      rateLimitHeaders: (h, ctx) => {
        const bucket = Object.keys(ctx.cost)[0];
        if (bucket === undefined || h['x-limit'] === undefined) return undefined;
        return { bucket, limit: Number(h['x-limit']), remaining: Number(h['x-limit-status']), resetAt: Number(h['x-limit-reset']) };
      },
    });
    await t.request({ path: '/first', cost: { 'order:create': 1 } });
    await t.request({ path: '/second', cost: { 'order:create': 1 } });
    const second = server.to('/second')[0]!;
    expect(second.arrivedAt).toBeGreaterThanOrEqual(resetAt);
  });

  it('a 429 with Retry-After pauses the whole bucket; a full queue then refuses at once without sending', async () => {
    let pausedAt = 0;
    server.handler = (r, res) => {
      if (r.path === '/limited') {
        pausedAt = Date.now();
        return json(res, 429, { msg: 'slow down' }, { 'retry-after': '1' });
      }
      json(res, 200, ok({}));
    };
    const limiter = new RateLimiter({ buckets: { ip: { limit: 100, windowMs: 1000, maxQueue: 3 } } });
    const t = make(limiter);
    const first = await t.request({ path: '/limited', cost: { ip: 1 } }).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(RateLimitError);
    expect((first as RateLimitError).retryAfterMs).toBe(1000);

    const waiting = Array.from({ length: 3 }, () => t.request({ path: '/after', cost: { ip: 1 } }));
    const overflow = await t.request({ path: '/overflow', cost: { ip: 1 } }).catch((e: unknown) => e);
    expect(overflow).toBeInstanceOf(RateLimitError);
    expect((overflow as RateLimitError).details?.['reason']).toBe(LOCAL_QUEUE_FULL);
    expect(server.to('/overflow')).toHaveLength(0);

    await Promise.all(waiting);
    for (const r of server.to('/after')) expect(r.arrivedAt).toBeGreaterThanOrEqual(pausedAt + 1000);
  });

  it('a venue rate-limit code (HTTP 200 + retCode) pauses the bucket for the configured time', async () => {
    let limitedAt = 0;
    server.handler = (r, res) => {
      if (r.path === '/code') {
        limitedAt = Date.now();
        return json(res, 200, { retCode: 10006, retMsg: 'Too many visits!', result: {} });
      }
      json(res, 200, ok({}));
    };
    const limiter = new RateLimiter({ buckets: { uid: { limit: 50, windowMs: 1000 } } });
    const t = make(limiter, { rateLimitPauseMs: 300 });
    await expect(t.request({ path: '/code', cost: { uid: 1 } })).rejects.toBeInstanceOf(RateLimitError);
    await t.request({ path: '/next', cost: { uid: 1 } });
    expect(server.to('/next')[0]!.arrivedAt).toBeGreaterThanOrEqual(limitedAt + 300);
  });
});
