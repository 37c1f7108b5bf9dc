// Two gateway instances sharing PostgreSQL and Redis: rate limits counted once for both, an API key revoked
// on one refused at once by the other, one engine leader.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_URL, REDIS_URL, apiKeyWith, startGateway, uniqueSchema, userWithRole, type TestGateway } from './support/gateway.js';

const schema = uniqueSchema();
let a: TestGateway;
let b: TestGateway;

beforeAll(async () => {
  const shared = { databaseUrl: PG_URL, databaseSchema: schema, redisUrl: REDIS_URL, redisPrefix: `t${randomBytes(4).toString('hex')}:`, rateLimitScale: 1 };
  a = await startGateway(shared);
  b = await startGateway(shared);
});

afterAll(async () => {
  expect(a.leaks()).toEqual([]);
  expect(b.leaks()).toEqual([]);
  await a.close();
  await b.close();
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await c.end();
});

describe('two instances on one PostgreSQL and one Redis', () => {
  it('share users, and count one rate limit across both', async () => {
    const admin = (await a.login()).access_token;
    const u = await userWithRole(a, admin, 'CONTROL');
    b.secrets.add(u.password);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await (i % 2 === 0 ? a : b).request('POST', '/api/v1/trade', { token: u.token, body: { symbol: 'BTCUSDT' } })).status);
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
    const fromB = await b.request('POST', '/api/v1/trade', { token: u.token, body: { symbol: 'BTCUSDT' } });
    expect(fromB.status).toBe(429);
    expect(fromB.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('an API key revoked on one instance is refused by the other at once', async () => {
    const admin = (await a.login()).access_token;
    const key = await apiKeyWith(a, admin, 'READ_ONLY');
    b.secrets.add(key.key);
    expect((await b.request('GET', '/config', { apiKey: key.key })).status).toBe(200);
    expect((await a.request('DELETE', `/api/keys/${key.id}`, { token: admin })).status).toBe(200);
    expect((await b.request('GET', '/config', { apiKey: key.key })).status).toBe(401);
  });

  it('exactly one instance leads the trading engine', async () => {
    const admin = (await a.login()).access_token;
    const sa = (await a.request('GET', '/trading/status', { token: admin })).body as { leader: boolean };
    const sb = (await b.request('GET', '/trading/status', { token: admin })).body as { leader: boolean };
    expect([sa.leader, sb.leader].filter(Boolean)).toHaveLength(1);
  });
});
