import {
  AuthenticationError,
  BadSymbolError,
  ClosedError,
  InsufficientFundsError,
  InvalidOrderError,
  NotSupportedError,
  OrderNotFoundError,
  RateLimitError,
} from '@exkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBitunix } from '../src/index.js';
import type { BitunixExchange } from '../src/exchange.js';
import { fail, FakeBitunix, KEY } from './helpers/fake-venue.js';

let venue: FakeBitunix;
let ex: BitunixExchange;

beforeEach(async () => {
  venue = await new FakeBitunix().start();
  ex = createBitunix({ environment: venue.environment, credentials: KEY });
});
afterEach(async () => {
  await ex.close();
  await venue.stop();
});

const ORDER = { orderId: '101', symbol: 'BTCUSDT', qty: '0.01', tradeQty: '0', price: '60000', side: 'BUY', orderType: 'LIMIT', effect: 'GTC', status: 'NEW', clientId: 'cid-1', reduceOnly: false, ctime: 1760000000000, mtime: 1760000000000 };

describe('public REST on loopback', () => {
  it('loads USDT-M markets only, resolves unified and native symbols', async () => {
    const markets = await ex.loadMarkets();
    expect(markets.map((m) => m.symbol)).toEqual(['BTC/USDT:USDT', 'ETH/USDT:USDT']);
    expect(ex.markets.resolve('BTCUSDT').symbol).toBe('BTC/USDT:USDT');
    await expect(ex.fetchTicker('NOPE/USDT:USDT')).rejects.toBeInstanceOf(BadSymbolError);
    expect(venue.callsTo('/api/v1/futures/market/tickers')).toHaveLength(0);
  });

  it('fetchTicker joins tickers and the top of book; fetchOrderBook picks the venue window', async () => {
    venue.handlers.set('/api/v1/futures/market/tickers', () => [{ symbol: 'BTCUSDT', markPrice: '60001', lastPrice: '60000.5', open: '59000', last: '60000.5', quoteVol: '600000', baseVol: '10', high: '61000', low: '59000' }]);
    venue.handlers.set('/api/v1/futures/market/depth', (c) => {
      const n = c.query.get('limit') === '1' ? 1 : 3;
      return { bids: [['60000.4', '1'], ['60000.3', '2'], ['60000.2', '3']].slice(0, n), asks: [['60000.6', '1.5'], ['60000.7', '2'], ['60000.8', '4']].slice(0, n) };
    });
    const t = await ex.fetchTicker('BTC/USDT:USDT');
    expect([t.bid?.toFixed(), t.ask?.toFixed(), t.last?.toFixed(), t.baseVolume24h?.toFixed(), t.quoteVolume24h?.toFixed()]).toEqual(['60000.4', '60000.6', '60000.5', '10', '600000']);
    const book = await ex.fetchOrderBook('BTCUSDT', 2);
    expect(book.bids.map((l) => l.price.toFixed())).toEqual(['60000.4', '60000.3']);
    expect(venue.callsTo('/api/v1/futures/market/depth').map((c) => c.query.get('limit'))).toEqual(['1', '5']);
    expect(venue.callsTo('/api/v1/futures/market/depth').every((c) => !c.signed)).toBe(true);
  });

  it('fetchCandles pages the kline endpoint (≤ 200 a page) and returns ascending candles', async () => {
    const MIN = 60_000;
    const now = Math.floor(Date.now() / MIN) * MIN;
    const since = now - 450 * MIN;
    venue.handlers.set('/api/v1/futures/market/kline', (c) => {
      const start = Number(c.query.get('startTime'));
      const end = Number(c.query.get('endTime'));
      const limit = Number(c.query.get('limit'));
      const out = [];
      // newest first, like the venue's other lists
      for (let t = Math.min(end - (end % MIN), now - MIN); t >= start && out.length < limit; t -= MIN) out.push({ open: '1', high: '2', low: '0.5', close: '1.5', baseVol: '3', quoteVol: '4.5', time: t, type: 'LAST_PRICE' });
      return out;
    });
    const candles = await ex.fetchCandles('BTC/USDT:USDT', '1m', { since, until: now });
    expect(candles).toHaveLength(450);
    expect(candles[0]?.openTime).toBe(since);
    expect(candles.every((c, i) => i === 0 || c.openTime === (candles[i - 1]?.openTime ?? 0) + MIN)).toBe(true);
    const calls = venue.callsTo('/api/v1/futures/market/kline');
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls.every((c) => Number(c.query.get('limit')) <= 200 && c.query.get('interval') === '1m')).toBe(true);
  });

  it('fetchFundingRate converts percent to a fraction; fetchTrades is not supported', async () => {
    venue.handlers.set('/api/v1/futures/market/funding_rate', () => ({ symbol: 'BTCUSDT', markPrice: '60000', indexPrice: '60001', fundingRate: '0.01', fundingInterval: 8, nextFundingTime: '1770710400000' }));
    const f = await ex.fetchFundingRate('BTC/USDT:USDT');
    expect([f.rate.toFixed(), f.nextFundingTime]).toEqual(['0.0001', 1770710400000]);
    await expect(ex.fetchTrades('BTC/USDT:USDT')).rejects.toBeInstanceOf(NotSupportedError);
  });

  it('venue error codes become typed errors (20015 → BadSymbol, 10006 → RateLimit)', async () => {
    venue.handlers.set('/api/v1/futures/market/depth', () => fail(20015, 'this Futures is not allowed to trade.'));
    await expect(ex.fetchOrderBook('ETH/USDT:USDT')).rejects.toBeInstanceOf(BadSymbolError);
    venue.handlers.set('/api/v1/futures/market/funding_rate', () => fail(10006, 'Request too frequently'));
    const err = await ex.fetchFundingRate('ETH/USDT:USDT').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).method).toBe('fetchFundingRate');
  });
});

