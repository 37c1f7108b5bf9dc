import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NetworkError } from '../../src/errors/error-classes.js';
import { ReconnectingSocket } from '../../src/ws/index.js';
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

function socket(extra: Partial<ConstructorParameters<typeof ReconnectingSocket>[0]> = {}): ReconnectingSocket {
  const s = new ReconnectingSocket({
    name: 'public:test',
    url: extra.url ?? venue.url,
    heartbeat: { ...appPing, intervalMs: 1_000, timeoutMs: 1_000 },
    backoff: { initialDelayMs: 20, maxDelayMs: 80, random: () => 1 },
    ...extra,
  });
  sockets.push(s);
  return s;
}

describe('ReconnectingSocket reconnects', () => {
  it('survives 10 kills in a row, resubscribing exactly the wanted topics once per connection, events in order', async () => {
    const wanted = ['tickers.BTCUSDT', 'publicTrade.ETHUSDT'];
    const s = socket({
      resubscribe: async (ctx) => {
        await ctx.send({ op: 'subscribe', req_id: `r${ctx.epoch}`, args: wanted });
        await ctx.waitFor((m) => ((m as { op?: string }).op === 'subscribe' ? true : undefined));
        return wanted;
      },
    });
    const events: string[] = [];
    const attempts: number[] = [];
    s.on('open', () => events.push('open'));
    s.on('ready', () => events.push('ready'));
    s.on('reconnecting', (e) => {
      events.push('reconnecting');
      attempts.push(e.attempt);
      expect(e.reason).toMatch(/closed by peer \(code 1006/);
    });
    s.on('resubscribed', (e) => {
      events.push('resubscribed');
      expect(e.topics).toEqual(wanted);
      expect(e.connection).toBe('public:test');
    });
    s.on('closed', () => events.push('closed'));
    s.start();

    for (let kill = 1; kill <= 10; kill++) {
      await until(() => venue.connections.length === kill && venue.last!.subscribeLog.length === wanted.length && s.isReady, `connection ${kill} resubscribed`);
      venue.killAll();
    }
    await until(() => venue.connections.length === 11 && s.isReady, 'the 11th connection');
    await s.close();

    expect(venue.connections).toHaveLength(11);
    for (const c of venue.connections) expect([...c.subscribeLog].sort()).toEqual([...wanted].sort());
    expect(attempts).toEqual(Array(10).fill(1)); // each drop after a healthy connection starts at attempt 1
    expect(events).toEqual([
      'open',
      'ready',
      ...Array.from({ length: 10 }, () => ['reconnecting', 'open', 'resubscribed', 'ready']).flat(),
      'closed',
    ]);
  });

  it('holds caller frames while down and writes them in order after the next connect', async () => {
    const s = socket();
    s.start();
    await until(() => s.isReady, 'ready');
    venue.killAll();
    await until(() => s.state === 'backoff' || s.state === 'connecting', 'drop noticed');
    const sends = [1, 2, 3].map((n) => s.send({ op: 'note', n }));
    expect(s.isReady).toBe(false);
    await Promise.all(sends);
    const notes = (): unknown[] => venue.last!.received.filter((m) => (m as { op: string }).op === 'note');
    await until(() => venue.connections.length === 2 && notes().length === 3, 'notes delivered');
    expect(notes()).toEqual([1, 2, 3].map((n) => ({ op: 'note', n })));
    expect(venue.connections[0]!.received.some((m) => (m as { op: string }).op === 'note')).toBe(false);
  });

  it('gives up after the attempt budget with a terminal error and never reconnects again', async () => {
    const port = new URL(venue.url).port;
    await venue.close();
    const s = socket({ url: `ws://127.0.0.1:${port}`, budget: { maxAttempts: 3 } });
    const errors: { terminal: boolean; error: unknown }[] = [];
    let reconnecting = 0;
    s.on('error', (e) => errors.push(e));
    s.on('reconnecting', () => reconnecting++);
    const closed = new Promise<void>((r) => s.once('closed', () => r()));
    s.start();
    await closed;
    expect(reconnecting).toBe(3);
    const terminal = errors.filter((e) => e.terminal);
    expect(terminal).toHaveLength(1);
    expect(terminal[0]!.error).toBeInstanceOf(NetworkError);
    expect((terminal[0]!.error as Error).message).toMatch(/gave up reconnecting after 3 attempt/);
    expect(s.state).toBe('closed');
    await expect(s.send('x')).rejects.toBeInstanceOf(NetworkError);
    venue = await FakeVenue.start(); // for afterEach
  });

  it('gives up after the downtime budget', async () => {
    const port = new URL(venue.url).port;
    await venue.close();
    const s = socket({ url: `ws://127.0.0.1:${port}`, budget: { maxDowntimeMs: 150 } });
    let terminal = false;
    s.on('error', (e) => (terminal ||= e.terminal));
    const closed = new Promise<void>((r) => s.once('closed', () => r()));
    const started = Date.now();
    s.start();
    await closed;
    expect(terminal).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
    venue = await FakeVenue.start();
  });

  it('re-resolves the URL before every attempt', async () => {
    const urls: number[] = [];
    const s = socket({
      url: () => {
        urls.push(urls.length);
        return venue.url;
      },
    });
    s.start();
    await until(() => s.isReady, 'ready');
    venue.killAll();
    await until(() => venue.connections.length === 2 && s.isReady, 'reconnected');
    expect(urls).toEqual([0, 1]);
  });
});
