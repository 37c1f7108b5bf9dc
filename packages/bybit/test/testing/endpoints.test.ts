/**
 * The simulator's REST answers validate against the adapter's own wire schemas, endpoint by
 * endpoint, and its refusals carry Bybit's retCodes (reference §2–§5).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { envelopeSchema } from '../../src/rest/envelope.js';
import { positionListResponseSchema, emptyResponseSchema, walletBalanceResponseSchema } from '../../src/rest/schemas/account.js';
import {
  fundingHistoryResponseSchema,
  klineResponseSchema,
  linearInstrumentsResponseSchema,
  orderBookResponseSchema,
  recentTradesResponseSchema,
  serverTimeResponseSchema,
  spotInstrumentsResponseSchema,
  tickersResponseSchema,
} from '../../src/rest/schemas/market.js';
import { cancelAllResponseSchema, executionListResponseSchema, orderAckResponseSchema, orderListResponseSchema } from '../../src/rest/schemas/trade.js';
import { updateId } from '../../src/testing/format.js';
import { startBybitSimulator, type BybitSimulator } from '../../src/testing/index.js';
import { call, type WireReply } from './helpers.js';

let sim: BybitSimulator;

beforeAll(async () => {
  sim = await startBybitSimulator({ seed: 'endpoints' });
});
afterAll(async () => {
  await sim.close();
});

function valid<T extends z.ZodType>(reply: WireReply, schema: T): z.infer<T> {
  expect(reply.status).toBe(200);
  expect(envelopeSchema.parse(reply.body)).toMatchObject({ retCode: 0, retMsg: 'OK' });
  expect(reply.body.retExtInfo).toEqual({});
  const parsed = schema.safeParse(reply.body);
  if (!parsed.success) throw new Error(`${JSON.stringify(parsed.error.issues.slice(0, 3))}\n${JSON.stringify(reply.body).slice(0, 800)}`);
  return parsed.data;
}

describe('market endpoints', () => {
  it('GET /v5/market/time', async () => {
    valid(await call(sim, 'GET', '/v5/market/time'), serverTimeResponseSchema);
  });

  it('GET /v5/market/instruments-info (linear, paged; spot)', async () => {
    const first = valid(await call(sim, 'GET', '/v5/market/instruments-info', { category: 'linear', limit: 2 }), linearInstrumentsResponseSchema);
    expect(first.result.list).toHaveLength(2);
    expect(first.result.nextPageCursor).not.toBe('');
    const second = valid(await call(sim, 'GET', '/v5/market/instruments-info', { category: 'linear', limit: 2, cursor: first.result.nextPageCursor! }), linearInstrumentsResponseSchema);
    expect(second.result.list[0]!.symbol).not.toBe(first.result.list[0]!.symbol);
    const btc = first.result.list.find((r) => r.symbol === 'BTCUSDT')!;
    expect(btc.priceFilter.tickSize.toString()).toBe('0.1');
    const spot = valid(await call(sim, 'GET', '/v5/market/instruments-info', { category: 'spot' }), spotInstrumentsResponseSchema);
    expect(spot.result.list.map((r) => r.symbol)).toContain('BTCUSDT');
  });

  it('GET /v5/market/tickers (linear one symbol, spot all)', async () => {
    const linear = valid(await call(sim, 'GET', '/v5/market/tickers', { category: 'linear', symbol: 'BTCUSDT' }), tickersResponseSchema);
    expect(linear.result.list).toHaveLength(1);
    expect(linear.result.list[0]!.markPrice).toBeDefined();
    const spot = valid(await call(sim, 'GET', '/v5/market/tickers', { category: 'spot' }), tickersResponseSchema);
    expect(spot.result.list.length).toBeGreaterThan(1);
  });

  it('GET /v5/market/orderbook: bids descending, asks ascending, u', async () => {
    const ob = valid(await call(sim, 'GET', '/v5/market/orderbook', { category: 'linear', symbol: 'BTCUSDT', limit: 50 }), orderBookResponseSchema);
    const bids = ob.result.b.map(([p]) => Number(p));
    const asks = ob.result.a.map(([p]) => Number(p));
    expect(bids.length).toBeGreaterThan(0);
    expect([...bids].sort((x, y) => y - x)).toEqual(bids);
    expect([...asks].sort((x, y) => x - y)).toEqual(asks);
    expect(bids[0]!).toBeLessThan(asks[0]!);
    // `u` is the engine's book sequence offset so that no update reads as Bybit's restart id 1 (format.ts updateId)
    expect(ob.result.u).toBeGreaterThan(1);
    expect(ob.result.u).toBeLessThanOrEqual(updateId(sim.venue.book('BTC/USDT:USDT', 1).seq));
  });

  it('GET /v5/market/kline: newest first, 7 strings', async () => {
    const k = valid(await call(sim, 'GET', '/v5/market/kline', { category: 'linear', symbol: 'BTCUSDT', interval: '60', limit: 5 }), klineResponseSchema);
    expect(k.result.list).toHaveLength(5);
    expect(k.result.list[0]!.start).toBeGreaterThan(k.result.list[1]!.start);
  });

  it('GET /v5/market/recent-trade and /v5/market/funding/history', async () => {
    sim.venue.printTrades('BTC/USDT:USDT', [{ price: String(sim.venue.ticker('BTC/USDT:USDT').last.toFixed()), size: '0.001', side: 'buy' }]);
    const t = valid(await call(sim, 'GET', '/v5/market/recent-trade', { category: 'linear', symbol: 'BTCUSDT', limit: 10 }), recentTradesResponseSchema);
    expect(t.result.list.length).toBeGreaterThan(0);
    valid(await call(sim, 'GET', '/v5/market/funding/history', { category: 'linear', symbol: 'BTCUSDT' }), fundingHistoryResponseSchema);
  });

  it('unknown symbol → 10001, unknown path → HTTP 404', async () => {
    const r = await call(sim, 'GET', '/v5/market/tickers', { category: 'linear', symbol: 'NOPEUSDT' });
    expect(r.body.retCode).toBe(10001);
    const n = await call(sim, 'GET', '/v5/market/nothing');
    expect(n.status).toBe(404);
  });
});

describe('private endpoints', () => {
  it('GET /v5/account/wallet-balance carries X-Bapi-Limit headers', async () => {
    const r = await call(sim, 'GET', '/v5/account/wallet-balance', { accountType: 'UNIFIED' }, true);
    const w = valid(r, walletBalanceResponseSchema);
    expect(w.result.list[0]!.coin.map((c) => c.coin)).toContain('USDT');
    expect(r.headers.get('x-bapi-limit')).toBe('50');
    expect(Number(r.headers.get('x-bapi-limit-status'))).toBeLessThan(50);
    expect(Number(r.headers.get('x-bapi-limit-reset-timestamp'))).toBeGreaterThan(0);
  });

  it('position list, set-leverage (then 110043 when unchanged)', async () => {
    valid(await call(sim, 'GET', '/v5/position/list', { category: 'linear', symbol: 'BTCUSDT' }, true), positionListResponseSchema);
    valid(await call(sim, 'GET', '/v5/position/list', { category: 'linear', settleCoin: 'USDT' }, true), positionListResponseSchema);
    const body = { category: 'linear', symbol: 'BTCUSDT', buyLeverage: '7', sellLeverage: '7' };
    valid(await call(sim, 'POST', '/v5/position/set-leverage', body, true), emptyResponseSchema);
    expect((await call(sim, 'POST', '/v5/position/set-leverage', body, true)).body.retCode).toBe(110043);
  });

  it('create → realtime → amend → cancel → history; cancel-all; market fill → execution list and position', async () => {
    const bid = sim.venue.ticker('BTC/USDT:USDT').bid!;
    const price = bid.minus(500).toFixed(1);
    const created = valid(
      await call(sim, 'POST', '/v5/order/create', { category: 'linear', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit', qty: '0.010', price, timeInForce: 'GTC', positionIdx: 0, orderLinkId: 'sim-e-1' }, true),
      orderAckResponseSchema,
    );
    expect(created.result.orderLinkId).toBe('sim-e-1');
    const open = valid(await call(sim, 'GET', '/v5/order/realtime', { category: 'linear', symbol: 'BTCUSDT' }, true), orderListResponseSchema);
    const row = open.result.list.find((o) => o.orderId === created.result.orderId)!;
    expect(row.orderStatus).toBe('New');
    expect(row.price?.toString()).toBe(Number(price).toString());
    valid(await call(sim, 'POST', '/v5/order/amend', { category: 'linear', symbol: 'BTCUSDT', orderId: created.result.orderId, qty: '0.020' }, true), orderAckResponseSchema);
    valid(await call(sim, 'POST', '/v5/order/cancel', { category: 'linear', symbol: 'BTCUSDT', orderLinkId: 'sim-e-1' }, true), orderAckResponseSchema);
    const again = await call(sim, 'POST', '/v5/order/cancel', { category: 'linear', symbol: 'BTCUSDT', orderId: created.result.orderId }, true);
    expect(again.body.retCode).toBe(110001);
    const hist = valid(await call(sim, 'GET', '/v5/order/history', { category: 'linear', symbol: 'BTCUSDT' }, true), orderListResponseSchema);
    expect(hist.result.list.find((o) => o.orderId === created.result.orderId)?.orderStatus).toBe('Cancelled');
    const byId = valid(await call(sim, 'GET', '/v5/order/realtime', { category: 'linear', orderId: created.result.orderId }, true), orderListResponseSchema);
    expect(byId.result.list[0]?.orderStatus).toBe('Cancelled');

    valid(await call(sim, 'POST', '/v5/order/create', { category: 'linear', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit', qty: '0.001', price }, true), orderAckResponseSchema);
    const all = valid(await call(sim, 'POST', '/v5/order/cancel-all', { category: 'linear', settleCoin: 'USDT' }, true), cancelAllResponseSchema);
    expect(all.result.list).toHaveLength(1);

    const mkt = valid(await call(sim, 'POST', '/v5/order/create', { category: 'linear', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Market', qty: '0.002' }, true), orderAckResponseSchema);
    const ex = valid(await call(sim, 'GET', '/v5/execution/list', { category: 'linear', symbol: 'BTCUSDT' }, true), executionListResponseSchema);
    expect(ex.result.list.some((e) => e.orderId === mkt.result.orderId && e.isMaker === false)).toBe(true);
    const pos = valid(await call(sim, 'GET', '/v5/position/list', { category: 'linear', symbol: 'BTCUSDT' }, true), positionListResponseSchema);
    expect(pos.result.list[0]).toMatchObject({ side: 'Buy' });
    expect(pos.result.list[0]!.size.toString()).toBe('0.002');

    const spot = valid(await call(sim, 'POST', '/v5/order/create', { category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Market', qty: '20' }, true), orderAckResponseSchema);
    const spotEx = valid(await call(sim, 'GET', '/v5/execution/list', { category: 'spot', symbol: 'BTCUSDT' }, true), executionListResponseSchema);
    expect(spotEx.result.list.some((e) => e.orderId === spot.result.orderId)).toBe(true);
  });

  it('refusals map to Bybit codes: off-tick spot price 170134, insufficient 110007, bad positionIdx 10001', async () => {
    const spot = await call(sim, 'POST', '/v5/order/create', { category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit', qty: '0.001', price: '1000.05' }, true);
    expect(spot.body.retCode).toBe(170134);
    const big = await call(sim, 'POST', '/v5/order/create', { category: 'linear', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit', qty: '1000', price: sim.venue.ticker('BTC/USDT:USDT').bid!.toFixed(1) }, true);
    expect(big.body.retCode).toBe(110007);
    const idx = await call(sim, 'POST', '/v5/order/create', { category: 'linear', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Market', qty: '0.001', positionIdx: 1 }, true);
    expect(idx.body.retCode).toBe(10001);
  });
});

describe('authentication and limits', () => {
  it('bad sign → 10004, stale timestamp → 10002, unknown key → 10003 (HTTP 200)', async () => {
    const q = { accountType: 'UNIFIED' };
    const bad = await call(sim, 'GET', '/v5/account/wallet-balance', q, { sign: '0'.repeat(64) });
    expect(bad.status).toBe(200);
    expect(bad.body.retCode).toBe(10004);
    expect(bad.body.retMsg).toMatch(/^error sign!/);
    const stale = await call(sim, 'GET', '/v5/account/wallet-balance', q, { skewMs: -10_000 });
    expect(stale.body.retCode).toBe(10002);
    const future = await call(sim, 'GET', '/v5/account/wallet-balance', q, { skewMs: 2_000 });
    expect(future.body.retCode).toBe(10002);
    const wide = await call(sim, 'GET', '/v5/account/wallet-balance', q, { skewMs: -10_000, recvWindow: '20000' });
    expect(wide.body.retCode).toBe(0);
    const unknown = await call(sim, 'GET', '/v5/account/wallet-balance', q, { apiKey: 'no-such-key' });
    expect(unknown.body.retCode).toBe(10003);
    const unsigned = await call(sim, 'GET', '/v5/account/wallet-balance', q);
    expect(unsigned.body.retCode).toBe(10003);
    const upper = await call(sim, 'POST', '/v5/order/cancel-all', { category: 'spot' }, true);
    expect(upper.body.retCode).toBe(0);
  });

  it('per-UID endpoint limit: the 11th cancel in a second → 10006 with a reset timestamp', async () => {
    const body = { category: 'linear', symbol: 'BTCUSDT', orderId: 'nope' };
    const fresh = await sim.control.createApiKey({ permissions: ['read', 'trade'], freshAccount: true, wallet: { USDT: '1000' } });
    const replies = await Promise.all(Array.from({ length: 11 }, () => call(sim, 'POST', '/v5/order/cancel', body, fresh)));
    const codes = replies.map((r) => r.body.retCode).sort();
    expect(codes.filter((c) => c === 110001)).toHaveLength(10);
    const limited = replies.find((r) => r.body.retCode === 10006)!;
    expect(limited.body.retMsg).toBe('Too many visits!');
    expect(limited.headers.get('x-bapi-limit')).toBe('10');
    expect(limited.headers.get('x-bapi-limit-status')).toBe('0');
    expect(Number(limited.headers.get('x-bapi-limit-reset-timestamp'))).toBeGreaterThanOrEqual(limited.body.time);
  });

  it('the request log records operations, keys, signatures and refusals', async () => {
    const log = await sim.control.receivedRequests();
    expect(log.some((r) => r.operation === 'placeOrder' && r.order?.nativeId === 'BTCUSDT' && r.signature !== undefined)).toBe(true);
    expect(log.some((r) => r.rejected === 'authentication' && r.code === 10004)).toBe(true);
    expect(log.some((r) => r.rejected === 'rateLimit')).toBe(true);
  });
});
