import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BadSymbolError, ClosedError, NetworkError } from '../../src/errors/error-classes.js';
import type { ExchangeError } from '../../src/errors/exchange-error.js';
import { TopicManager, type TopicListener, type TopicManagerOptions, type TopicProtocol } from '../../src/ws/index.js';
import { fakeProtocol } from './helpers/fake-protocol.js';
import { appPing, FakeVenue, sleep, until } from './helpers/fake-venue.js';

let venue: FakeVenue;
const managers: TopicManager[] = [];

beforeEach(async () => {
  venue = await FakeVenue.start();
});
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.close()));
  await venue.close();
});

function manager(protocol: Partial<TopicProtocol> = {}, socket: Partial<TopicManagerOptions['socket']> = {}): TopicManager {
  const m = new TopicManager({
    name: 'public:test',
    protocol: fakeProtocol(protocol),
    socket: {
      exchange: 'fake',
      url: venue.url,
      heartbeat: { ...appPing, intervalMs: 1_000, timeoutMs: 1_000 },
      backoff: { initialDelayMs: 20, maxDelayMs: 80, random: () => 1 },
      ...socket,
    },
  });
  managers.push(m);
  return m;
}

/** A listener that records what it gets. */
function recorder(): TopicListener & { messages: unknown[]; errors: ExchangeError[] } {
  const r = {
    messages: [] as unknown[],
    errors: [] as ExchangeError[],
    onMessage: (m: unknown) => void r.messages.push(m),
    onError: (e: ExchangeError) => void r.errors.push(e),
  };
  return r;
}

const sent = (op: string): unknown[][] =>
  venue.connections.flatMap((c) => c.received.filter((f) => (f as { op: string }).op === op).map((f) => (f as { args: unknown[] }).args));

