// The authorization matrix, generated from the gateway's own route table: every route × no auth, each role,
// an API key, an expired token and a revoked key. 401 without valid credentials, 403 below the route's role,
// neither at or above it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, roleAtLeast, type Role } from '../src/contracts/auth.js';
import type { RouteTableEntry } from '../src/http/access.js';
import { apiKeyWith, startGateway, userWithRole, type TestGateway } from './support/gateway.js';

type Caller = { name: string; headers: { token?: string; apiKey?: string }; role: Role | null; valid: boolean };

let t: TestGateway;
const callers: Caller[] = [];

function concrete(url: string): string {
  return url.replace(/:symbol/g, 'BTCUSDT').replace(/:([a-z_]+)/g, 'matrix_$1');
}

function expected(route: RouteTableEntry, caller: Caller): 'open' | 401 | 403 {
  const role = route.access.role;
  if (role === 'none' || role === 'refresh') return 'open';
  if (!caller.valid) return 401;
  if (role === 'any') return 'open';
  return caller.role !== null && roleAtLeast(caller.role, role) ? 'open' : 403;
}

beforeAll(async () => {
  t = await startGateway();
  const admin = (await t.login()).access_token;
  callers.push({ name: 'no auth', headers: {}, role: null, valid: false });
  for (const role of ROLES) {
    const u = role === 'SUPER_ADMIN' ? { token: admin } : await userWithRole(t, admin, role);
    callers.push({ name: role, headers: { token: u.token }, role, valid: true });
  }
  const key = await apiKeyWith(t, admin, 'CONTROL');
  callers.push({ name: 'API key (CONTROL)', headers: { apiKey: key.key }, role: 'CONTROL', valid: true });
  const me = await t.gw.ctx.store.users.byUsername('admin');
  if (!me) throw new Error('no admin');
  const expired = t.gw.ctx.tokens.signAccess(me, Date.now() - 2 * 3600 * 1000);
  callers.push({ name: 'expired token', headers: { token: expired }, role: 'SUPER_ADMIN', valid: false });
  const revoked = await apiKeyWith(t, admin, 'SUPER_ADMIN');
  expect((await t.request('DELETE', `/api/keys/${revoked.id}`, { token: admin })).status).toBe(200);
  callers.push({ name: 'revoked key', headers: { apiKey: revoked.key }, role: 'SUPER_ADMIN', valid: false });
  callers.push({ name: 'garbage bearer', headers: { token: 'not.a.jwt' }, role: null, valid: false });
});

afterAll(async () => {
  expect(t.leaks()).toEqual([]);
  await t.close();
});

describe('authorization matrix', () => {
  it('covers every route of the contract table', () => {
    const urls = new Set(t.gw.routeTable.map((r) => `${r.method} ${r.url}`));
    for (const r of [
      'GET /health', 'POST /auth/login', 'POST /auth/refresh', 'POST /auth/logout', 'GET /status', 'GET /metrics', 'GET /metrics/prometheus',
      'GET /alerts', 'POST /alerts/:id/resolve', 'GET /config', 'POST /config', 'GET /trading/status', 'POST /system/command', 'GET /api/keys',
      'POST /api/keys', 'DELETE /api/keys/:key_id', 'GET /users', 'POST /users', 'PATCH /users/:id', 'GET /websocket/stats',
      'GET /api/v1/market/tickers', 'GET /api/v1/market/ticker/:symbol', 'GET /api/v1/market/symbols', 'GET /api/v1/candles/:symbol',
      'GET /api/v1/account/balance', 'GET /api/v1/positions', 'GET /api/v1/trading/positions', 'GET /api/v1/orders', 'POST /api/v1/trade',
      'DELETE /api/v1/orders/:id', 'GET /api/v1/strategy', 'POST /api/v1/strategy', 'PUT /api/v1/strategy/:id', 'DELETE /api/v1/strategy/:id',
      'GET /openapi.json', 'GET /redoc',
    ]) expect(urls.has(r), r).toBe(true);
  });

  it('answers every route × caller as the route role says', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of t.gw.routeTable) {
      if (route.url === '/redoc/redoc.standalone.js') continue;
      for (const caller of callers) {
        const a = await t.request(route.method, concrete(route.url), caller.headers);
        const want = expected(route, caller);
        const ok = want === 'open' ? a.status !== 401 && a.status !== 403 && a.status < 500 : a.status === want;
        const code = want === 401 ? 'invalid_token' : want === 403 ? 'insufficient_permissions' : null;
        const body = (a.body ?? {}) as Record<string, unknown>;
        const err = (body['success'] === false ? body['error'] : body) as Record<string, unknown>;
        if (!ok || (code !== null && err['error'] !== code)) failures.push(`${route.method} ${route.url} as ${caller.name}: ${a.status} (want ${want}) ${a.text.slice(0, 120)}`);
        checked += 1;
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  });
});
