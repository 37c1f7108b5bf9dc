/**
 * Walks every REST endpoint of the simulator and parses each answer with the adapter's own schemas; checks the
 * envelope, the signature/key codes, parameter refusals and rate limits against bitunix.md §2–§5.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { accountSchema, changeLeverageSchema, changeMarginModeSchema, changePositionModeSchema, leverageMarginModeSchema } from '../../src/rest/schemas/account.js';
import { depthSchema, fundingRateHistorySchema, fundingRatesSchema, klinesSchema, tickersSchema, tradingPairsSchema } from '../../src/rest/schemas/market.js';
import { batchResultSchema, historyTradesSchema, orderAckSchema, orderListSchema, orderSchema } from '../../src/rest/schemas/order.js';
import { historyPositionsSchema, pendingPositionsSchema } from '../../src/rest/schemas/position.js';
import { tpslHistorySchema, tpslPendingSchema } from '../../src/rest/schemas/tpsl.js';
import { startBitunixSimulator, ROUTES, type BitunixSimulator } from '../../src/testing/index.js';
import { call, type Envelope } from './helpers.js';

let sim: BitunixSimulator;
let key: { apiKey: string; apiSecret: string };
const covered = new Set<string>();

const M = '/api/v1/futures/market';
const T = '/api/v1/futures/trade';

async function ok<S extends z.ZodType>(method: 'GET' | 'POST', path: string, params: Record<string, unknown>, schema: S | undefined, signed = true): Promise<z.output<S>> {
  covered.add(`${method} ${path}`);
  const env = await call(sim.restUrl, method, path, params, signed ? key : undefined);
  expect(env, `${path} ${JSON.stringify(env)}`).toMatchObject({ code: 0, msg: 'Success' });
  return (schema === undefined ? env.data : schema.parse(env.data)) as z.output<S>;
}

async function refused(method: 'GET' | 'POST', path: string, params: Record<string, unknown>, signed = true): Promise<Envelope> {
  covered.add(`${method} ${path}`);
  const env = await call(sim.restUrl, method, path, params, signed ? key : undefined);
  expect(env.code).not.toBe(0);
  expect(env.data).toBeNull();
  return env;
}

beforeAll(async () => {
  sim = await startBitunixSimulator({ seed: 'endpoints', enforceRateLimits: false });
  key = { apiKey: sim.apiKey, apiSecret: sim.apiSecret };
  sim.venue.freeze(true);
});
afterAll(async () => {
  await sim.close();
});

describe('simulator REST answers parse with the adapter schemas', () => {
  it('public market data', async () => {
    const pairs = await ok('GET', `${M}/trading_pairs`, {}, tradingPairsSchema, false);
    const btc = pairs.find((p) => p.symbol === 'BTCUSDT')!;
    expect([btc.quotePrecision, btc.basePrecision, btc.symbolStatus]).toEqual([1, 3, 'OPEN']);
    expect((await ok('GET', `${M}/trading_pairs`, { symbols: 'BTCUSDT,ETHUSDT' }, tradingPairsSchema, false)).map((p) => p.symbol)).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect((await ok('GET', `${M}/tickers`, { symbols: 'BTCUSDT' }, tickersSchema, false))[0]?.symbol).toBe('BTCUSDT');
    const depth = await ok('GET', `${M}/depth`, { symbol: 'BTCUSDT', limit: '5' }, depthSchema, false);
    expect(depth.bids).toHaveLength(5);
    expect(depth.asks[0]![0].gt(depth.bids[0]![0])).toBe(true);
    const raw = await call(sim.restUrl, 'GET', `${M}/depth`, { symbol: 'btcusdt', limit: '1' });
    expect(typeof ((raw.data as { bids: unknown[][] }).bids[0]![0])).toBe('string');
    const klines = await ok('GET', `${M}/kline`, { symbol: 'BTCUSDT', interval: '1m', limit: 10 }, klinesSchema, false);
    expect(klines).toHaveLength(10);
    expect(klines[1]!.time - klines[0]!.time).toBe(60_000);
    const from = await ok('GET', `${M}/kline`, { symbol: 'BTCUSDT', interval: '1h', startTime: klines[0]!.time - 5 * 3_600_000, limit: 3 }, klinesSchema, false);
    expect(from).toHaveLength(3);
    expect(await ok('GET', `${M}/kline`, { symbol: 'BTCUSDT', interval: '8h' }, klinesSchema, false)).toEqual([]);
    expect((await ok('GET', `${M}/funding_rate`, { symbol: 'BTCUSDT' }, fundingRatesSchema, false))[0]?.fundingInterval).toBe(8);
    expect((await ok('GET', `${M}/funding_rate/batch`, {}, fundingRatesSchema, false)).length).toBeGreaterThan(1);
    await ok('GET', `${M}/get_funding_rate_history`, { symbol: 'BTCUSDT' }, fundingRateHistorySchema, false);
    expect(await ok('GET', '/api/v1/futures/position/get_position_tiers', { symbol: 'BTCUSDT' }, undefined, false)).toHaveLength(1);
  });

  it('account, trading and queries', async () => {
    const acct = await ok('GET', '/api/v1/futures/account', { marginCoin: 'USDT' }, accountSchema);
    expect(acct.available.gt(0)).toBe(true);
    expect((await ok('GET', '/api/v1/futures/account/get_leverage_margin_mode', { symbol: 'BTCUSDT', marginCoin: 'USDT' }, leverageMarginModeSchema)).marginMode).toBe('CROSS');
    expect((await ok('POST', '/api/v1/futures/account/change_leverage', { symbol: 'BTCUSDT', leverage: 12, marginCoin: 'USDT' }, changeLeverageSchema)).leverage.toFixed()).toBe('12');
    await ok('POST', '/api/v1/futures/account/change_margin_mode', { marginMode: 'CROSS', symbol: 'BTCUSDT', marginCoin: 'USDT' }, changeMarginModeSchema);
    await ok('POST', '/api/v1/futures/account/change_position_mode', { positionMode: 'ONE_WAY' }, changePositionModeSchema);

    const book = sim.venue.book('BTC/USDT:USDT', 5);
    const bid = (Number(book.bids[4]![0]) - 100).toFixed(1);
    const ack = await ok('POST', `${T}/place_order`, { symbol: 'BTCUSDT', side: 'BUY', orderType: 'LIMIT', qty: '0.01', price: bid, effect: 'GTC', clientId: 'ep1' }, orderAckSchema);
    expect(ack.clientId).toBe('ep1');
    const dup = await refused('POST', `${T}/place_order`, { symbol: 'BTCUSDT', side: 'BUY', orderType: 'LIMIT', qty: '0.01', price: bid, clientId: 'ep1' });
    expect(dup.code).toBe(30042);
    const detail = await ok('GET', `${T}/get_order_detail`, { orderId: ack.orderId }, orderSchema);
    expect([detail.status, detail.qty.toFixed(), detail.side]).toEqual(['NEW', '0.01', 'BUY']);
    expect((await ok('GET', `${T}/get_pending_orders`, { symbol: 'BTCUSDT' }, orderListSchema)).orderList.map((o) => o.orderId)).toEqual([ack.orderId]);
    await ok('POST', `${T}/modify_order`, { orderId: ack.orderId, qty: '0.02', price: bid }, orderAckSchema);
    expect((await ok('GET', `${T}/get_order_detail`, { clientId: 'ep1' }, orderSchema)).qty.toFixed()).toBe('0.02');
    const batch = await ok('POST', `${T}/batch_order`, { symbol: 'BTCUSDT', orderList: [{ side: 'BUY', orderType: 'LIMIT', qty: '0.01', price: bid, clientId: 'ep2' }, { side: 'BUY', orderType: 'LIMIT', qty: '0.0001', price: bid }] }, batchResultSchema);
    expect([batch.successList.length, batch.failureList[0]?.errorCode]).toEqual([1, 10008]);
    const cancel = await ok('POST', `${T}/cancel_orders`, { symbol: 'BTCUSDT', orderList: [{ orderId: ack.orderId }, { clientId: 'nope' }] }, batchResultSchema);
    expect([cancel.successList[0]?.orderId, cancel.failureList[0]?.errorCode]).toEqual([ack.orderId, 20007]);
    expect((await ok('POST', `${T}/cancel_all_orders`, { symbol: 'BTCUSDT' }, batchResultSchema)).successList).toHaveLength(1);
    const history = await ok('GET', `${T}/get_history_orders`, { symbol: 'BTCUSDT', queryCanceled: true }, orderListSchema);
    expect(history.orderList.map((o) => o.status)).toEqual(['CANCELED', 'CANCELED']);

    // a market buy fills: a position, fills, then closes
    await ok('POST', `${T}/place_order`, { symbol: 'BTCUSDT', side: 'BUY', orderType: 'MARKET', qty: '0.01' }, orderAckSchema);
    const positions = await ok('GET', '/api/v1/futures/position/get_pending_positions', { symbol: 'BTCUSDT' }, pendingPositionsSchema);
    expect([positions[0]?.side, positions[0]?.qty.toFixed()]).toEqual(['LONG', '0.01']);
    const trades = await ok('GET', `${T}/get_history_trades`, { symbol: 'BTCUSDT' }, historyTradesSchema);
    expect(trades.tradeList[0]?.roleType).toBe('TAKER');
    expect((await ok('GET', `${T}/get_history_orders`, { symbol: 'BTCUSDT' }, orderListSchema)).orderList[0]?.status).toBe('FILLED');
    await ok('GET', '/api/v1/futures/position/get_history_positions', {}, historyPositionsSchema);
    expect((await refused('POST', '/api/v1/futures/tpsl/place_order', { symbol: 'BTCUSDT', positionId: 'nope', tpPrice: '1', tpQty: '0.01' })).code).toBe(30004);
    await refused('POST', '/api/v1/futures/tpsl/position/place_order', { symbol: 'BTCUSDT', positionId: positions[0]!.positionId, tpPrice: '1' });
    await refused('POST', '/api/v1/futures/tpsl/position/modify_order', { symbol: 'BTCUSDT', positionId: 'nope', tpPrice: '1' });
    expect((await refused('POST', '/api/v1/futures/tpsl/modify_order', { orderId: '1', tpPrice: '1' })).code).toBe(20007);
    expect((await refused('POST', '/api/v1/futures/tpsl/cancel_order', { symbol: 'BTCUSDT', orderId: '1' })).code).toBe(20007);
    await ok('GET', '/api/v1/futures/tpsl/get_pending_orders', { symbol: 'BTCUSDT' }, tpslPendingSchema);
    await ok('GET', '/api/v1/futures/tpsl/get_history_orders', {}, tpslHistorySchema);
    expect((await refused('POST', '/api/v1/futures/account/adjust_position_margin', { symbol: 'ETHUSDT', marginCoin: 'USDT', amount: '1', side: 'LONG' })).code).toBe(30004);
    expect(await ok('POST', `${T}/flash_close_position`, { positionId: positions[0]!.positionId }, undefined)).toEqual({ positionId: positions[0]!.positionId });
    expect(await ok('GET', '/api/v1/futures/position/get_pending_positions', {}, pendingPositionsSchema)).toEqual([]);
    expect(await ok('POST', `${T}/close_all_position`, {}, undefined)).toBe('');
  });

  it('covers every route', () => {
    expect(ROUTES.map((r) => `${r.method} ${r.path}`).filter((r) => !covered.has(r))).toEqual([]);
  });
});

describe('simulator refusals use the venue codes', () => {
  it('envelope errors', async () => {
    expect(await call(sim.restUrl, 'GET', '/api/v1/futures/nope')).toEqual({ code: 404, data: null, msg: 'Not Found' });
    expect((await call(sim.restUrl, 'GET', `${M}/depth`, {})).code).toBe(1);
    const bad = await call(sim.restUrl, 'GET', `${M}/depth`, { symbol: 'BTCUSDT', limit: '20' });
    expect(bad).toEqual({ code: 10008, data: null, msg: 'Parameter 20 does not match, alternative value ["1","5","15","50","max"].' });
    expect((await call(sim.restUrl, 'GET', `${M}/trading_pairs`, { symbols: 'NOPEUSDT' })).code).toBe(20015);
  });

  it('authentication: missing key 10003, bad signature 10007, read-only key 403, headers case-insensitive', async () => {
    expect((await call(sim.restUrl, 'GET', '/api/v1/futures/account', { marginCoin: 'USDT' })).code).toBe(10003);
    expect((await call(sim.restUrl, 'GET', '/api/v1/futures/account', { marginCoin: 'USDT' }, { ...key, apiSecret: 'wrong' })).code).toBe(10007);
    const upper = await call(sim.restUrl, 'GET', '/api/v1/futures/account', { marginCoin: 'USDT' }, key, (h) => {
      for (const k of ['api-key', 'nonce', 'timestamp', 'sign']) {
        h[k.replace(/(^|-)([a-z])/g, (_m, a: string, b: string) => a + b.toUpperCase())] = h[k]!;
        delete h[k];
      }
    });
    expect(upper.code).toBe(0);
    const ro = sim.venue.createApiKey({ permissions: ['read'] });
    const env = await call(sim.restUrl, 'POST', `${T}/cancel_all_orders`, {}, { apiKey: ro.apiKey, apiSecret: ro.apiSecret });
    expect(env).toEqual({ code: 403, data: null, msg: 'This API key does not support this operation' });
  });

  it('rate limits: 10/s per IP on a public endpoint → 10006', async () => {
    const limited = await startBitunixSimulator({ seed: 'limits' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 12; i += 1) codes.push((await call(limited.restUrl, 'GET', `${M}/tickers`, { symbols: 'BTCUSDT' })).code);
      expect(codes.slice(0, 10).every((c) => c === 0)).toBe(true);
      expect(codes.slice(10)).toEqual([10006, 10006]);
      const reqs = await limited.control.receivedRequests();
      expect(reqs.at(-1)).toMatchObject({ operation: 'fetchTicker', rejected: 'rateLimit', code: 10006 });
    } finally {
      await limited.close();
    }
  });
});