describe('private REST on loopback', () => {
  it('signs with the documented headers; the clock is taken from the Date header', async () => {
    venue.handlers.set('/api/v1/futures/account', () => ({ marginCoin: 'USDT', available: '1000', frozen: '5', margin: '10', transfer: '1000', positionMode: 'ONE_WAY', crossUnrealizedPNL: '0', isolationUnrealizedPNL: '0', bonus: '0' }));
    venue.handlers.set('/api/v1/futures/market/depth', () => ({ bids: [], asks: [] }));
    const [b] = await ex.fetchBalances();
    expect([b?.currency, b?.free.toFixed(), b?.used.toFixed(), b?.total.toFixed()]).toEqual(['USDT', '1000', '15', '1015']);
    const call = venue.callsTo('/api/v1/futures/account')[0];
    expect(call?.query.get('marginCoin')).toBe('USDT');
    expect(call?.headers['nonce']).toMatch(/^[0-9a-f]{32}$/);
    expect(call?.headers['timestamp']).toMatch(/^\d{13}$/);
    expect(call?.headers['language']).toBe('en-US');
    expect(Math.abs(Number(call?.headers['timestamp']) - Date.now())).toBeLessThan(5_000);
    // the clock probe read a public depth reply before the first signed call
    expect(venue.calls.findIndex((c) => c.path === '/api/v1/futures/market/depth')).toBeLessThan(venue.calls.findIndex((c) => c.path === '/api/v1/futures/account'));
  });

  it('a wrong secret is an AuthenticationError that never shows the secret', async () => {
    const bad = createBitunix({ environment: venue.environment, credentials: { apiKey: KEY.apiKey, apiSecret: 'wrong-secret-value-xyz' }, clockSync: false });
    const err = await bad.fetchBalances().catch((e: unknown) => e);
    await bad.close();
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(JSON.stringify((err as AuthenticationError).toJSON())).not.toContain('wrong-secret-value-xyz');
  });

  it('placeOrder sends the documented body with a client id, then reads the order back', async () => {
    venue.handlers.set('/api/v1/futures/trade/place_order', (c) => ({ orderId: '101', clientId: (JSON.parse(c.body) as { clientId: string }).clientId }));
    venue.handlers.set('/api/v1/futures/trade/get_order_detail', (c) => ({ ...ORDER, clientId: c.query.get('clientId') ?? ORDER.clientId }));
    const o = await ex.placeOrder({ symbol: 'BTC/USDT:USDT', side: 'buy', type: 'limit', amount: '0.01', price: '60000', clientOrderId: 'cid-1', timeInForce: 'post_only' });
    expect([o.id, o.status, o.amount.toFixed(), o.price?.toFixed()]).toEqual(['101', 'open', '0.01', '60000']);
    const sent = JSON.parse(venue.callsTo('/api/v1/futures/trade/place_order')[0]?.body ?? '{}') as Record<string, unknown>;
    expect(sent).toEqual({ symbol: 'BTCUSDT', side: 'BUY', orderType: 'LIMIT', qty: '0.01', price: '60000', effect: 'POST_ONLY', clientId: 'cid-1' });
  });

  it('off-grid orders are refused before any request; venue refusals are typed', async () => {
    await expect(ex.placeOrder({ symbol: 'BTC/USDT:USDT', side: 'buy', type: 'limit', amount: '0.01', price: '60000.05' })).rejects.toBeInstanceOf(InvalidOrderError);
    expect(venue.callsTo('/api/v1/futures/trade/place_order')).toHaveLength(0);
    venue.handlers.set('/api/v1/futures/trade/place_order', () => fail(20003, 'Insufficient balance'));
    await expect(ex.placeOrder({ symbol: 'BTC/USDT:USDT', side: 'sell', type: 'market', amount: '0.01' })).rejects.toBeInstanceOf(InsufficientFundsError);
    const market = JSON.parse(venue.callsTo('/api/v1/futures/trade/place_order')[0]?.body ?? '{}') as Record<string, unknown>;
    expect(market['orderType']).toBe('MARKET');
    expect(market['effect']).toBeUndefined();
    expect(market['price']).toBeUndefined();
  });

  it('cancelOrder: a failureList item is OrderNotFound; a success is read until canceled', async () => {
    venue.handlers.set('/api/v1/futures/trade/cancel_orders', () => ({ successList: [], failureList: [{ orderId: '999', clientId: '', errorMsg: 'Order status error', errorCode: 10013 }] }));
    await expect(ex.cancelOrder({ symbol: 'BTC/USDT:USDT', id: '999' })).rejects.toBeInstanceOf(OrderNotFoundError);
    let reads = 0;
    venue.handlers.set('/api/v1/futures/trade/cancel_orders', () => ({ successList: [{ orderId: '101', clientId: 'cid-1' }], failureList: [] }));
    venue.handlers.set('/api/v1/futures/trade/get_order_detail', () => ({ ...ORDER, status: ++reads >= 2 ? 'CANCELED' : 'NEW' }));
    const o = await ex.cancelOrder({ symbol: 'BTC/USDT:USDT', id: '101' });
    expect(o.status).toBe('canceled');
    expect(JSON.parse(venue.callsTo('/api/v1/futures/trade/cancel_orders')[1]?.body ?? '{}')).toEqual({ symbol: 'BTCUSDT', orderList: [{ orderId: '101' }] });
  });

  it('amendOrder sends qty and price (both required), reading the unchanged one first', async () => {
    venue.handlers.set('/api/v1/futures/trade/get_order_detail', () => ORDER);
    venue.handlers.set('/api/v1/futures/trade/modify_order', () => ({ orderId: '101', clientId: 'cid-1' }));
    await ex.amendOrder({ symbol: 'BTC/USDT:USDT', id: '101', price: '60100' });
    expect(JSON.parse(venue.callsTo('/api/v1/futures/trade/modify_order')[0]?.body ?? '{}')).toEqual({ orderId: '101', symbol: 'BTCUSDT', qty: '0.01', price: '60100' });
  });

  it('open orders page through skip/limit; fills take their side from the order when the row lacks it', async () => {
    const page = (skip: number, n: number) => Array.from({ length: n }, (_, i) => ({ ...ORDER, orderId: String(skip + i + 1), ctime: ORDER.ctime + skip + i }));
    venue.handlers.set('/api/v1/futures/trade/get_pending_orders', (c) => {
      const skip = Number(c.query.get('skip'));
      return { orderList: page(skip, skip === 0 ? 100 : 20), total: 120 };
    });
    expect(await ex.fetchOpenOrders()).toHaveLength(120);
    venue.handlers.set('/api/v1/futures/trade/get_history_trades', () => ({ tradeList: [{ tradeId: 't1', orderId: '101', symbol: 'BTCUSDT', qty: '0.01', price: '60000', fee: '0.1', ctime: 1760000000001, roleType: 'MAKER' }], total: 1 }));
    venue.handlers.set('/api/v1/futures/trade/get_order_detail', () => ({ ...ORDER, side: 'SELL' }));
    const [fill] = await ex.fetchFills('BTC/USDT:USDT');
    expect([fill?.id, fill?.side, fill?.liquidity, fill?.cost.toFixed()]).toEqual(['t1', 'sell', 'maker', '600']);
  });

  it('setLeverage sends a JSON int; calls after close are ClosedError and send nothing', async () => {
    venue.handlers.set('/api/v1/futures/account/change_leverage', () => [{ marginCoin: 'USDT', symbol: 'BTCUSDT', leverage: 12 }]);
    await ex.setLeverage('BTC/USDT:USDT', 12);
    expect(venue.callsTo('/api/v1/futures/account/change_leverage')[0]?.body).toBe('{"symbol":"BTCUSDT","leverage":12,"marginCoin":"USDT"}');
    await ex.close();
    const before = venue.calls.length;
    await expect(ex.fetchBalances()).rejects.toBeInstanceOf(ClosedError);
    expect(venue.calls.length).toBe(before);
  });
});
