// A venue that goes down: /status shows it, /health stays healthy (it is not required), an alert is raised
// after the threshold, and the other venue keeps serving (graceful degradation).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from './support/gateway.js';

let t: TestGateway;
let admin: string;

beforeAll(async () => {
  t = await startGateway({ venueDownAlertSeconds: 0.05 }, { engine: false });
  admin = (await t.login()).access_token;
});
afterAll(async () => {
  expect(t.leaks()).toEqual([]);
  await t.close();
});

describe('venue health', () => {
  it('a venue down past the threshold raises "Exchange Disconnected"; the rest keeps serving', async () => {
    const bitunix = t.gw.ctx.venues.get('bitunix-sim');
    await bitunix.created.close();
    await t.gw.venueWatch.checkOnce();
    await new Promise((r) => setTimeout(r, 120));
    await t.gw.venueWatch.checkOnce();

    const status = (await t.request('GET', '/status', { token: admin })).body as { system: { status: string }; exchange: { id: string; connected: boolean; last_error: string | null }[] };
    expect(status.system.status).toBe('degraded');
    expect(status.exchange.find((e) => e.id === 'bitunix-sim')).toMatchObject({ connected: false, last_error: expect.any(String) });
    expect(status.exchange.find((e) => e.id === 'bybit-sim')?.connected).toBe(true);

    const health = await t.request('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ checks: { exchanges: { 'bitunix-sim': { status: 'down', required: false } } } });

    const alerts = (await t.request('GET', '/alerts', { token: admin })).body as { alerts: { title: string; message: string; severity: string }[] };
    const down = alerts.alerts.filter((a) => a.title === 'Exchange Disconnected');
    expect(down).toHaveLength(1);
    expect(down[0]?.message).toContain('bitunix-sim');

    // The venue that is up still answers; the one that is down answers a typed 503.
    expect((await t.request('GET', '/api/v1/market/ticker/BTCUSDT?exchange=bybit-sim', { token: admin })).status).toBe(200);
    const dead = await t.request('GET', '/api/v1/account/balance?exchange=bitunix-sim', { token: admin });
    expect(dead.status).toBe(503);
    expect(dead.body).toMatchObject({ success: false, error: { error: 'exchange_error', details: { exchange: expect.any(String), error_class: expect.any(String) } } });
    const prom = await t.request('GET', '/metrics/prometheus', { token: admin });
    expect(prom.text).toContain('exkit_venue_up{venue="bitunix-sim"} 0');
  });

  it('a required venue down makes /health answer 503 unhealthy', async () => {
    const g = await startGateway({ venues: [{ id: 'bybit-sim', exchange: 'bybit', env: 'sim', required: true }] }, { engine: false });
    try {
      await g.gw.ctx.venues.get().created.close();
      await g.gw.venueWatch.checkOnce();
      const h = await g.request('GET', '/health');
      expect(h.status).toBe(503);
      expect(h.body).toMatchObject({ status: 'unhealthy', checks: { exchanges: { 'bybit-sim': { status: 'down', required: true } } } });
    } finally {
      await g.close();
    }
  });
});
