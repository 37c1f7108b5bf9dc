/** The simulator's WebSocket side (reference §6): raw frames, then the adapter's book and order streams. */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { wsOrderBookFrameSchema } from '../../src/ws/schemas/public.js';
import { wsExecutionFrameSchema, wsOrderFrameSchema, wsPositionFrameSchema, wsWalletFrameSchema } from '../../src/ws/schemas/private.js';
import { createBybit, type BybitExchange } from '../../src/index.js';
import { startBybitSimulator, type BybitSimulator } from '../../src/testing/index.js';
import { until } from './helpers.js';

let sim: BybitSimulator;

beforeAll(async () => {
  sim = await startBybitSimulator({ seed: 'ws' });
});
afterAll(async () => {
  await sim.close();
});

type Frame = Record<string, unknown>;

async function open(url: string): Promise<{ ws: WebSocket; frames: Frame[] }> {
  const ws = new WebSocket(url);
  const frames: Frame[] = [];
  ws.on('message', (raw) => frames.push(JSON.parse(String(raw)) as Frame));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, frames };
}

describe('raw frames', () => {
  it('public linear: pong, subscribe ack, book snapshot then deltas with consecutive u', async () => {
    const { ws, frames } = await open(sim.wsPublicUrl('linear'));
    ws.send(JSON.stringify({ op: 'ping', req_id: 'p1' }));
    await until(() => frames.some((f) => f['ret_msg'] === 'pong'), 'pong');
    expect(frames[0]).toMatchObject({ success: true, ret_msg: 'pong', req_id: 'p1', op: 'ping' });
    ws.send(JSON.stringify({ op: 'subscribe', req_id: 's1', args: ['orderbook.50.BTCUSDT'] }));
    await until(() => frames.some((f) => f['type'] === 'snapshot'), 'snapshot');
    expect(frames.find((f) => f['op'] === 'subscribe')).toMatchObject({ success: true, ret_msg: '', req_id: 's1' });
    const snap = frames.find((f) => f['type'] === 'snapshot')!;
    const u0 = (snap['data'] as { u: number }).u;
    const best = (snap['data'] as { b: string[][] }).b[0]![0]!;
    sim.venue.changeBook('BTC/USDT:USDT', [{ side: 'bid', price: best, size: '0' }]);
    await until(() => frames.some((f) => f['type'] === 'delta'), 'delta');
    const deltas = frames.filter((f) => f['topic'] === 'orderbook.50.BTCUSDT' && f['type'] === 'delta');
    expect((deltas[0]!['data'] as { u: number }).u).toBe(u0 + 1);
    for (const f of frames.filter((x) => x['topic'] !== undefined)) expect(wsOrderBookFrameSchema.safeParse(f).success).toBe(true);
    ws.send(JSON.stringify({ op: 'subscribe', req_id: 's2', args: ['orderbook.50.NOPE'] }));
    await until(() => frames.some((f) => f['req_id'] === 's2'), 'refusal');
    expect(frames.find((f) => f['req_id'] === 's2')).toMatchObject({ success: false, op: 'subscribe' });
    expect(await sim.control.subscriptionCount({ stream: 'orderBook', nativeId: 'BTCUSDT' })).toBe(1);
    ws.close();
  });

  it('private: auth (bad then good), subscribe, order frames from account events', async () => {
    const { ws, frames } = await open(sim.wsPrivateUrl);
    const expires = Date.now() + 10_000;
    ws.send(JSON.stringify({ op: 'auth', req_id: 'a0', args: [sim.apiKey, expires, 'f'.repeat(64)] }));
    await until(() => frames.some((f) => f['req_id'] === 'a0'), 'bad auth');
    expect(frames.find((f) => f['req_id'] === 'a0')).toMatchObject({ success: false, op: 'auth' });
    const sig = createHmac('sha256', sim.apiSecret).update(`GET/realtime${expires}`).digest('hex');
    ws.send(JSON.stringify({ op: 'auth', req_id: 'a1', args: [sim.apiKey, expires, sig] }));
    await until(() => frames.some((f) => f['req_id'] === 'a1'), 'auth');
    expect(frames.find((f) => f['req_id'] === 'a1')).toMatchObject({ success: true, ret_msg: '', op: 'auth' });
    ws.send(JSON.stringify({ op: 'subscribe', req_id: 's1', args: ['order', 'execution', 'position', 'wallet'] }));
    await until(() => frames.some((f) => f['req_id'] === 's1'), 'ack');
    ws.send(JSON.stringify({ op: 'ping', req_id: 'p' }));
    await until(() => frames.some((f) => f['op'] === 'pong'), 'pong');
    sim.venue.placeOrder(sim.venue.defaultAccountId, { symbol: 'BTC/USDT:USDT', side: 'buy', type: 'market', size: '0.001' });
    await until(() => ['order', 'execution', 'position', 'wallet'].every((t) => frames.some((f) => f['topic'] === t)), 'private topics');
    const order = frames.find((f) => f['topic'] === 'order')!;
    expect(order).toMatchObject({ topic: 'order', data: [{ category: 'linear', symbol: 'BTCUSDT', side: 'Buy' }] });
    expect(typeof order['creationTime']).toBe('number');
    const schemas = { order: wsOrderFrameSchema, execution: wsExecutionFrameSchema, position: wsPositionFrameSchema, wallet: wsWalletFrameSchema } as const;
    for (const f of frames.filter((x) => typeof x['topic'] === 'string')) {
      const parsed = schemas[f['topic'] as keyof typeof schemas].safeParse(f);
      expect(parsed.success, `${String(f['topic'])}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
    ws.close();
  });
});

describe('adapter streams', () => {
  let ex: BybitExchange;
  beforeAll(() => {
    ex = createBybit({
      environment: 'custom',
      urls: { rest: sim.restUrl, publicWs: { linear: sim.wsPublicUrl('linear'), spot: sim.wsPublicUrl('spot') }, privateWs: sim.wsPrivateUrl, tradeWs: sim.wsTradeUrl },
      credentials: { apiKey: sim.apiKey, apiSecret: sim.apiSecret },
    });
  });
  afterAll(async () => {
    await ex.close();
  });

  it('orderBook stream follows the venue book', async () => {
    await ex.loadMarkets();
    const sub = ex.streams.orderBook('BTC/USDT:USDT', { depth: 50 });
    await sub.ready;
    await until(() => sub.latest !== undefined, 'first book');
    const venueBest = sim.venue.book('BTC/USDT:USDT', 1).bids[0]![0];
    sim.venue.changeBook('BTC/USDT:USDT', [{ side: 'bid', price: venueBest, size: '0' }]);
    const venueTop = (): string => Number(sim.venue.book('BTC/USDT:USDT', 1).bids[0]![0]).toString();
    await until(() => sub.latest?.bids[0]?.price.toString() === venueTop(), 'book matches the venue');
    await sub.close();
  });

  it('orders stream reports a placed order', async () => {
    const sub = ex.streams.orders('BTC/USDT:USDT');
    await sub.ready;
    const seen: string[] = [];
    sub.onItem((o) => seen.push(`${o.id}:${o.status}`));
    const price = sim.venue.ticker('BTC/USDT:USDT').bid!.minus(2000).toFixed(1);
    const placed = await ex.placeOrder({ symbol: 'BTC/USDT:USDT', side: 'buy', type: 'limit', amount: '0.001', price });
    await until(() => seen.includes(`${placed.id}:open`), 'open order on the stream');
    await ex.cancelOrder({ symbol: 'BTC/USDT:USDT', id: placed.id });
    await until(() => seen.includes(`${placed.id}:canceled`), 'canceled order on the stream');
    await sub.close();
  });
});
