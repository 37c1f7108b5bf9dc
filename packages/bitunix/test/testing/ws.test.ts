/** The simulator's WebSocket dialect (bitunix.md §6) seen by a raw client, frames parsed with the adapter's schemas. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wsLoginSign } from '../../src/rest/sign.js';
import { connectFrameSchema, loginReplySchema, loginSucceeded, pongFrameSchema, subscribeRefusalSchema, unsubscribeAckSchema } from '../../src/ws/schemas/control.js';
import { balanceFrameSchema, orderFrameSchema, positionFrameSchema } from '../../src/ws/schemas/private.js';
import { depthFrameSchema, klineFrameSchema, priceFrameSchema, tickerFrameSchema, tickersFrameSchema, tradeFrameSchema } from '../../src/ws/schemas/public.js';
import { startBitunixSimulator, type BitunixSimulator } from '../../src/testing/index.js';
import { socket, until } from './helpers.js';

let sim: BitunixSimulator;
beforeAll(async () => {
  // a short idle cut (the idle test waits for it), long enough for a loaded machine to finish the other tests
  sim = await startBitunixSimulator({ seed: 'ws', idleTimeoutMs: 3_000 });
  // no background flow: the only trades are the test's
  sim.venue.freeze(true);
});
afterAll(async () => {
  await sim.close();
});

const ch = (frames: Record<string, unknown>[], name: string): Record<string, unknown>[] => frames.filter((f) => f['ch'] === name);

describe('public socket', () => {
  it('connect frame, ping reply, channels, unsubscribe ack; no subscribe ack', async () => {
    const { ws, frames } = await socket(sim.wsPublicUrl);
    await until(() => frames.length > 0, 'connect');
    connectFrameSchema.parse(frames[0]);
    ws.send(JSON.stringify({ op: 'ping', ping: 1747402389 }));
    await until(() => frames.some((f) => f['op'] === 'ping'), 'pong');
    expect(pongFrameSchema.parse(frames.find((f) => f['op'] === 'ping')).pong).toBe(1747402389);
    const args = ['depth_book5', 'trade', 'ticker', 'tickers', 'price', 'market_kline_1min'].map((c) => ({ symbol: c === 'trade' ? 'btcusdt' : 'BTCUSDT', ch: c }));
    ws.send(JSON.stringify({ op: 'subscribe', args }));
    await until(() => ch(frames, 'depth_book5').length > 0, 'depth');
    sim.venue.printTrades('BTC/USDT:USDT', [{ price: sim.venue.book('BTC/USDT:USDT', 1).asks[0]![0], size: '0.01', side: 'buy' }]);
    await until(() => ['trade', 'ticker', 'tickers', 'price', 'market_kline_1min'].every((c) => ch(frames, c).length > 0), 'all channels', 5_000);
    const depth = depthFrameSchema.parse(ch(frames, 'depth_book5')[0]);
    expect(depth.data.b).toHaveLength(5);
    const trade = tradeFrameSchema.parse(ch(frames, 'trade')[0]);
    expect([trade.symbol, trade.data[0]?.s]).toEqual(['BTCUSDT', 'BUY']);
    tickerFrameSchema.parse(ch(frames, 'ticker')[0]);
    expect(tickersFrameSchema.parse(ch(frames, 'tickers')[0]).data[0]?.bd).toBeDefined();
    priceFrameSchema.parse(ch(frames, 'price')[0]);
    klineFrameSchema.parse(ch(frames, 'market_kline_1min')[0]);
    expect(frames.some((f) => f['op'] === 'subscribe')).toBe(false);
    expect(await sim.control.subscriptionCount({ stream: 'orderBook', nativeId: 'BTCUSDT' })).toBe(1);
    ws.send(JSON.stringify({ op: 'unsubscribe', args: [{ symbol: 'BTCUSDT', ch: 'depth_book5' }] }));
    await until(() => frames.some((f) => f['op'] === 'unsubscribe'), 'unsubscribe ack');
    unsubscribeAckSchema.parse(frames.find((f) => f['op'] === 'unsubscribe'));
    expect(await sim.control.subscriptionCount({ stream: 'orderBook', nativeId: 'BTCUSDT' })).toBe(0);
    ws.terminate();
  });

  it('refuses beyond 300 channels', async () => {
    const { ws, frames } = await socket(sim.wsPublicUrl);
    ws.send(JSON.stringify({ op: 'subscribe', args: Array.from({ length: 301 }, (_, i) => ({ symbol: `X${i}USDT`, ch: 'trade' })) }));
    await until(() => frames.some((f) => f['op'] === 'subscribe'), 'refusal');
    expect(subscribeRefusalSchema.parse(frames.find((f) => f['op'] === 'subscribe')).data.msg).toBe('subscribe channel > 300');
    ws.terminate();
  });

  it('cuts a socket above 5 client messages per second, and an idle one', async () => {
    const busy = await socket(sim.wsPublicUrl);
    for (let i = 0; i < 6; i += 1) busy.ws.send(JSON.stringify({ op: 'ping', ping: 1 + i }));
    expect(await busy.closed).toBe(1006);
    const idle = await socket(sim.wsPublicUrl);
    expect(await idle.closed).toBe(1006);
    const conns = await sim.control.connections();
    expect(conns.slice(-2).map((c) => c.closedBy)).toEqual(['venue', 'idle']);
  });
});

describe('private socket', () => {
  it('login reply, refused login, and order/position/balance frames after a fill', async () => {
    const { ws, frames } = await socket(sim.wsPrivateUrl);
    const nonce = '0123456789abcdef0123456789abcdef';
    const ts = Math.floor(Date.now() / 1000);
    ws.send(JSON.stringify({ op: 'login', args: [{ apiKey: sim.apiKey, timestamp: ts, nonce, sign: 'bad' }] }));
    await until(() => frames.some((f) => f['op'] === 'login'), 'refusal');
    expect(loginSucceeded(loginReplySchema.parse(frames.find((f) => f['op'] === 'login')))).toBe(false);
    ws.send(JSON.stringify({ op: 'login', args: [{ apiKey: sim.apiKey, timestamp: ts, nonce, sign: wsLoginSign(nonce, ts, sim.apiKey, sim.apiSecret) }] }));
    await until(() => frames.filter((f) => f['op'] === 'login').length === 2, 'login');
    expect(loginSucceeded(loginReplySchema.parse(frames.filter((f) => f['op'] === 'login')[1]))).toBe(true);
    const { accountId } = sim.venue.authorize(sim.apiKey, 'trade');
    sim.venue.placeOrder(accountId, { symbol: 'BTC/USDT:USDT', side: 'buy', type: 'market', size: '0.01' });
    await until(() => ['order', 'position', 'balance'].every((c) => ch(frames, c).length > 0), 'private frames');
    const order = orderFrameSchema.parse(ch(frames, 'order').at(-1));
    expect([order.data[0]?.orderStatus, order.data[0]?.event, order.data[0]?.dealAmount?.toFixed()]).toEqual(['FILLED', 'CLOSE', '0.01']);
    const pos = positionFrameSchema.parse(ch(frames, 'position').at(-1));
    expect([pos.data[0]?.side, pos.data[0]?.qty.toFixed()]).toEqual(['LONG', '0.01']);
    balanceFrameSchema.parse(ch(frames, 'balance').at(-1));
    ws.terminate();
  });
});
