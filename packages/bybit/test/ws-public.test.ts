import { BadSymbolError, ClosedError, type OrderBook, type ResubscribedEvent, type ResyncEvent, type Ticker } from '@exkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BybitExchange } from '../src/exchange.js';
import { FakeBybitRest, FakeBybitWs, until, type Frame } from './helpers/fake-bybit.js';
import { linearRow, makeExchange, serveInstruments, spotRow } from './helpers/exchange.js';
import { fixture } from './helpers/fixtures.js';

const LINEAR = '/v5/public/linear';
const SPOT = '/v5/public/spot';
const SPOT_SYMBOLS = Array.from({ length: 12 }, (_, i) => `C${i}USDT`);

let rest: FakeBybitRest;
let ws: FakeBybitWs;
let ex: BybitExchange;

beforeEach(async () => {
  rest = await new FakeBybitRest().start();
  ws = await new FakeBybitWs().start();
  serveInstruments(rest, [linearRow('BTCUSDT', 'BTC'), linearRow('ETHUSDT', 'ETH')], SPOT_SYMBOLS.map((s) => spotRow(s, s.replace('USDT', ''))));
  ex = makeExchange(rest, ws, { category: ['linear', 'spot'] }, { heartbeat: { intervalMs: 50, timeoutMs: 2_000 } });
});

afterEach(async () => {
  await ex.close();
  await ws.close();
  await rest.close();
});

const subscribed = (path: string, topic: string) => () => ws.on(path).some((p) => p.topics.has(topic));
const sent = (path: string, op: string) => ws.peers.filter((p) => p.path === path).flatMap((p) => p.frames.filter((f) => f['op'] === op));

function bookFrame(type: 'snapshot' | 'delta', u: number, b: string[][], a: string[][], topic = 'orderbook.50.BTCUSDT'): Frame {
  return { topic, type, ts: 1_700_000_000_000 + u, data: { s: 'BTCUSDT', b, a, u, seq: u * 10 }, cts: 1 };
}

describe('tickers', () => {
  it('merges linear deltas into the snapshot; a late consumer gets the current state; one venue subscription', async () => {
    const first = ex.streams.ticker('BTC/USDT:USDT');
    await first.ready;
    const snap = fixture<Frame>('ws-ticker-linear-snapshot.json');
    ws.publish(LINEAR, 'tickers.BTCUSDT', snap);
    ws.publish(LINEAR, 'tickers.BTCUSDT', { topic: 'tickers.BTCUSDT', type: 'delta', data: { symbol: 'BTCUSDT', bid1Price: '66660.00', bid1Size: '1.5' }, cs: 1, ts: 1760325052700 });
    await until(() => first.latest?.timestamp === 1760325052700, 'the delta');
    const t = first.latest as Ticker;
    expect([t.bid?.toFixed(), t.bidSize?.toFixed(), t.ask?.toFixed(), t.last?.toFixed(), t.fundingRate?.toFixed()]).toEqual(['66660', '1.5', '66666.7', '66666.6', '-0.005']);

    const second = ex.streams.ticker('BTCUSDT');
    await second.ready;
    expect(second.latest?.bid?.toFixed()).toBe('66660');
    expect(sent(LINEAR, 'subscribe').flatMap((f) => f['args'] as string[]).filter((a) => a === 'tickers.BTCUSDT')).toHaveLength(1);

    await first.close();
    ws.publish(LINEAR, 'tickers.BTCUSDT', { topic: 'tickers.BTCUSDT', type: 'delta', data: { symbol: 'BTCUSDT', ask1Price: '66670.00' }, cs: 2, ts: 1760325052800 });
    await until(() => second.latest?.ask?.toFixed() === '66670', 'second still flows');
    await second.close();
    await until(() => sent(LINEAR, 'unsubscribe').length === 1, 'the last consumer unsubscribes');
    expect(sent(LINEAR, 'unsubscribe')[0]!['args']).toEqual(['tickers.BTCUSDT']);
  });

  it('a delta before any snapshot is skipped, not guessed', async () => {
    const sub = ex.streams.ticker('ETH/USDT:USDT');
    await sub.ready;
    ws.publish(LINEAR, 'tickers.ETHUSDT', { topic: 'tickers.ETHUSDT', type: 'delta', data: { symbol: 'ETHUSDT', bid1Price: '1' }, cs: 1, ts: 1 });
    ws.publish(LINEAR, 'tickers.ETHUSDT', { topic: 'tickers.ETHUSDT', type: 'snapshot', data: { symbol: 'ETHUSDT', bid1Price: '2000', ask1Price: '2001' }, cs: 2, ts: 1760000000000 });
    await until(() => sub.latest !== undefined, 'the snapshot');
    expect(sub.latest?.bid?.toFixed()).toBe('2000');
  });

  it('a refused topic fails its stream with BadSymbol; the others go on', async () => {
    ws.refuse.add('tickers.ETHUSDT');
    const good = ex.streams.ticker('BTC/USDT:USDT');
    const bad = ex.streams.ticker('ETH/USDT:USDT');
    await expect(bad.ready).rejects.toBeInstanceOf(BadSymbolError);
    await good.ready;
    ws.publish(LINEAR, 'tickers.BTCUSDT', fixture<Frame>('ws-ticker-linear-snapshot.json'));
    await until(() => good.latest !== undefined, 'the good topic');
  });

  it('an unknown symbol is refused before anything is sent', async () => {
    const sub = ex.streams.ticker('NOPE/USDT:USDT');
    await expect(sub.ready).rejects.toBeInstanceOf(BadSymbolError);
    expect(ws.peers).toHaveLength(0);
  });

  it('spot subscribes at most 10 topics per frame (§6)', async () => {
    const subs = SPOT_SYMBOLS.map((s) => ex.streams.ticker(`${s.replace('USDT', '')}/USDT`));
    await Promise.all(subs.map((s) => s.ready));
    const frames = sent(SPOT, 'subscribe');
    expect(frames.map((f) => (f['args'] as string[]).length)).toEqual([10, 2]);
    expect(new Set(frames.map((f) => f['req_id'])).size).toBe(2);
  });
});

