import type { BookResyncEvent, Order, ReconciledEvent } from '@exkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BitunixExchange } from '../src/exchange.js';
import { createBitunix } from '../src/index.js';
import { wsLoginSign } from '../src/rest/sign.js';
import { FakeBitunix, KEY, until } from './helpers/fake-venue.js';

let venue: FakeBitunix;
let ex: BitunixExchange;

beforeEach(async () => {
  venue = await new FakeBitunix().start();
  ex = createBitunix({ environment: venue.environment, credentials: KEY, heartbeatIntervalMs: 1_000, bookStaleMs: 600 });
  await ex.loadMarkets();
});
afterEach(async () => {
  await ex.close();
  await venue.stop();
});

type Frame = Record<string, unknown>;
const subscribed = (kind: 'public' | 'private', ch: string, symbol?: string): boolean =>
  venue.frames[kind].some((f) => (f as Frame)['op'] === 'subscribe' && ((f as { args: Frame[] }).args ?? []).some((a) => a['ch'] === ch && a['symbol'] === symbol));

describe('public streams on loopback', () => {
  it('ticker rides the `tickers` channel (bid/ask), picked by `s`; trades arrive in order with ids', async () => {
    const ticker = ex.streams.ticker('BTC/USDT:USDT');
    const trades = ex.streams.trades('BTC/USDT:USDT');
    await Promise.all([ticker.ready, trades.ready]);
    await until(() => subscribed('public', 'tickers', 'BTCUSDT') && subscribed('public', 'trade', 'BTCUSDT'), 'subscribed');
    venue.push('public', { ch: 'tickers', ts: 1775540872000, data: [{ s: 'ETHUSDT', la: '1', bd: '1', ak: '2' }, { s: 'BTCUSDT', la: '68650.9', o: '69141.6', h: '70319.9', l: '68241.9', b: '26295.3977', q: '1823374525.0193', r: '-0.7', bd: '68650.9', ak: '68651', bv: '0.9747', av: '2.3606' }] });
    venue.push('public', { ch: 'trade', symbol: 'BTCUSDT', ts: 1775540872598, data: [{ t: '2026-04-07T05:47:52Z', p: '68621.4', v: '0.7142', s: 'buy' }, { t: '2026-04-07T05:47:52Z', p: '68621.5', v: '0.0018', s: 'sell' }] });
    await until(() => ticker.latest !== undefined, 'ticker');
    expect([ticker.latest?.symbol, ticker.latest?.bid?.toFixed(), ticker.latest?.ask?.toFixed(), ticker.latest?.last?.toFixed()]).toEqual(['BTC/USDT:USDT', '68650.9', '68651', '68650.9']);
    const it = trades[Symbol.asyncIterator]();
    const a = await it.next();
    const b = await it.next();
    expect([a.value?.id, a.value?.side, b.value?.id, b.value?.side]).toEqual(['1775540872598-0', 'buy', '1775540872598-1', 'sell']);
    await ticker.close();
    await trades.close();
  });

  it('pings the Bitunix way (JSON, seconds), never with protocol pings', async () => {
    const s = ex.streams.trades('ETH/USDT:USDT');
    await s.ready;
    await until(() => venue.frames.public.some((f) => (f as Frame)['op'] === 'ping'), 'a ping', 3_000);
    const ping = venue.frames.public.find((f) => (f as Frame)['op'] === 'ping') as Frame;
    expect(Object.keys(ping).sort()).toEqual(['op', 'ping']);
    expect(Math.abs((ping['ping'] as number) - Date.now() / 1000)).toBeLessThan(5);
    await s.close();
  });

  it('the book replaces itself on every snapshot push; a silent channel is resynced and resubscribed', async () => {
    const resyncs: BookResyncEvent[] = [];
    ex.events.on('resync', (e) => resyncs.push(e as BookResyncEvent));
    const book = ex.streams.orderBook('BTC/USDT:USDT', { depth: 5 });
    await book.ready;
    await until(() => subscribed('public', 'depth_book5', 'BTCUSDT'), 'depth_book5 subscribed');
    venue.push('public', { ch: 'depth_book5', symbol: 'BTCUSDT', ts: 1790126515693, data: { b: [['86699.6', '2.274'], ['86699.5', '2.7407']], a: [['86699.7', '0.7095'], ['86699.8', '2.1992']] } });
    await until(() => book.latest !== undefined, 'first book');
    expect(book.latest?.bids.map((l) => l.price.toFixed())).toEqual(['86699.6', '86699.5']);
    venue.push('public', { ch: 'depth_book5', symbol: 'BTCUSDT', ts: 1790126516000, data: { b: [['86690', '1']], a: [['86700', '1']] } });
    await until(() => book.latest?.bids[0]?.price.toFixed() === '86690', 'replaced book');
    expect(book.latest?.bids).toHaveLength(1);
    // no more pushes: stale after 600 ms → resync event, unsubscribe, subscribe again
    await until(() => resyncs.length > 0, 'stale resync', 3_000);
    expect(resyncs[0]?.symbol).toBe('BTC/USDT:USDT');
    expect(resyncs[0]?.reason).toMatch(/stale/);
    await until(() => venue.frames.public.filter((f) => (f as Frame)['op'] === 'subscribe' && JSON.stringify(f).includes('depth_book5')).length >= 2, 'resubscribed', 3_000);
    expect(venue.frames.public.some((f) => (f as Frame)['op'] === 'unsubscribe' && JSON.stringify(f).includes('depth_book5'))).toBe(true);
    await book.close();
  });

  it('an all-empty depth frame (unknown to the venue) ends the stream with BadSymbol', async () => {
    const book = ex.streams.orderBook('ETH/USDT:USDT', { depth: 15 });
    await book.ready;
    await until(() => subscribed('public', 'depth_book15', 'ETHUSDT'), 'depth_book15 subscribed');
    venue.push('public', { ch: 'depth_book15', symbol: 'ETHUSDT', ts: 1790126491101, data: { b: [['', ''], ['', '']], a: [['', '']] } });
    const it = book[Symbol.asyncIterator]();
    await expect(it.next()).rejects.toMatchObject({ name: 'BadSymbolError' });
  });

  it('a bad symbol is refused synchronously before anything is sent', () => {
    expect(() => ex.streams.ticker('NOPE/USDT:USDT')).toThrow(/unknown symbol/);
    expect(venue.sockets.public).toHaveLength(0);
  });
});

