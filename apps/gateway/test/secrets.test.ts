// Every secret the test uses (admin and user passwords, the JWT secret, the API-key pepper, API keys, a wrong
// password that looks like a key) must appear in no log line (at trace level) and in no answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { REDACT_PATHS } from '../src/logging/logger.js';
import { apiKeyWith, startGateway, userWithRole, type TestGateway } from './support/gateway.js';

const JWT_SECRET = 'jwt-secret-for-the-leak-test-0123456789abcdef';
let t: TestGateway;

beforeAll(async () => {
  t = await startGateway({ jwtSecret: JWT_SECRET, logLevel: 'trace' });
  t.secrets.add(JWT_SECRET);
});
afterAll(async () => {
  await t.close();
});

describe('no secret in logs or answers', () => {
  it('exercises every route with secrets in headers, bodies and queries, then scans', async () => {
    const admin = (await t.login()).access_token;
    const u = await userWithRole(t, admin, 'CONTROL');
    const key = await apiKeyWith(t, admin, 'ADMIN');
    const wrong = 'exk_deadbeefcafe_wrong-password-looks-like-a-key-000000';
    t.secrets.add(wrong);
    await t.request('POST', '/auth/login', { body: { username: 'admin', password: wrong } });
    await t.request('POST', '/auth/login', { body: { username: wrong, password: u.password } });
    const newPw = 'rotated-password-secret-99';
    t.secrets.add(newPw);
    await t.request('PATCH', `/users/${u.id}`, { token: admin, body: { password: newPw } });
    await t.request('POST', '/users', { token: admin, body: { username: 'x', password: newPw } });
    for (const r of t.gw.routeTable) {
      const path = r.url.replace(/:symbol/g, 'BTCUSDT').replace(/:([a-z_]+)/g, 'id');
      await t.request(r.method, `${path}?token=${encodeURIComponent(key.key)}`, { apiKey: key.key, ...(r.method !== 'GET' && r.method !== 'DELETE' && { body: { password: newPw, api_key: key.key } }) });
      await t.request(r.method, path, { headers: { authorization: `Bearer ${key.key}` } });
    }
    await t.request('DELETE', `/api/keys/${key.id}`, { token: admin });
    await t.request('GET', '/status', { apiKey: key.key });
    expect(t.logs.length).toBeGreaterThan(100);
    expect(t.leaks()).toEqual([]);
  });

  it('the redaction paths cover nested secrets at every depth listed', () => {
    const lines: string[] = [];
    const log = pino({ redact: { paths: [...REDACT_PATHS], censor: '[REDACTED]' } }, { write: (l: string) => void lines.push(l) });
    log.info({ password: 's1', a: { apiSecret: 's2' }, b: { c: { token: 's3' } }, d: { e: { f: { credentials: 's4' } } }, req: { headers: { authorization: 's5', 'x-api-key': 's6' } } }, 'x');
    for (const s of ['s1', 's2', 's3', 's4', 's5', 's6']) expect(lines.join('')).not.toContain(`"${s}"`);
  });
});
