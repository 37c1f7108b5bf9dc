import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { ClosedError, NetworkError, RateLimitError } from '../../src/errors/error-classes.js';
import { ReconnectingSocket, SlidingWindow } from '../../src/ws/index.js';
import { appPing, FakeVenue, until } from './helpers/fake-venue.js';

let venue: FakeVenue;
const sockets: ReconnectingSocket[] = [];
beforeEach(async () => {
  venue = await FakeVenue.start();
});
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.close()));
  await venue.close();
});

describe('outbound queue', () => {
  it('is bounded while disconnected: overflow rejects with RateLimitError; close rejects the rest with ClosedError', async () => {
    const s = new ReconnectingSocket({ name: 'q', url: venue.url, maxQueued: 3, heartbeat: false });
    sockets.push(s); // never started: everything is held
    const held = [s.send('1'), s.send('2'), s.send('3')];
    const overflow = s.send('4');
    await expect(overflow).rejects.toBeInstanceOf(RateLimitError);
    await expect(overflow).rejects.toMatchObject({ code: 'outbound_queue_full', retryable: true });
    await s.close();
    for (const p of held) await expect(p).rejects.toBeInstanceOf(ClosedError);
    await expect(s.send('5')).rejects.toBeInstanceOf(ClosedError);
  });

  it('sendNow rejects when there is no connection (it is never held)', async () => {
    const s = new ReconnectingSocket({ name: 'q', url: venue.url, heartbeat: false });
    sockets.push(s);
    await expect(s.sendNow({ op: 'subscribe' })).rejects.toBeInstanceOf(NetworkError);
  });

  it('rate limit: never more than N frames in any window, pings included, order kept', async () => {
    const s = new ReconnectingSocket({
      name: 'rl',
      url: venue.url,
      heartbeat: { ...appPing, intervalMs: 60, timeoutMs: 2_000 },
      rateLimit: { messages: 5, perMs: 200 },
    });
    sockets.push(s);
    // Measured where the limit applies: the client's writes (frames and protocol pings alike).
    const writes: number[] = [];
    const send = WebSocket.prototype.send;
    const spy = vi.spyOn(WebSocket.prototype, 'send').mockImplementation(function (this: WebSocket, ...args: Parameters<WebSocket['send']>) {
      const text = String(args[0]);
      if (text.includes('"op":"note"') || text.includes('"op":"ping"')) writes.push(performance.now());
      return send.apply(this, args);
    });
    s.start();
    await until(() => s.isReady, 'ready');
    await Promise.all(Array.from({ length: 15 }, (_, i) => s.send({ op: 'note', n: i })));
    await until(() => venue.last!.received.filter((m) => (m as { op: string }).op === 'note').length === 15, 'all delivered');
    const notes = venue.last!.received.filter((m) => (m as { op: string }).op === 'note') as { n: number }[];
    expect(notes.map((m) => m.n)).toEqual(Array.from({ length: 15 }, (_, i) => i));
    spy.mockRestore();
    expect(writes.length).toBeGreaterThanOrEqual(15);
    // Any 6 consecutive writes span at least one window (slack: the limiter reads Date.now(), whole ms).
    for (let i = 5; i < writes.length; i++) expect(writes[i]! - writes[i - 5]!).toBeGreaterThanOrEqual(197);
  });

  it('SlidingWindow keeps a 5 % margin by default', () => {
    const w = new SlidingWindow({ messages: 1, perMs: 1_000 });
    w.record(0);
    expect(w.waitMs(1_000)).toBe(50);
  });

  it('SlidingWindow allows N per window', () => {
    const w = new SlidingWindow({ messages: 2, perMs: 100, marginMs: 0 });
    expect(w.waitMs(0)).toBe(0);
    w.record(0);
    w.record(10);
    expect(w.waitMs(20)).toBe(80);
    expect(w.waitMs(100)).toBe(0);
    w.record(100);
    expect(w.waitMs(100)).toBe(10);
  });
});