describe('order book', () => {
  it('snapshot, consecutive deltas, duplicates ignored, a gap resubscribes and a fresh snapshot replaces the book', async () => {
    const resyncs: ResyncEvent[] = [];
    ex.events.on('resync', (e) => resyncs.push(e));
    const book = ex.streams.orderBook('BTC/USDT:USDT', { depth: 2 });
    const seen: OrderBook[] = [];
    book.onItem((b) => seen.push(b));
    await book.ready;
    expect(sent(LINEAR, 'subscribe').flatMap((f) => f['args'] as string[])).toEqual(['orderbook.50.BTCUSDT']);

    ws.publish(LINEAR, 'orderbook.50.BTCUSDT', bookFrame('snapshot', 100, [['100.0', '1'], ['99.5', '2'], ['99.0', '3']], [['100.5', '1'], ['101.0', '2']]));
    ws.publish(LINEAR, 'orderbook.50.BTCUSDT', bookFrame('delta', 101, [['100.0', '0'], ['99.8', '4']], [['100.5', '0.5']]));
    ws.publish(LINEAR, 'orderbook.50.BTCUSDT', bookFrame('delta', 101, [['98.0', '9']], [])); // duplicate: stale
    await until(() => seen.length === 2, 'snapshot and first delta');
    const levels = (b: OrderBook) => [b.bids.map((l) => `${l.price.toFixed()}x${l.size.toFixed()}`), b.asks.map((l) => `${l.price.toFixed()}x${l.size.toFixed()}`)];
    expect(levels(seen[0]!)).toEqual([['100x1', '99.5x2'], ['100.5x1', '101x2']]);
    expect(levels(seen[1]!)).toEqual([['99.8x4', '99.5x2'], ['100.5x0.5', '101x2']]);
    expect(seen[1]!.sequence).toBe(101);

    ws.publish(LINEAR, 'orderbook.50.BTCUSDT', bookFrame('delta', 105, [['99.9', '1']], [])); // gap
    await until(() => resyncs.length === 1, 'a resync');
    expect(resyncs[0]).toMatchObject({ symbol: 'BTC/USDT:USDT' });
    await until(() => sent(LINEAR, 'subscribe').length === 2, 'the topic is subscribed again');
    expect(sent(LINEAR, 'unsubscribe').flatMap((f) => f['args'] as string[])).toEqual(['orderbook.50.BTCUSDT']);
    expect(seen).toHaveLength(2); // nothing built on the broken book
    ws.publish(LINEAR, 'orderbook.50.BTCUSDT', bookFrame('snapshot', 300, [['95.0', '1']], [['96.0', '1']]));
    await until(() => seen.length === 3, 'the fresh snapshot');
    expect(levels(seen[2]!)).toEqual([['95x1'], ['96x1']]);
    expect(seen[2]!.sequence).toBe(300);
  });

  it('u = 1 is a restart snapshot even when sent as a delta; a crossed book resyncs', async () => {
    const resyncs: ResyncEvent[] = [];
    ex.events.on('resync', (e) => resyncs.push(e));
    const book = ex.streams.orderBook('BTC/USDT:USDT');
    await book.ready;
    ws.publish(LINEAR, 'orderbook.50.BTCUSDT', bookFrame('snapshot', 500, [['100', '1']], [['101', '1']]));
    ws.publish(LINEAR, 'orderbook.50.BTCUSDT', bookFrame('delta', 1, [['50', '1']], [['51', '1']]));
    await until(() => book.latest?.sequence === 1, 'the restart snapshot');
    expect(book.latest!.bids.map((l) => l.price.toFixed())).toEqual(['50']);
    ws.publish(LINEAR, 'orderbook.50.BTCUSDT', bookFrame('delta', 2, [['52', '1']], []));
    await until(() => resyncs.length === 1, 'crossed → resync');
    expect(book.latest!.sequence).toBe(1);
  });

  it('a depth above 200 uses the 1000-level stream; a bad depth is refused', async () => {
    const book = ex.streams.orderBook('ETH/USDT:USDT', { depth: 201 });
    await book.ready;
    await until(subscribed(LINEAR, 'orderbook.1000.ETHUSDT'), 'orderbook.1000');
    await expect(ex.streams.orderBook('ETH/USDT:USDT', { depth: 0 }).ready).rejects.toThrow(/depth must be a positive integer/);
  });
});

