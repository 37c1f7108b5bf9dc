import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BadSymbolError, ClosedError, StreamOverflowError, UnexpectedResponseError } from '../../src/errors/error-classes.js';
import type { DroppedFrameEvent } from '../../src/exchange/lifecycle.js';
import { openStream } from '../../src/streams/index.js';
import { TopicManager, type SocketErrorEvent } from '../../src/ws/index.js';
import { fakeProtocol } from '../ws/helpers/fake-protocol.js';
import { appPing, FakeVenue, sleep, until } from '../ws/helpers/fake-venue.js';

let venue: FakeVenue;
let manager: TopicManager;

beforeEach(async () => {
  venue = await FakeVenue.start();
  manager = new TopicManager({
    name: 'public:test',
    protocol: fakeProtocol(),
    socket: {
      exchange: 'fake',
      url: venue.url,
      heartbeat: { ...appPing, intervalMs: 1_000, timeoutMs: 1_000 },
      backoff: { initialDelayMs: 20, random: () => 1 },
    },
  });
});
afterEach(async () => {
  await manager.close();
  await venue.close();
});

interface Tick {
  readonly price: number;
}
const data = (m: unknown): unknown => (m as { data: unknown }).data;
const ticker = (symbol: string) =>
  openStream<Tick>({ manager, venueTopic: `tickers.${symbol}`, topic: `ticker ${symbol}`, mode: 'conflate', exchange: 'fake', map: (m, emit) => emit(data(m) as Tick) });
const trades = (symbol: string, capacity?: number) =>
  openStream<number>({
    manager,
    venueTopic: `publicTrade.${symbol}`,
    mode: 'queue',
    exchange: 'fake',
    ...(capacity !== undefined && { capacity }),
    map: (m, emit) => (data(m) as number[]).forEach(emit),
  });

