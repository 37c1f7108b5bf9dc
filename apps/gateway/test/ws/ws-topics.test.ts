import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { busMessage } from '../../src/events/index.js';
import { startWsServer, TestClient, type WsServer } from './support/ws-server.js';

describe('WS subscriptions, fan-out, bad frames, pings, limits and stats', () => {
  let s: WsServer;
  const clients: TestClient[] = [];
  const client = async (session: string, token = 'reader-token'): Promise<TestClient> => {
    const c = new TestClient(s.url(session, token));
    clients.push(c);
    await c.next('authenticated');
    return c;
  };
  beforeEach(async () => {
    s = await startWsServer({ pingIntervalMs: 30_000, maxConnections: 4 });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await s.close();
  });

  it('delivers each topic only to its subscribers, in the {type, timestamp, data} shape', async () => {
    const a = await client('dash_a');
    const b = await client('dash_b');
    a.send({ type: 'subscribe', topics: ['system_status', 'trading_updates', 'alerts'] });
    expect(await a.next('subscribed')).toEqual({ type: 'subscribed', topics: ['system_status', 'trading_updates', 'alerts'] });
    b.send({ type: 'subscribe', topics: ['alerts', 'order_filled'] });
    await b.next('subscribed');

    const at = s.clock.now();
    s.bus.publish(busMessage('trading_updates', 'trading_update', { event: 'position_opened', symbol: 'BTCUSDT', side: 'long', size: '0.05', price: '45000' }, { at }));
    s.bus.publish(busMessage('alerts', 'alert', { id: 'alert_002', severity: 'high', title: 'Trading Stopped' }, { at }));
    s.bus.publish(busMessage('metrics', 'metrics', { cpu: 1 }, { at }));
    s.bus.publish(busMessage('engine_command', 'engine_command', { command: 'stop' }, { at }));

    expect(await a.next('trading_update')).toEqual({ type: 'trading_update', timestamp: '2026-01-01T12:00:00.000Z', data: { event: 'position_opened', symbol: 'BTCUSDT', side: 'long', size: '0.05', price: '45000' } });
    expect(await a.next('alert')).toMatchObject({ data: { title: 'Trading Stopped' } });
    expect(await b.next('alert')).toMatchObject({ data: { id: 'alert_002' } });
    await a.roundTrip();
    await b.roundTrip();
    expect(a.frames).toEqual([]);
    expect(b.frames).toEqual([]);

    b.send({ type: 'unsubscribe', topics: ['alerts'] });
    expect(await b.next('unsubscribed')).toEqual({ type: 'unsubscribed', topics: ['alerts'] });
    s.bus.publish(busMessage('alerts', 'alert', { id: 'alert_003' }, { at }));
    await a.next('alert');
    await b.roundTrip();
    expect(b.frames).toEqual([]);
  });

  it('answers bad frames with {type:"error"} and keeps the socket open (seeded fuzz)', async () => {
    const c = await client('fuzz');
    const frames = fc.sample(
      fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.json({ maxDepth: 3 }),
        fc.record({ type: fc.constantFrom('subscribe', 'unsubscribe', 'auth', 'ping', 'nope'), topics: fc.anything({ maxDepth: 2 }) }).map((o) => JSON.stringify(o)),
        fc.constantFrom('{"type":"subscribe","topics":["price_update"]}', '{"type":"subscribe","topics":["candle:BTC@7m"]}', '{"type":"subscribe","topics":[]}', '{"type":"ping","x":1}'),
      ),
      { seed: 42, numRuns: 2_000 },
    );
    let errors = 0;
    for (let i = 0; i < frames.length; i += 50) {
      for (const f of frames.slice(i, i + 50)) c.send(f);
      await c.roundTrip();
      errors += c.frames.filter((x) => x.type === 'error').length;
      for (const x of c.frames) expect(['error', 'subscribed', 'unsubscribed', 'pong']).toContain(x.type);
      c.frames.length = 0;
    }
    // Nearly every generated frame is malformed; the few valid ones (a bare ping, a plain topic) are answered in kind.
    expect(errors).toBeGreaterThan(1_800);
    expect(s.gateway.stats().total_connections).toBe(1);
    expect(c.ws.readyState).toBe(c.ws.OPEN);
    c.send({ type: 'subscribe', topics: ['price_update'] });
    expect(await c.next('error')).toMatchObject({ error: 'validation_error', message: expect.stringContaining('symbol suffix') });
  });

  it('pings every interval; a client that misses two pings is closed, one that answers stays', async () => {
    const good = await client('good');
    const mute = new TestClient(s.url('mute', 'reader-token'), { autoPong: false });
    clients.push(mute);
    await mute.next('authenticated');
    let pings = 0;
    mute.ws.on('ping', () => pings++);
    for (let i = 0; i < 2; i++) {
      s.timers.advance(30_000);
      await good.roundTrip();
      await mute.roundTrip();
    }
    expect(pings).toBe(2);
    s.timers.advance(30_000);
    expect(await mute.closed).toEqual({ code: 4408, reason: 'two pings unanswered' });
    for (let i = 0; i < 3; i++) {
      s.timers.advance(30_000);
      await good.roundTrip();
    }
    expect(good.ws.readyState).toBe(good.ws.OPEN);
  });

  it('refuses connections past max_connections with 503 before the upgrade', async () => {
    for (let i = 0; i < 4; i++) await client(`c${i}`);
    const extra = new TestClient(s.url('extra', 'reader-token'));
    await expect(extra.opened).rejects.toThrow('HTTP 503');
    clients[0]!.close();
    await clients[0]!.closed;
    await expect.poll(() => s.gateway.stats().total_connections).toBe(3);
    await client('after');
  });

  it('reports /websocket/stats', async () => {
    const a = await client('dashboard_001');
    const b = await client('mobile_app_002');
    await client('dashboard_001');
    a.send({ type: 'subscribe', topics: ['system_status', 'alerts'] });
    b.send({ type: 'subscribe', topics: ['alerts'] });
    await a.next('subscribed');
    await b.next('subscribed');
    s.bus.publish(busMessage('alerts', 'alert', {}, { at: s.clock.now() }));
    await a.next('alert');
    await b.next('alert');
    s.clock.advance(90 * 60_000);
    const stats = s.gateway.stats();
    expect(stats).toEqual({
      total_connections: 3,
      active_sessions: ['dashboard_001', 'mobile_app_002'],
      subscription_stats: { alerts: 2, system_status: 1 },
      // 3 authenticated + 2 subscribed + 2 alerts
      messages_sent_today: 7,
      uptime_hours: 1.5,
      messages_dropped_today: 0,
      slow_clients_closed: 0,
    });
  });
});
