// Login, refresh rotation, logout, first-start admin, disabled users and login throttling over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startGateway, tempDir, userWithRole, type TestGateway } from './support/gateway.js';

let t: TestGateway;

beforeAll(async () => {
  t = await startGateway({ auth: { maxFailedLogins: 4, loginWindowSeconds: 900, accessTokenSeconds: 3600, refreshTokenSeconds: 86_400 } });
});
afterAll(async () => {
  expect(t.leaks()).toEqual([]);
  await t.close();
});

describe('auth', () => {
  it('login answers bearer tokens of the configured lifetime', async () => {
    const a = await t.request('POST', '/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ access_token: expect.any(String), token_type: 'bearer', expires_in: 3600, refresh_token: expect.stringMatching(/^rt_/) });
  });

  it('a wrong password and an unknown user get the same answer', async () => {
    const u = await userWithRole(t, (await t.login()).access_token, 'READ_ONLY');
    const wrongPw = await t.request('POST', '/auth/login', { body: { username: u.username, password: 'wrong-password' } });
    const noUser = await t.request('POST', '/auth/login', { body: { username: 'no_such_user', password: 'wrong-password' } });
    for (const a of [wrongPw, noUser]) {
      expect(a.status).toBe(401);
      expect(a.body).toMatchObject({ error: 'invalid_credentials', message: 'invalid username or password' });
    }
  });

  it('refresh rotates: a refresh token works once', async () => {
    const first = await t.login();
    const r1 = await t.request('POST', '/auth/refresh', { body: { refresh_token: first.refresh_token } });
    expect(r1.status).toBe(200);
    const next = r1.body as { access_token: string; refresh_token: string };
    expect(next.refresh_token).not.toBe(first.refresh_token);
    expect((await t.request('GET', '/status', { token: next.access_token })).status).toBe(200);
    const reused = await t.request('POST', '/auth/refresh', { body: { refresh_token: first.refresh_token } });
    expect(reused.status).toBe(401);
    expect(reused.body).toMatchObject({ error: 'invalid_token' });
    const concurrent = await Promise.all([1, 2, 3].map(() => t.request('POST', '/auth/refresh', { body: { refresh_token: next.refresh_token } })));
    expect(concurrent.filter((a) => a.status === 200)).toHaveLength(1);
  });

  it('logout revokes the refresh token', async () => {
    const s = await t.login();
    const out = await t.request('POST', '/auth/logout', { token: s.access_token, body: { refresh_token: s.refresh_token } });
    expect(out.body).toMatchObject({ success: true, revoked: 1 });
    expect((await t.request('POST', '/auth/refresh', { body: { refresh_token: s.refresh_token } })).status).toBe(401);
  });

  it('a disabled user is refused at once, token or not; a demotion applies to issued tokens', async () => {
    const admin = (await t.login()).access_token;
    const u = await userWithRole(t, admin, 'ADMIN');
    expect((await t.request('GET', '/users', { token: u.token })).status).toBe(200);
    await t.request('PATCH', `/users/${u.id}`, { token: admin, body: { role: 'READ_ONLY' } });
    expect((await t.request('GET', '/users', { token: u.token })).status).toBe(403);
    await t.request('PATCH', `/users/${u.id}`, { token: admin, body: { enabled: false } });
    expect((await t.request('GET', '/status', { token: u.token })).status).toBe(401);
    expect((await t.request('POST', '/auth/refresh', { body: { refresh_token: u.refresh } })).status).toBe(401);
    expect((await t.request('POST', '/auth/login', { body: { username: u.username, password: u.password } })).status).toBe(401);
  });

  it('failed logins are throttled per username and per IP: the right password is refused too until the window ends', async () => {
    const admin = (await t.login()).access_token;
    const u = await userWithRole(t, admin, 'READ_ONLY');
    // Earlier tests already failed from this IP: the per-IP counter may stop us before the per-user one.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await t.request('POST', '/auth/login', { body: { username: u.username, password: `bad-${i}-pass` } })).status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(4);
    expect(statuses.at(-1)).toBe(429);
    const blocked = await t.request('POST', '/auth/login', { body: { username: u.username, password: u.password } });
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ error: 'rate_limit_exceeded', retry_after: expect.any(Number) });
    // Per IP: another user from the same address is refused as well.
    const other = await t.request('POST', '/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } });
    expect(other.status).toBe(429);
  });
});

describe('first start', () => {
  it('creates admin with a random password once, stores only its hash, and not again on restart', async () => {
    const dir = tempDir();
    const g = await startGateway({ dataDir: dir, adminPassword: undefined }, { engine: false });
    const pw = g.gw.bootstrap.generatedPassword;
    expect(pw).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    if (pw === undefined) throw new Error('no password');
    g.secrets.add(pw);
    const stored = await g.gw.ctx.store.users.byUsername('admin');
    expect(stored?.role).toBe('SUPER_ADMIN');
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored?.passwordHash).not.toContain(pw);
    expect((await g.request('POST', '/auth/login', { body: { username: 'admin', password: pw } })).status).toBe(200);
    expect(g.logs.some((l) => l.includes(pw))).toBe(false);
    await g.close({ keepData: true });
    const again = await startGateway({ dataDir: dir, adminPassword: undefined }, { engine: false });
    expect(again.gw.bootstrap.generatedPassword).toBeUndefined();
    await again.close();
  });
});