describe('trades and candles', () => {
  it('every trade of a frame, in order', async () => {
    const trades = ex.streams.trades('BTC/USDT:USDT');
    await trades.ready;
    const frame = fixture<Frame & { data: Frame[] }>('ws-public-trade.json');
    ws.publish(LINEAR, 'publicTrade.BTCUSDT', { ...frame, data: [frame.data[0]!, { ...frame.data[0]!, i: 'second', p: '16579.00' }] });
    const it = trades[Symbol.asyncIterator]();
    const a = (await it.next()).value;
    const b = (await it.next()).value;
    expect([a?.id, a?.price.toFixed(), b?.id, b?.price.toFixed()]).toEqual(['20f43950-d8dd-5b31-9112-a178eb6023af', '16578.5', 'second', '16579']);
    await it.return?.();
  });

  it('candles on kline.{interval}.{symbol}', async () => {
    const candles = ex.streams.candles('BTC/USDT:USDT', '5m');
    await candles.ready;
    ws.publish(LINEAR, 'kline.5.BTCUSDT', fixture<Frame>('ws-kline.json'));
    const c = (await candles[Symbol.asyncIterator]().next()).value;
    expect([c?.timeframe, c?.openTime, c?.closed, c?.close.toFixed()]).toEqual(['5m', 1672324800000, false, '16677']);
  });
});

describe('connection', () => {
  it('pings with {"op":"ping"} and takes the venue’s pong (no reconnect)', async () => {
    const reconnects: unknown[] = [];
    ex.events.on('reconnecting', (e) => reconnects.push(e));
    const sub = ex.streams.ticker('BTC/USDT:USDT');
    await sub.ready;
    await until(() => sent(LINEAR, 'ping').length >= 3, 'three pings');
    expect(sent(LINEAR, 'ping')[0]).toEqual({ op: 'ping' });
    expect(reconnects).toHaveLength(0);
  });

  it('after a drop it reconnects and subscribes exactly the live topics again', async () => {
    const events: ResubscribedEvent[] = [];
    ex.events.on('resubscribed', (e) => events.push(e));
    const a = ex.streams.ticker('BTC/USDT:USDT');
    const b = ex.streams.trades('ETH/USDT:USDT');
    await Promise.all([a.ready, b.ready]);
    ws.on(LINEAR)[0]!.ws.terminate();
    await until(() => events.length === 1, 'resubscribed');
    expect([...events[0]!.topics].sort()).toEqual(['publicTrade.ETHUSDT', 'tickers.BTCUSDT']);
    ws.publish(LINEAR, 'tickers.BTCUSDT', fixture<Frame>('ws-ticker-linear-snapshot.json'));
    await until(() => a.latest !== undefined, 'data after the reconnect');
  });

  it('close ends every stream (iterators finish, CK-ST-09) and later subscriptions fail with ClosedError', async () => {
    const sub = ex.streams.ticker('BTC/USDT:USDT');
    await sub.ready;
    const it = sub[Symbol.asyncIterator]();
    const next = it.next().then(
      (r) => r,
      (e: unknown) => e,
    );
    await ex.close();
    expect(await next).toEqual({ done: true, value: undefined });
    await expect(ex.streams.ticker('BTC/USDT:USDT').ready).rejects.toBeInstanceOf(ClosedError);
  });
});
