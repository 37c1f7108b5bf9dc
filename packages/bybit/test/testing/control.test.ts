/** VenueControl from the front (limits, request log, sockets, reset) and the wire-level faults. */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tradeAuthResponseSchema, tradePongSchema, tradeResponseSchema } from '../../src/ws/schemas/trade.js';
import { wsKlineFrameSchema, wsTickerFrameSchema, wsTradeFrameSchema } from '../../src/ws/schemas/public.js';
import { startBybitSimulator, type BybitSimulator } from '../../src/testing/index.js';
import { call, until } from './helpers.js';

let sim: BybitSimulator;

beforeAll(async () => {
  sim = await startBybitSimulator({ seed: 'control', enforceLimits: false });
});
afterAll(async () => {
  await sim.close();
});

type Frame = Record<string, unknown>;

async function open(url: string): Promise<{ ws: WebSocket; frames: Frame[] }> {
  const ws = new WebSocket(url);
  const frames: Frame[] = [];
  ws.on('message', (raw) => {
    try {
      frames.push(JSON.parse(String(raw)) as Frame);
    } catch {
      frames.push({ unparseable: String(raw) });
    }
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, frames };
}

describe('VenueControl', () => {
  it('limits() names the receive window and the per-endpoint buckets', async () => {
    const limits = await sim.control.limits();
    expect(limits.receiveWindowMs).toBe(5000);
    expect(limits.buckets.find((b) => b.operations?.includes('placeOrder'))).toMatchObject({ scope: 'endpoint', limit: 10, windowMs: 1000 });
    expect(sim.control.faults).toContain('rateLimitWindow');
  });

  it('enforceLimits:false only counts; the enforceRateLimits fault turns refusals on', async () => {
    const body = { category: 'linear', symbol: 'BTCUSDT', orderId: 'nope' };
    const free = await Promise.all(Array.from({ length: 12 }, () => call(sim, 'POST', '/v5/order/cancel', body, true)));
    expect(free.every((r) => r.body.retCode === 110001)).toBe(true);
    expect(free.some((r) => r.headers.get('x-bapi-limit-status') === '0')).toBe(true);
    await sim.control.fault({ kind: 'enforceRateLimits' });
    await new Promise((r) => setTimeout(r, 1_050));
    const enforced = await Promise.all(Array.from({ length: 11 }, () => call(sim, 'POST', '/v5/order/cancel', body, true)));
    expect(enforced.filter((r) => r.body.retCode === 10006)).toHaveLength(1);
    await sim.control.clearFaults();
  });

  it('rateLimitWindow → 10006 with the reset timestamp; unavailableWindow → HTTP 503; errorCode; dropResponse', async () => {
    await sim.control.fault({ kind: 'rateLimitWindow', durationMs: 60_000, retryAfter: true });
    const limited = await call(sim, 'GET', '/v5/market/tickers', { category: 'linear', symbol: 'BTCUSDT' });
    expect(limited.body.retCode).toBe(10006);
    expect(Number(limited.headers.get('x-bapi-limit-reset-timestamp'))).toBeGreaterThan(limited.body.time);
    await sim.control.clearFaults();
    await sim.control.fault({ kind: 'unavailableWindow', durationMs: 60_000 });
    expect((await call(sim, 'GET', '/v5/market/time')).status).toBe(503);
    await sim.control.clearFaults();
    await sim.control.fault({ kind: 'errorCode', code: 10016, operation: 'fetchTicker', times: 1 });
    expect((await call(sim, 'GET', '/v5/market/tickers', { category: 'linear' })).body.retCode).toBe(0);
    const injected = await call(sim, 'GET', '/v5/market/tickers', { category: 'linear', symbol: 'BTCUSDT' });
    expect(injected.body.retCode).toBe(10016);
    expect((await call(sim, 'GET', '/v5/market/tickers', { category: 'linear', symbol: 'BTCUSDT' })).body.retCode).toBe(0);
    await sim.control.clearFaults();
    await sim.control.fault({ kind: 'dropResponse', operation: 'fetchServerTime' });
    await expect(call(sim, 'GET', '/v5/market/time')).rejects.toThrow();
    expect((await call(sim, 'GET', '/v5/market/time')).body.retCode).toBe(0);
  });

  it('clockSkew moves the signature window', async () => {
    await sim.control.fault({ kind: 'clockSkew', offsetMs: 30_000 });
    expect((await call(sim, 'GET', '/v5/account/wallet-balance', { accountType: 'UNIFIED' }, true)).body.retCode).toBe(10002);
    expect((await call(sim, 'GET', '/v5/account/wallet-balance', { accountType: 'UNIFIED' }, { skewMs: 30_000 })).body.retCode).toBe(0);
    await sim.control.clearFaults();
  });

  it('connections() records sockets, heartbeats and logins; reset() clears the log and drops sockets', async () => {
    const { ws, frames } = await open(sim.wsPublicUrl('spot'));
    ws.send(JSON.stringify({ op: 'ping' }));
    await until(() => frames.length > 0, 'pong');
    expect(frames[0]).toMatchObject({ success: true, ret_msg: 'pong', op: 'ping' });
    const conns = await sim.control.connections();
    expect(conns.some((c) => c.scope === 'public' && c.heartbeats.length === 1)).toBe(true);
    const closed = new Promise((r) => ws.once('close', r));
    await sim.control.reset();
    await closed;
    expect(await sim.control.receivedRequests()).toHaveLength(0);
  });
});

describe('public frames (spot and linear topics)', () => {
  it('tickers, publicTrade and kline frames validate against the adapter schemas', async () => {
    const { ws, frames } = await open(sim.wsPublicUrl('linear'));
    ws.send(JSON.stringify({ op: 'subscribe', req_id: 'x', args: ['tickers.BTCUSDT', 'publicTrade.BTCUSDT', 'kline.1.BTCUSDT'] }));
    await until(() => frames.some((f) => f['topic'] === 'tickers.BTCUSDT'), 'ticker snapshot');
    const last = sim.venue.ticker('BTC/USDT:USDT').last.toFixed();
    sim.venue.printTrades('BTC/USDT:USDT', [{ price: last, size: '0.001', side: 'sell' }]);
    await until(() => frames.some((f) => f['topic'] === 'publicTrade.BTCUSDT') && frames.some((f) => f['topic'] === 'kline.1.BTCUSDT'), 'trade and kline');
    expect(frames.find((f) => f['topic'] === 'tickers.BTCUSDT')).toMatchObject({ type: 'snapshot' });
    for (const f of frames) {
      const topic = String(f['topic'] ?? '');
      const schema = topic.startsWith('tickers') ? wsTickerFrameSchema : topic.startsWith('publicTrade') ? wsTradeFrameSchema : topic.startsWith('kline') ? wsKlineFrameSchema : undefined;
      if (schema === undefined) continue;
      const parsed = schema.safeParse(f);
      expect(parsed.success, `${topic}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
    const mine = (f: Frame): boolean => f['topic'] === 'publicTrade.BTCUSDT' && (f['data'] as Array<Record<string, unknown>>).some((d) => d['S'] === 'Sell' && d['v'] === '0.001' && Number(d['p']) === Number(last));
    await until(() => frames.some(mine), 'our trade on the stream');
    ws.close();
  });
});

describe('trade stream (/v5/trade)', () => {
  it('auth, ping, order.create / order.cancel with reqId and limit headers; stale header → 10002', async () => {
    const { ws, frames } = await open(sim.wsTradeUrl);
    const expires = Date.now() + 10_000;
    const sig = createHmac('sha256', sim.apiSecret).update(`GET/realtime${expires}`).digest('hex');
    ws.send(JSON.stringify({ reqId: 'auth-1', op: 'auth', args: [sim.apiKey, expires, sig] }));
    await until(() => frames.some((f) => f['op'] === 'auth'), 'auth');
    expect(tradeAuthResponseSchema.parse(frames[0])).toMatchObject({ retCode: 0, op: 'auth' });
    ws.send(JSON.stringify({ op: 'ping' }));
    await until(() => frames.some((f) => f['op'] === 'pong'), 'pong');
    expect(tradePongSchema.safeParse(frames.find((f) => f['op'] === 'pong')).success).toBe(true);
    const price = sim.venue.ticker('BTC/USDT:USDT').bid!.minus(1000).toFixed(1);
    const header = (): Record<string, string> => ({ 'X-BAPI-TIMESTAMP': String(Date.now()), 'X-BAPI-RECV-WINDOW': '5000' });
    ws.send(JSON.stringify({ reqId: 'c-1', header: header(), op: 'order.create', args: [{ category: 'linear', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit', qty: '0.001', price }] }));
    await until(() => frames.some((f) => f['reqId'] === 'c-1'), 'create reply');
    const created = tradeResponseSchema.parse(frames.find((f) => f['reqId'] === 'c-1'));
    expect(created).toMatchObject({ retCode: 0, op: 'order.create' });
    const orderId = (created.data as { orderId: string }).orderId;
    expect(sim.venue.order(sim.venue.defaultAccountId, { orderId })?.status).toBe('open');
    ws.send(JSON.stringify({ reqId: 'x-1', header: header(), op: 'order.cancel', args: [{ category: 'linear', symbol: 'BTCUSDT', orderId }] }));
    await until(() => frames.some((f) => f['reqId'] === 'x-1'), 'cancel reply');
    expect(frames.find((f) => f['reqId'] === 'x-1')).toMatchObject({ retCode: 0, header: { 'X-Bapi-Limit': '10' } });
    ws.send(JSON.stringify({ reqId: 'x-1', header: header(), op: 'order.cancel', args: [{ category: 'linear', symbol: 'BTCUSDT', orderId }] }));
    await until(() => frames.filter((f) => f['reqId'] === 'x-1').length === 2, 'duplicate reqId');
    expect(frames.filter((f) => f['reqId'] === 'x-1')[1]).toMatchObject({ retCode: 20006 });
    ws.send(JSON.stringify({ reqId: 's-1', header: { 'X-BAPI-TIMESTAMP': String(Date.now() - 60_000) }, op: 'order.cancel', args: [{ category: 'linear', symbol: 'BTCUSDT', orderId }] }));
    await until(() => frames.some((f) => f['reqId'] === 's-1'), 'stale reply');
    expect(frames.find((f) => f['reqId'] === 's-1')).toMatchObject({ retCode: 10002 });
    ws.close();
  });
});
