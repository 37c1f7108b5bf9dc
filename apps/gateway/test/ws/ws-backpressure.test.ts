import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { busMessage } from '../../src/events/index.js';
import { startWsServer, TestClient, type WsServer } from './support/ws-server.js';

/** The client's TCP socket: pausing it stops reading, so the server's send buffer fills for real. */
const tcp = (c: TestClient): Socket => (c.ws as unknown as { _socket: Socket })._socket;
const BIG = 'x'.repeat(64 * 1024);

describe('WS per-client send buffer (backpressure)', () => {
  let s: WsServer;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await s.close();
  });

  const connect = async (session: string): Promise<TestClient> => {
    const c = new TestClient(s.url(session, 'reader-token'));
    clients.push(c);
    await c.next('authenticated');
    c.send({ type: 'subscribe', topics: ['price_update:BTC/USDT:USDT', 'alerts'] });
    return c;
  };

  it('drops the oldest market messages of a stalled client and counts them; a fast client loses nothing', async () => {
    s = await startWsServer({ sendBuffer: { maxQueued: 16, highWaterBytes: 64 * 1024, slowCloseMs: 60_000 } });
    // Market topics resolve symbols on a venue; here they are fed straight to the bus instead.
    const slow = new TestClient(s.url('slow', 'reader-token'));
    const fast = new TestClient(s.url('fast', 'reader-token'));
    clients.push(slow, fast);
    await slow.next('authenticated');
    await fast.next('authenticated');
    for (const c of [slow, fast]) {
      c.send({ type: 'subscribe', topics: ['alerts', 'metrics'] });
      await c.next('subscribed');
    }
    tcp(slow).pause();
    // 400 × 64 KiB = 25 MiB: far more than loopback socket buffers hold.
    const at = s.clock.now();
    let received = 0;
    fast.ws.on('message', () => received++);
    for (let i = 0; i < 400; i++) {
      s.bus.publish(busMessage('metrics', 'metrics', { i, pad: BIG }, { at, droppable: true }));
      if (i % 50 === 49) await fast.roundTrip();
    }
    await fast.roundTrip();
    expect(received).toBeGreaterThanOrEqual(400);
    const stats = s.gateway.stats();
    expect(stats.messages_dropped_today).toBeGreaterThan(0);
    expect(stats.slow_clients_closed).toBe(0);
    expect(stats.total_connections).toBe(2);

    // An alert (never dropped) still reaches the slow client once it reads again, after what was kept.
    s.bus.publish(busMessage('alerts', 'alert', { id: 'must-arrive' }, { at }));
    tcp(slow).resume();
    const alert = await slow.next('alert', 20_000);
    expect(alert).toMatchObject({ data: { id: 'must-arrive' } });
    const metrics = slow.frames.filter((f) => f.type === 'metrics').map((f) => (f['data'] as { i: number }).i);
    expect(metrics.length + s.gateway.stats().messages_dropped_today).toBe(400);
    // Dropped from the oldest queued: what arrived is in order and ends with the newest.
    expect(metrics).toEqual([...metrics].sort((x, y) => x - y));
    expect(metrics.at(-1)).toBe(399);
  });

  it('closes a client with 1013 when its buffer is full of messages that may not be dropped', async () => {
    s = await startWsServer({ sendBuffer: { maxQueued: 16, highWaterBytes: 64 * 1024, slowCloseMs: 60_000 } });
    const slow = await connect('stuck');
    await slow.next((f) => f.type === 'error' || f.type === 'subscribed');
    tcp(slow).pause();
    for (let i = 0; i < 400 && s.gateway.stats().total_connections > 0; i++) {
      s.bus.publish(busMessage('alerts', 'alert', { i, pad: BIG }, { at: s.clock.now() }));
    }
    expect(s.gateway.stats()).toMatchObject({ total_connections: 0, slow_clients_closed: 1 });
    tcp(slow).resume();
    expect((await slow.closed).code).toBe(1013);
  });

  it('closes a client that stays behind longer than slowCloseMs (injected clock)', async () => {
    s = await startWsServer({ sendBuffer: { maxQueued: 1_000, highWaterBytes: 64 * 1024, slowCloseMs: 7_000 }, pingIntervalMs: 5_000 });
    const slow = await connect('lagging');
    await slow.next((f) => f.type === 'error' || f.type === 'subscribed');
    tcp(slow).pause();
    for (let i = 0; i < 400; i++) s.bus.publish(busMessage('alerts', 'alert', { i, pad: BIG }, { at: s.clock.now() }));
    expect(s.gateway.stats().total_connections).toBe(1);
    s.timers.advance(5_000); // behind for 5 s at the first check: stays
    expect(s.gateway.stats().total_connections).toBe(1);
    s.timers.advance(5_000); // 10 s at the second (before two pings are missed)
    expect(s.gateway.stats()).toMatchObject({ total_connections: 0, slow_clients_closed: 1 });
    tcp(slow).resume();
    expect((await slow.closed).code).toBe(1013);
  });
});
