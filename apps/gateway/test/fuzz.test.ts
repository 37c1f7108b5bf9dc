// Seeded fuzzing over real HTTP: ≥ 5,000 malformed requests against every route of the table (bad JSON,
// wrong types, unknown fields, junk path ids and query values, junk credentials, wrong methods) → never a
// 5xx, every error in the contract's shape, and no state changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from './support/gateway.js';

const SEED = 0x5eed_2026;
const COUNT = 5_200;

function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T };
}

const JUNK = ['', ' ', '%00', '..%2F..%2Fetc%2Fpasswd', "' OR 1=1 --", '<script>', '💥', 'a'.repeat(300), '-1', '1e309', 'NaN', '{}', '[]', 'null', '%E0%A4%A', '%25', 'undefined'];
const JSON_JUNK = ['{', '{"a":', '[1,2', '"unterminated', 'nul', '{"a":1}}', '\u0000', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}'];

let t: TestGateway;
let admin: string;

async function snapshot() {
  const s = t.gw.ctx.store;
  const venue = t.gw.ctx.venues.get('bybit-sim').client;
  return JSON.stringify({
    users: (await s.users.list()).map((u) => [u.id, u.role, u.enabled, u.updatedAt]),
    keys: (await s.apiKeys.list()).map((k) => [k.id, k.enabled]),
    alerts: (await s.alerts.list(false)).filter((a) => !a.title.startsWith('Rate limit')).map((a) => [a.id, a.active]),
    settings: await s.settings.get('settings'),
    strategies: await s.engine.listStrategies(),
    engine: await s.engine.getEngineState(),
    commands: (await s.engine.listCommands(1000)).length,
    journal: (await s.engine.listJournal({})).length,
    openOrders: (await venue.fetchOpenOrders()).length,
    fills: (await venue.fetchFills()).length,
  });
}

beforeAll(async () => {
  t = await startGateway({ rateLimitScale: 1_000_000 });
  admin = (await t.login()).access_token;
});
afterAll(async () => {
  expect(t.leaks()).toEqual([]);
  await t.close();
});

describe('fuzz', () => {
  it(`${COUNT} malformed requests: no 5xx, errors in contract shape, no state change`, async () => {
    const r = rng(SEED);
    const before = await snapshot();
    const refresh = (await t.login()).refresh_token;
    const routes = t.gw.routeTable.filter((x) => !x.url.startsWith('/redoc'));
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    const one = async () => {
      const route = r.pick(routes);
      let path = route.url.replace(/:([a-z_]+)/g, () => encodeURIComponent(r.pick(JUNK)) || 'x');
      const query: string[] = [`__fuzz=${encodeURIComponent(r.pick(JUNK))}`];
      for (let i = r.int(3); i > 0; i--) query.push(`${r.pick(['exchange', 'hours', 'limit', 'interval', 'status', 'active_only', 'name', 'permissions', 'rate_limit'])}=${encodeURIComponent(r.pick(JUNK))}`);
      path += `?${query.join('&')}`;
      const kind = r.int(10);
      const method = kind === 0 ? r.pick(['PUT', 'PATCH', 'DELETE', 'POST', 'GET', 'OPTIONS']) : route.method;
      const headers: Record<string, string> = {};
      const auth = r.int(6);
      if (auth <= 2) headers['authorization'] = `Bearer ${admin}`;
      else if (auth === 3) headers['authorization'] = r.pick(['Bearer', 'Basic abc', `Bearer ${admin}x`, 'Bearer a.b.c', `Bearer exk_${encodeURIComponent(r.pick(JUNK))}`]);
      else if (auth === 4) headers['x-api-key'] = `exk_${'0'.repeat(12)}_${'A'.repeat(43)}`;
      let body: string | undefined;
      if (method !== 'GET' && method !== 'OPTIONS' && method !== 'DELETE') {
        const b = r.int(5);
        if (b === 0) body = r.pick(JSON_JUNK);
        else if (b === 1) body = JSON.stringify(r.pick([[], 1, 'x', null, true]));
        else if (b === 2) body = JSON.stringify({ __fuzz: r.pick(JUNK), username: 'admin', password: r.pick(JUNK), command: 'start', settings: {} });
        else if (b === 3) body = JSON.stringify({ symbol: r.pick(JUNK), side: r.pick(['buy', 'sell', 'x']), size: r.pick([-1, '0', '1e5', 'abc', 1e308]), type: 'market', extra: 1 });
        else body = 'x'.repeat(70_000);
        headers['content-type'] = r.int(8) === 0 ? r.pick(['text/plain', 'application/xml', 'multipart/form-data']) : 'application/json';
      }
      const a = await t.request(method, path, { headers, ...(body !== undefined && { rawBody: body }) });
      sent += 1;
      statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
      if (a.status < 400 && method !== 'GET') problems.push(`${method} ${path} → ${a.status}: a malformed change was accepted`);
      if (a.status >= 500) problems.push(`${method} ${path} → ${a.status} ${a.text.slice(0, 160)}`);
      else if (a.status >= 400) {
        const o = (a.body ?? {}) as Record<string, unknown>;
        const e = (o['success'] === false ? o['error'] : o) as Record<string, unknown>;
        if (typeof e['error'] !== 'string' || typeof e['message'] !== 'string' || typeof e['timestamp'] !== 'string' || typeof e['request_id'] !== 'string' || !('details' in e)) {
          problems.push(`${method} ${path} → ${a.status} not in the error shape: ${a.text.slice(0, 160)}`);
        }
      }
    };
    // A few in flight at once, bounded in count.
    const workers = Array.from({ length: 4 }, async () => {
      while (sent < COUNT) await one();
    });
    await Promise.all(workers);
    expect(problems.slice(0, 20)).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(5_000);
    // Reads without a query schema may answer 200 (they ignore unknown query keys); everything else is refused.
    const errors = [...statuses].filter(([s]) => s >= 400).reduce((n, [, c]) => n + c, 0);
    expect(errors / sent).toBeGreaterThan(0.75);
    expect(await snapshot()).toBe(before);
    // The refresh token issued before the fuzz still works: nothing was logged out.
    expect((await t.request('POST', '/auth/refresh', { body: { refresh_token: refresh } })).status).toBe(200);
  }, 300_000);
});