describe('TopicManager', () => {
  it('ref-counts: two consumers share one venue subscription; the last one out unsubscribes', async () => {
    const m = manager();
    const a = recorder();
    const b = recorder();
    const la = m.subscribe('tickers.BTCUSDT', a);
    const lb = m.subscribe('tickers.BTCUSDT', b);
    await Promise.all([la.ready, lb.ready]);
    expect(sent('subscribe')).toEqual([['tickers.BTCUSDT']]);

    venue.publish('tickers.BTCUSDT', 1);
    await until(() => a.messages.length === 1 && b.messages.length === 1, 'both consumers got the frame');

    la.release();
    la.release(); // idempotent
    await sleep(30);
    expect(sent('unsubscribe')).toEqual([]);
    venue.publish('tickers.BTCUSDT', 2);
    await until(() => b.messages.length === 2, 'the remaining consumer still flows');
    expect(a.messages).toHaveLength(1);

    lb.release();
    await until(() => sent('unsubscribe').length === 1, 'unsubscribe sent');
    expect(sent('unsubscribe')).toEqual([['tickers.BTCUSDT']]);
    expect(m.topics).toEqual([]);
  });

  it('batches the subscribes of one tick within the per-frame cap', async () => {
    const m = manager({ maxTopicsPerFrame: 10 });
    const topics = Array.from({ length: 25 }, (_, i) => `tickers.T${i}USDT`);
    await Promise.all(topics.map((t) => m.subscribe(t, recorder()).ready));
    expect(venue.connections).toHaveLength(1);
    expect(venue.last!.subscribeFrames.map((f) => f.length)).toEqual([10, 10, 5]);
    expect(venue.last!.subscribeLog.sort()).toEqual([...topics].sort());
  });

  it('batches by frame size too', async () => {
    const m = manager({ maxFrameChars: 60 });
    const topics = ['orderbook.50.AAAUSDT', 'orderbook.50.BBBUSDT', 'orderbook.50.CCCUSDT', 'orderbook.50.DDDUSDT'];
    await Promise.all(topics.map((t) => m.subscribe(t, recorder()).ready));
    for (const frame of venue.last!.subscribeFrames) expect(JSON.stringify(frame).length).toBeLessThanOrEqual(60);
    expect(venue.last!.subscribeFrames.flat().sort()).toEqual(topics);
  });

  it('spreads topics over connections when one is full', async () => {
    const m = manager({ maxTopicsPerConnection: 3 });
    const topics = Array.from({ length: 7 }, (_, i) => `trade.S${i}`);
    await Promise.all(topics.map((t) => m.subscribe(t, recorder()).ready));
    expect(venue.connections.map((c) => c.topics.size)).toEqual([3, 3, 1]);
    expect(m.connections.map((s) => s.name)).toEqual(['public:test', 'public:test#2', 'public:test#3']);
    expect(venue.connections.flatMap((c) => [...c.topics]).sort()).toEqual(topics);
  });

  it('resolves ready on ack; a refusal rejects with the typed error while another topic keeps flowing', async () => {
    venue.refuse.add('tickers.NOPEUSDT');
    const m = manager();
    const good = recorder();
    const bad = recorder();
    const lg = m.subscribe('tickers.BTCUSDT', good);
    const lb = m.subscribe('tickers.NOPEUSDT', bad); // same tick: same frame, the refusal names only this one
    await expect(lg.ready).resolves.toBeUndefined();
    await expect(lb.ready).rejects.toBeInstanceOf(BadSymbolError);
    expect(bad.errors).toHaveLength(1);
    expect(bad.errors[0]).toBeInstanceOf(BadSymbolError);
    expect(m.topics).toEqual(['tickers.BTCUSDT']);

    // A refused topic on its own frame, later, on the same connection.
    venue.refuse.add('tickers.BADUSDT');
    await expect(m.subscribe('tickers.BADUSDT', recorder()).ready).rejects.toBeInstanceOf(BadSymbolError);

    venue.publish('tickers.BTCUSDT', 'still here');
    await until(() => good.messages.length === 1, 'the good topic still flows');
    expect(good.errors).toEqual([]);
    expect(venue.connections).toHaveLength(1);
  });

  it('a refusal without named topics fails its whole frame only', async () => {
    const m = manager({
      parseAck: (msg) => {
        const f = msg as { op?: string; req_id?: string; success?: boolean };
        if (f.op !== 'subscribe') return undefined;
        return f.success ? { op: 'subscribe', reqId: f.req_id! } : { op: 'subscribe', reqId: f.req_id!, error: new BadSymbolError('refused', { exchange: 'fake' }) };
      },
    });
    await m.subscribe('a', recorder()).ready;
    venue.refuse.add('x');
    const [x, y] = [m.subscribe('x', recorder()), m.subscribe('y', recorder())];
    await expect(x.ready).rejects.toBeInstanceOf(BadSymbolError);
    await expect(y.ready).rejects.toBeInstanceOf(BadSymbolError);
    expect(m.topics).toEqual(['a']);
  });

  it('after every reconnect subscribes exactly the active topics once and emits resubscribed (10 kills)', async () => {
    const m = manager({ maxTopicsPerFrame: 2 });
    const topics = ['tickers.BTCUSDT', 'tickers.ETHUSDT', 'publicTrade.BTCUSDT'];
    const resubscribed: string[][] = [];
    const order: string[] = [];
    m.on('resubscribed', (e) => resubscribed.push([...e.topics].sort()));
    for (const ev of ['open', 'reconnecting', 'resubscribed', 'ready'] as const) m.on(ev, () => order.push(ev));
    const r = recorder();
    await Promise.all(topics.map((t) => m.subscribe(t, r).ready));
    for (let kill = 1; kill <= 10; kill++) {
      await until(() => venue.connections.length === kill && venue.last!.topics.size === 3 && m.connections[0]!.isReady, `connection ${kill}`);
      venue.killAll();
    }
    await until(() => venue.connections.length === 11 && m.connections[0]!.isReady, 'the 11th connection');
    for (const c of venue.connections) expect([...c.subscribeLog].sort()).toEqual([...topics].sort());
    expect(resubscribed).toEqual(Array(10).fill([...topics].sort()));
    expect(order).toEqual(['open', 'ready', ...Array.from({ length: 10 }, () => ['reconnecting', 'open', 'resubscribed', 'ready']).flat()]);
    venue.publish('tickers.ETHUSDT', 'after');
    await until(() => r.messages.length === 1, 'data after the last reconnect');
  });

  it('a topic closed during backoff is not resubscribed; one added during backoff is', async () => {
    const m = manager({}, { backoff: { initialDelayMs: 300, maxDelayMs: 300, random: () => 1 } });
    const keep = m.subscribe('keep', recorder());
    const drop = m.subscribe('drop', recorder());
    await Promise.all([keep.ready, drop.ready]);
    const backoff = new Promise<void>((r) => m.once('reconnecting', () => r()));
    venue.killAll();
    await backoff;
    drop.release();
    const added = m.subscribe('added', recorder());
    await added.ready;
    expect(venue.connections).toHaveLength(2);
    expect(venue.last!.subscribeLog.sort()).toEqual(['added', 'keep']);
    expect(sent('unsubscribe')).toEqual([]); // nothing to unsubscribe on a dead connection
  });

  it('a topic released while its resubscribe is in flight is unsubscribed once the resync is done', async () => {
    const m = manager();
    const stay = m.subscribe('stay', recorder());
    const leave = m.subscribe('leave', recorder());
    await Promise.all([stay.ready, leave.ready]);
    const resubscribed: string[][] = [];
    m.on('resubscribed', (e) => resubscribed.push([...e.topics]));
    // On the next connection, release 'leave' the moment the venue has its subscribe frame, before the ack lands.
    venue.onSubscribe = (c, topics) => {
      if (c.id === 2 && topics.includes('leave')) leave.release();
    };
    venue.killAll();
    await until(() => venue.connections.length === 2 && sent('unsubscribe').length === 1, 'unsubscribed after the resync');
    expect(sent('unsubscribe')).toEqual([['leave']]);
    expect(resubscribed).toEqual([['stay']]);
    expect(m.topics).toEqual(['stay']);
  });

  it('matches acks without a request id to the oldest request (FIFO)', async () => {
    const m = manager({
      parseAck: (msg) => {
        const f = msg as { op?: 'subscribe' | 'unsubscribe'; success?: boolean };
        return f.op === 'subscribe' && f.success === true ? { op: 'subscribe' } : undefined;
      },
    });
    await m.subscribe('first', recorder()).ready;
    await Promise.all([m.subscribe('second', recorder()).ready]);
    expect(m.topics).toEqual(['first', 'second']);
  });

  it('an ack that never comes fails the topic with a retryable NetworkError', async () => {
    const m = manager({ ackTimeoutMs: 100 });
    await m.subscribe('warmup', recorder()).ready;
    venue.ackSubscriptions = false;
    const r = recorder();
    const lease = m.subscribe('silent', r);
    await expect(lease.ready).rejects.toBeInstanceOf(NetworkError);
    expect(r.errors[0]?.retryable).toBe(true);
    expect(m.topics).toEqual(['warmup']);
  });

  it("confirm 'write' (no acks, like Bitunix): ready on write; a late refusal naming a topic ends it", async () => {
    venue.ackSubscriptions = false;
    const m = manager({ confirm: 'write' });
    const r = recorder();
    const lease = m.subscribe('depth.NOPE', r);
    await lease.ready;
    venue.sendRaw(JSON.stringify({ op: 'subscribe', success: false, ret_msg: 'unknown symbol', failed: ['depth.NOPE'] }));
    await until(() => r.errors.length === 1, 'late refusal');
    expect(r.errors[0]).toBeInstanceOf(BadSymbolError);
    expect(m.topics).toEqual([]);
  });

  it('close ends every consumer with ClosedError and later subscribes reject', async () => {
    const m = manager();
    const r = recorder();
    await m.subscribe('x', r).ready;
    await m.close();
    expect(r.errors[0]).toBeInstanceOf(ClosedError);
    const late = recorder();
    await expect(m.subscribe('y', late).ready).rejects.toBeInstanceOf(ClosedError);
    await until(() => late.errors.length === 1, 'late consumer told');
  });

  it("a connection that gives up ends its topics with the terminal error", async () => {
    const m = manager({}, { budget: { maxAttempts: 2 } });
    const r = recorder();
    await m.subscribe('x', r).ready;
    await venue.close();
    const terminal = new Promise<void>((res) => m.on('error', (e) => e.terminal && res()));
    venue.killAll();
    await terminal;
    await until(() => r.errors.length === 1, 'consumer told');
    expect(r.errors[0]).toBeInstanceOf(NetworkError);
    expect(r.errors[0]!.message).toMatch(/gave up/);
    venue = await FakeVenue.start();
  });
});
