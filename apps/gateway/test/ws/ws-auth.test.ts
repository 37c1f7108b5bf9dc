import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { busMessage } from '../../src/events/index.js';
import { startWsServer, TestClient, type WsServer } from './support/ws-server.js';

describe('WS /ws/:session_id authentication', () => {
  let s: WsServer;
  const clients: TestClient[] = [];
  const client = (url: string): TestClient => {
    const c = new TestClient(url);
    clients.push(c);
    return c;
  };
  beforeEach(async () => {
    s = await startWsServer({ authTimeoutMs: 5_000, pingIntervalMs: 30_000 });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await s.close();
  });

  it('accepts ?token= on the upgrade and acknowledges', async () => {
    const c = client(s.url('dashboard_001', 'reader-token'));
    const hello = await c.next('authenticated');
    expect(hello).toMatchObject({ data: { session_id: 'dashboard_001', principal: 'reader', role: 'READ_ONLY' } });
    expect(typeof hello['timestamp']).toBe('string');
  });

  it('accepts a first {type:"auth"} message; before it, other messages get an error and nothing is delivered', async () => {
    const c = client(s.url('mobile_app_002'));
    await c.opened;
    c.send({ type: 'subscribe', topics: ['alerts'] });
    expect(await c.next('error')).toMatchObject({ error: 'invalid_token' });
    s.bus.publish(busMessage('alerts', 'alert', { id: 'early' }, { at: s.clock.now() }));
    c.send({ type: 'auth', token: 'key-token' });
    expect(await c.next('authenticated')).toMatchObject({ data: { role: 'CONTROL' } });
    c.send({ type: 'subscribe', topics: ['alerts'] });
    expect(await c.next('subscribed')).toEqual({ type: 'subscribed', topics: ['alerts'] });
    expect(c.frames.some((f) => f.type === 'alert')).toBe(false);
  });

  it('closes with 4401 when no auth arrives within 5 s', async () => {
    const c = client(s.url('slow'));
    await c.opened;
    s.timers.advance(4_999);
    await client(s.url('probe', 'reader-token')).next('authenticated'); // a round trip: the first is still open
    expect(s.gateway.stats().total_connections).toBe(2);
    s.timers.advance(1);
    expect(await c.closed).toEqual({ code: 4401, reason: 'authentication timeout' });
  });

  it('closes with 4401 on a bad token, on the upgrade or in the message', async () => {
    const a = client(s.url('a', 'nope'));
    expect((await a.closed).code).toBe(4401);
    const b = client(s.url('b'));
    await b.opened;
    b.send({ type: 'auth', token: 'still-nope' });
    expect((await b.closed).code).toBe(4401);
  });

  it('closes with 4401 when the token expires, and when the credential is revoked', async () => {
    s.auth.tokens.set('short', { kind: 'user', id: 'u2', name: 'short', role: 'READ_ONLY', expiresAt: s.clock.now() + 60_000 });
    s.auth.tokens.set('revocable', { kind: 'api_key', id: 'k9', name: 'revocable', role: 'READ_ONLY' });
    const short = client(s.url('short', 'short'));
    const rev = client(s.url('rev', 'revocable'));
    await short.next('authenticated');
    await rev.next('authenticated');
    s.timers.advance(30_000); // first heartbeat: both still valid
    await rev.roundTrip();
    s.auth.revoked.add('k9');
    s.timers.advance(30_000); // expiry of `short`, and the second heartbeat sees the revocation
    expect(await short.closed).toEqual({ code: 4401, reason: 'token expired' });
    expect(await rev.closed).toEqual({ code: 4401, reason: 'credential revoked or expired' });
  });

  it('refuses a malformed session id', async () => {
    const c = client(s.url('bad id with spaces!', 'reader-token'));
    expect((await c.closed).code).toBe(4400);
  });
});
