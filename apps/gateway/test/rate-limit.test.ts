// The contract's limits at scale 1: X-RateLimit-* on every answer, 429 with Retry-After and the seed 003 body,
// per role, per route, per IP without auth, and an API key's own hourly limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyWith, startGateway, userWithRole, type TestGateway } from './support/gateway.js';

let t: TestGateway;
let admin: string;

beforeAll(async () => {
  t = await startGateway({ rateLimitScale: 1 }, { engine: false });
  admin = (await t.login()).access_token;
});
afterAll(async () => {
  expect(t.leaks()).toEqual([]);
  await t.close();
});

describe('rate limits', () => {
  it('every limited answer carries X-RateLimit-Limit/Remaining/Reset, counting down', async () => {
    const u = await userWithRole(t, admin, 'READ_ONLY');
    const a = await t.request('GET', '/status', { token: u.token });
    const b = await t.request('GET', '/status', { token: u.token });
    expect(a.headers.get('x-ratelimit-limit')).toBe('100');
    expect(Number(a.headers.get('x-ratelimit-remaining')) - Number(b.headers.get('x-ratelimit-remaining'))).toBe(1);
    const reset = Number(a.headers.get('x-ratelimit-reset'));
    expect(reset * 1000).toBeGreaterThan(Date.now());
    expect(reset * 1000).toBeLessThanOrEqual(Date.now() + 61_000);
    // Errors carry them too.
    const bad = await t.request('GET', '/metrics?hours=x', { token: u.token });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-ratelimit-remaining')).not.toBeNull();
  });

  it('a route limit (POST /api/v1/trade, 10/min) refuses the 11th call with 429, Retry-After and the body', async () => {
    const u = await userWithRole(t, admin, 'CONTROL');
    const statuses: number[] = [];
    // Invalid bodies: counted by the limiter, refused before anything is placed.
    for (let i = 0; i < 11; i++) statuses.push((await t.request('POST', '/api/v1/trade', { token: u.token, body: { symbol: 'BTCUSDT' } })).status);
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
    const a = await t.request('POST', '/api/v1/trade', { token: u.token, body: { symbol: 'BTCUSDT' } });
    expect(a.status).toBe(429);
    expect(Number(a.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(a.headers.get('x-ratelimit-limit')).toBe('10');
    expect(a.headers.get('x-ratelimit-remaining')).toBe('0');
    const err = (a.body as { success: boolean; error: Record<string, unknown> }).error;
    expect(err).toMatchObject({ error: 'rate_limit_exceeded', message: expect.any(String), retry_after: expect.any(Number), limit: 10, reset: expect.any(Number), request_id: expect.any(String) });
    // Using most of a limit raised a "Rate limit near" alert naming the caller.
    const alerts = (await t.request('GET', '/alerts', { token: admin })).body as { alerts: { title: string; message: string }[] };
    expect(alerts.alerts.some((x) => x.title === 'Rate limit near' && x.message.includes(u.username))).toBe(true);
    // Another caller is not affected.
    const other = await userWithRole(t, admin, 'CONTROL');
    expect((await t.request('POST', '/api/v1/trade', { token: other.token, body: { symbol: 'BTCUSDT' } })).status).toBe(400);
  });

  it('unauthenticated callers get 20/min per IP', async () => {
    // Logins of earlier tests came from this IP without auth too: they share the bucket.
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await t.request('GET', '/trading/status')).status);
    const first429 = statuses.indexOf(429);
    expect(first429).toBeGreaterThanOrEqual(0);
    expect(statuses.slice(0, first429).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(first429).every((s) => s === 429)).toBe(true);
    const last = await t.request('GET', '/trading/status');
    expect(last.headers.get('x-ratelimit-limit')).toBe('20');
  });

  it("an API key's own rate_limit (per hour) applies on top", async () => {
    const { key } = await apiKeyWith(t, admin, 'READ_ONLY', '&rate_limit=3');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.request('GET', '/config', { apiKey: key })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('SUPER_ADMIN key creation is limited to 10 per hour', async () => {
    const statuses: number[] = [];
    // Earlier tests of this file created keys too.
    for (let i = 0; i < 11; i++) statuses.push((await t.request('POST', '/api/keys?name=lim&permissions=READ_ONLY', { token: admin })).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(10);
    // The created keys' answers hold keys: they are test-only secrets, dropped from the leak scan.
    t.answers.splice(0, t.answers.length, ...t.answers.filter((l) => !l.includes('"api_key"')));
  });
});

describe('rate-limit store failure', () => {
  it('lets the request through and reports the failure (Redis down must not take the API down)', async () => {
    const { RateLimiter } = await import('../src/http/rate-limit.js');
    const failures: unknown[] = [];
    const broken = {
      hit: async () => {
        throw new Error('Stream isn\'t writeable and enableOfflineQueue options is false');
      },
      peek: async () => ({ count: 0, resetAt: 0 }),
      close: async () => undefined,
    };
    const limiter = new RateLimiter(broken, 1, (e) => failures.push(e));
    expect(await limiter.check('GET /status', null, null, '127.0.0.1', 0)).toBeNull();
    expect(failures).toHaveLength(1);
  });

  it('reports the tightest bucket and refuses when any bucket is over', async () => {
    const { RateLimiter, MINUTE } = await import('../src/http/rate-limit.js');
    const { MemoryRateStore } = await import('../src/http/rate-store.js');
    const limiter = new RateLimiter(new MemoryRateStore(), 1, () => undefined);
    const principal = { kind: 'api_key' as const, id: 'k', name: 'k', role: 'READ_ONLY' as const };
    const verdicts = [];
    for (let i = 0; i < 3; i++) verdicts.push(await limiter.check('GET /x', { max: 50, windowMs: MINUTE, per: 'caller' }, principal, 'ip', 1_000, 2));
    expect(verdicts.map((v) => [v?.allowed, v?.limit, v?.remaining])).toEqual([[true, 2, 1], [true, 2, 0], [false, 2, 0]]);
    expect(verdicts[2]?.retryAfter).toBe(3600);
  });
});