describe('openStream over a real socket', () => {
  it('conflate: a slow reader of a ticker gets the latest state, not a backlog', async () => {
    const sub = ticker('BTCUSDT');
    await sub.ready;
    for (let i = 1; i <= 50; i++) venue.publish('tickers.BTCUSDT', { price: i });
    await until(() => sub.latest?.price === 50, 'all ticks in');
    const it = sub[Symbol.asyncIterator]();
    expect(await it.next()).toEqual({ done: false, value: { price: 50 } });
    await sub.close();
  });

  it('queue: every trade, in order, across frames carrying several trades', async () => {
    const sub = trades('BTCUSDT');
    await sub.ready;
    for (let i = 0; i < 200; i++) venue.publish('publicTrade.BTCUSDT', [3 * i, 3 * i + 1, 3 * i + 2]);
    const got: number[] = [];
    for await (const t of sub) {
      got.push(t);
      if (got.length === 600) break;
    }
    expect(got).toEqual(Array.from({ length: 600 }, (_, i) => i));
    await until(() => venue.last!.topics.size === 0, 'break released the venue topic');
  });

  it('queue overflow ends the iterator with StreamOverflowError and unsubscribes', async () => {
    const sub = trades('ETHUSDT', 10);
    await sub.ready;
    for (let i = 0; i < 20; i++) venue.publish('publicTrade.ETHUSDT', [i]);
    await until(() => sub.closed, 'overflowed');
    const got: number[] = [];
    await expect(
      (async () => {
        for await (const t of sub) got.push(t);
      })(),
    ).rejects.toBeInstanceOf(StreamOverflowError);
    expect(got).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await until(() => venue.last!.topics.size === 0, 'unsubscribed');
  });

  it('a refused symbol rejects ready and the iterator with BadSymbolError while another stream flows', async () => {
    venue.refuse.add('tickers.NOPEUSDT');
    const good = ticker('BTCUSDT');
    const bad = ticker('NOPEUSDT');
    await expect(bad.ready).rejects.toBeInstanceOf(BadSymbolError);
    await expect(bad[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(BadSymbolError);
    expect(bad.closed).toBe(true);
    await good.ready;
    venue.publish('tickers.BTCUSDT', { price: 1 });
    const it = good[Symbol.asyncIterator]();
    expect(await it.next()).toEqual({ done: false, value: { price: 1 } });
  });

  it('two consumers share one venue topic; closing one keeps the other', async () => {
    const a = ticker('BTCUSDT');
    const b = ticker('BTCUSDT');
    await Promise.all([a.ready, b.ready]);
    expect(venue.last!.subscribeLog).toEqual(['tickers.BTCUSDT']);
    await a.close();
    venue.publish('tickers.BTCUSDT', { price: 7 });
    await until(() => b.latest?.price === 7, 'b still flows');
    expect(a.latest).toBeUndefined();
    expect(venue.last!.topics.has('tickers.BTCUSDT')).toBe(true);
  });

  it('a frame the adapter cannot map is reported and dropped; so is a malformed one; the stream goes on', async () => {
    const errors: SocketErrorEvent[] = [];
    const dropped: DroppedFrameEvent[] = [];
    manager.on('error', (e) => errors.push(e));
    manager.on('dropped', (e) => dropped.push(e));
    const sub = openStream<number>({
      manager,
      venueTopic: 'kline.1.BTCUSDT',
      mode: 'queue',
      map: (m, emit) => {
        const d = data(m);
        if (typeof d !== 'number') throw new Error('not a number');
        emit(d);
      },
    });
    await sub.ready;
    venue.publish('kline.1.BTCUSDT', 1);
    venue.publish('kline.1.BTCUSDT', 'garbage');
    venue.sendRaw('{"topic":"kline.1.BTCUSDT","data":');
    venue.publish('kline.1.BTCUSDT', 2);
    const got: number[] = [];
    for await (const n of sub) {
      got.push(n);
      if (got.length === 2) break;
    }
    expect(got).toEqual([1, 2]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.error).toBeInstanceOf(UnexpectedResponseError);
    expect(errors[0]!.terminal).toBe(false);
    expect(dropped).toHaveLength(1);
  });

  it('keeps streaming across a reconnect; await using closes it', async () => {
    {
      await using sub = trades('SOLUSDT');
      await sub.ready;
      venue.publish('publicTrade.SOLUSDT', [1]);
      const it = sub[Symbol.asyncIterator]();
      expect(await it.next()).toEqual({ done: false, value: 1 });
      venue.killAll();
      await until(() => venue.connections.length === 2 && venue.last!.topics.has('publicTrade.SOLUSDT'), 'resubscribed');
      venue.publish('publicTrade.SOLUSDT', [2]);
      expect(await it.next()).toEqual({ done: false, value: 2 });
    }
    await until(() => venue.last!.topics.size === 0, 'disposed and unsubscribed');
  });

  it('manager close ends open streams: the iterator ends, the stream is closed (CK-ST-09)', async () => {
    const sub = trades('XRPUSDT');
    await sub.ready;
    const next = sub[Symbol.asyncIterator]().next();
    await manager.close();
    expect(await next).toEqual({ done: true, value: undefined });
    expect(sub.closed).toBe(true);
    await expect(sub.ready).resolves.toBeUndefined(); // it had been confirmed; close does not rewrite that
    // A stream opened after close is refused with ClosedError naming the stream, and ends.
    const late = trades('SOLUSDT');
    const refused = await late.ready.catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ClosedError);
    expect((refused as ClosedError).method).toBe('stream publicTrade.SOLUSDT');
    expect(await late[Symbol.asyncIterator]().next()).toEqual({ done: true, value: undefined });
  });

  it('1,000 subscribe/close cycles leak no listeners, topics or memory', async () => {
    const keep = ticker('BTCUSDT'); // keeps the connection up throughout
    await keep.ready;
    const socket = manager.connections[0]!;
    const listenerCounts = (): number[] => [
      ...(['message', 'error', 'reconnecting', 'open', 'ready', 'closed', 'dropped', 'resubscribed'] as const).map((e) => socket.listenerCount(e)),
    ];
    const before = listenerCounts();
    const warm = async (n: number): Promise<void> => {
      for (let i = 0; i < n; i++) {
        const sub = i % 2 === 0 ? ticker('ETHUSDT') : trades('ETHUSDT');
        sub.onItem(() => undefined);
        await sub.ready;
        await sub.close();
      }
    };
    await warm(100);
    await sleep(50);
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    await warm(1_000);
    await until(() => manager.topics.length === 1, 'only the kept topic is wanted');
    await sleep(50);
    globalThis.gc?.();
    const grown = process.memoryUsage().heapUsed - heapBefore;
    expect(listenerCounts()).toEqual(before);
    expect(manager.topics).toEqual(['tickers.BTCUSDT']);
    expect(manager.connections).toHaveLength(1);
    expect(venue.connections).toHaveLength(1);
    expect(grown).toBeLessThan(15 * 1024 * 1024);
    venue.publish('tickers.BTCUSDT', { price: 3 });
    await until(() => keep.latest?.price === 3, 'the kept stream still flows');
  });
});
