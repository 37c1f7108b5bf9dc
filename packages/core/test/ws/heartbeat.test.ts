import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReconnectingSocket, type ReconnectingSocketOptions } from '../../src/ws/index.js';
import { appPing, FakeVenue, sleep, until } from './helpers/fake-venue.js';

let venue: FakeVenue;
const sockets: ReconnectingSocket[] = [];
beforeEach(async () => {
  venue = await FakeVenue.start();
});
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.close()));
  await venue.close();
});

function socket(heartbeat: ReconnectingSocketOptions['heartbeat']): ReconnectingSocket {
  const s = new ReconnectingSocket({ name: 'hb', url: venue.url, heartbeat, backoff: { initialDelayMs: 10, random: () => 1 } });
  sockets.push(s);
  return s;
}

describe('heartbeat', () => {
  it('app-level: a venue that stops answering pings is detected within the timeout and reconnected', async () => {
    const s = socket({ ...appPing, intervalMs: 50, timeoutMs: 150 });
    const reasons: string[] = [];
    s.on('reconnecting', (e) => reasons.push(e.reason));
    s.start();
    await until(() => s.isReady, 'ready');
    venue.answerPings = false;
    const stoppedAt = Date.now();
    await until(() => reasons.length === 1, 'pong timeout noticed');
    const detectedIn = Date.now() - stoppedAt;
    expect(reasons[0]).toMatch(/no pong within 150 ms/);
    expect(detectedIn).toBeLessThan(50 + 150 + 400); // one interval + the timeout + generous scheduling slack for loaded CI
    venue.answerPings = true;
    await until(() => venue.connections.length === 2 && s.isReady, 'reconnected');
    // The dead connection was cut by the client (terminate), not left half-open.
    await until(() => venue.connections[0]!.ws.readyState === venue.connections[0]!.ws.CLOSED, 'old socket closed');
  });

  it('app-level: an idle connection whose pongs come back stays up', async () => {
    const s = socket({ ...appPing, intervalMs: 30, timeoutMs: 60 });
    let reconnects = 0;
    s.on('reconnecting', () => reconnects++);
    s.start();
    await until(() => s.isReady, 'ready');
    await sleep(600);
    expect(reconnects).toBe(0);
    expect(venue.connections).toHaveLength(1);
    const pings = venue.last!.received.filter((m) => (m as { op: string }).op === 'ping').length;
    expect(pings).toBeGreaterThanOrEqual(5);
  });

  it('app-level pongs are consumed, not emitted as messages', async () => {
    const s = socket({ ...appPing, intervalMs: 20, timeoutMs: 100 });
    const messages: unknown[] = [];
    s.on('message', (m) => messages.push(m));
    s.start();
    await until(() => s.isReady, 'ready');
    await sleep(150);
    expect(messages).toEqual([]);
  });

  it('protocol-level: a peer that stops ponging is detected; one that pongs stays up', async () => {
    const s = socket({ ping: 'protocol', intervalMs: 40, timeoutMs: 120 });
    let reconnects = 0;
    s.on('reconnecting', () => reconnects++);
    s.start();
    await until(() => s.isReady, 'ready');
    await sleep(400);
    expect(reconnects).toBe(0); // ws servers answer protocol pings automatically
    // Make the server deaf: stop reading the socket, so no automatic pong is sent.
    venue.last!.ws.pause();
    await until(() => reconnects === 1, 'dead peer noticed', 2_000);
    await until(() => s.isReady && venue.connections.length === 2, 'reconnected');
  });
});