const WS_ORDER = { event: 'CREATE', orderId: '7', symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', effect: 'GTC', qty: '0.01', price: '60000', ctime: '2026-01-01T00:00:00.000Z', orderStatus: 'NEW', dealAmount: '0', clientId: 'c7' };
const REST_ORDER = { orderId: '7', symbol: 'BTCUSDT', qty: '0.01', tradeQty: '0.01', avgPrice: '60000', price: '60000', side: 'BUY', orderType: 'LIMIT', effect: 'GTC', status: 'FILLED', clientId: 'c7', ctime: 1767225600000, mtime: 1767225601000 };

describe('private streams on loopback', () => {
  it('logs in with the documented frame, subscribes explicitly, maps order pushes, and reconciles after a reconnect', async () => {
    venue.onWsMessage = (kind, ws, f) => {
      if (kind === 'private' && f['op'] === 'login') ws.send(JSON.stringify({ op: 'login', data: { result: true } }));
    };
    venue.handlers.set('/api/v1/futures/trade/get_pending_orders', () => ({ orderList: [], total: 0 }));
    venue.handlers.set('/api/v1/futures/trade/get_order_detail', () => REST_ORDER);
    venue.handlers.set('/api/v1/futures/trade/get_history_trades', () => ({ tradeList: [{ tradeId: 'f1', orderId: '7', symbol: 'BTCUSDT', qty: '0.01', price: '60000', side: 'BUY', fee: '0.3', ctime: 1767225601000, roleType: 'TAKER' }], total: 1 }));
    venue.handlers.set('/api/v1/futures/market/depth', () => ({ bids: [], asks: [] }));
    const reconciled: ReconciledEvent[] = [];
    ex.events.on('reconciled', (e) => reconciled.push(e));

    const orders = ex.streams.orders('BTC/USDT:USDT');
    const fills = ex.streams.fills();
    await Promise.all([orders.ready, fills.ready]);
    const login = venue.frames.private.find((f) => (f as Frame)['op'] === 'login') as { args: Array<{ apiKey: string; timestamp: number; nonce: string; sign: string }> };
    const arg = login.args[0]!;
    expect(arg.apiKey).toBe(KEY.apiKey);
    expect(Number.isInteger(arg.timestamp) && Math.abs(arg.timestamp - Date.now() / 1000) < 5).toBe(true);
    expect(arg.sign).toBe(wsLoginSign(arg.nonce, arg.timestamp, KEY.apiKey, KEY.apiSecret));
    await until(() => subscribed('private', 'order'), 'order channel subscribed');

    const seen: Order[] = [];
    const it = orders[Symbol.asyncIterator]();
    venue.push('private', { ch: 'order', ts: 1, data: WS_ORDER });
    venue.push('private', { ch: 'order', ts: 2, data: WS_ORDER }); // a repeat is not news
    seen.push((await it.next()).value as Order);
    expect([seen[0]?.id, seen[0]?.status, seen[0]?.clientOrderId]).toEqual(['7', 'open', 'c7']);

    // The connection drops while the order fills: reconciliation reads it back and fills the gap.
    venue.sockets.private.at(-1)?.terminate();
    seen.push((await it.next()).value as Order);
    expect([seen[1]?.status, seen[1]?.filled.toFixed()]).toEqual(['filled', '0.01']);
    const fit = fills[Symbol.asyncIterator]();
    const fill = (await fit.next()).value;
    expect([fill?.id, fill?.side, fill?.fee.amount.toFixed()]).toEqual(['f1', 'buy', '0.3']);
    await until(() => reconciled.length > 0, 'reconciled event');
    expect(reconciled[0]?.reason).toBe('reconnect');
    expect(reconciled[0]?.emitted).toBeGreaterThanOrEqual(2);
    // A late, older push of the same order never regresses it.
    venue.push('private', { ch: 'order', ts: 3, data: { ...WS_ORDER, event: 'UPDATE', orderStatus: 'PART_FILLED', dealAmount: '0.005' } });
    await new Promise((r) => setTimeout(r, 100));
    expect(orders.latest?.status).toBe('filled');
    await orders.close();
    await fills.close();
  });

  it('a refused login is an AuthenticationError on the events, and streams stay pending', async () => {
    venue.onWsMessage = (kind, ws, f) => {
      if (kind === 'private' && f['op'] === 'login') ws.send(JSON.stringify({ op: 'login', data: { result: false, msg: 'sign error' } }));
    };
    const errors: string[] = [];
    ex.events.on('error', (e) => errors.push(`${e.error.name}: ${e.error.message}`));
    const balances = ex.streams.balances();
    await until(() => errors.some((e) => e.startsWith('AuthenticationError') && e.includes('sign error')), 'auth error');
    expect(JSON.stringify(errors)).not.toContain(KEY.apiSecret);
    await balances.close();
  });
});
