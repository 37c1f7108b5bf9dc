import {
  AuthenticationError,
  ClosedError,
  InsufficientFundsError,
  InvalidOrderError,
  OrderNotFoundError,
  RateLimitError,
  RetryPolicy,
} from '@exkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BybitExchange } from '../src/exchange.js';
import { API_KEY, API_SECRET, FakeBybitRest, fail, ok, type Recorded } from './helpers/fake-bybit.js';
import { executionRow, linearRow, makeExchange, orderRow, serveInstruments, spotRow } from './helpers/exchange.js';

let rest: FakeBybitRest;
let ex: BybitExchange;
const DAY = 86_400_000;

beforeEach(async () => {
  rest = await new FakeBybitRest().start();
  serveInstruments(rest, [linearRow('BTCUSDT', 'BTC'), linearRow('ETHPERP', 'ETH', 'USDC')], [spotRow('ETHUSDT', 'ETH')]);
  ex = makeExchange(rest, undefined, { category: ['linear', 'spot'] });
});

afterEach(async () => {
  await ex.close();
  await rest.close();
});

/** A tiny order book for the venue side: realtime finds what create put there. */
function serveOrders(): Map<string, Record<string, unknown>> {
  const orders = new Map<string, Record<string, unknown>>();
  let n = 0;
  rest.on('POST /v5/order/create', (r) => {
    const b = r.json!;
    const id = `oid-${++n}`;
    const market = b['orderType'] === 'Market' && b['triggerPrice'] === undefined;
    orders.set(id, orderRow({
      orderId: id,
      orderLinkId: b['orderLinkId'],
      symbol: b['symbol'],
      side: b['side'],
      orderType: b['orderType'],
      price: b['price'] ?? '0',
      qty: b['qty'],
      timeInForce: b['timeInForce'] ?? 'IOC',
      orderStatus: market ? 'Filled' : b['triggerPrice'] !== undefined ? 'Untriggered' : 'New',
      cumExecQty: market ? b['qty'] : '0',
      cumExecValue: market ? String(Number(b['qty']) * 30000) : '0',
      triggerPrice: b['triggerPrice'] ?? '0.00',
      triggerBy: b['triggerBy'] ?? 'UNKNOWN',
      reduceOnly: b['reduceOnly'] ?? false,
      marketUnit: b['marketUnit'] ?? '',
      category: undefined,
    }));
    return { orderId: id, orderLinkId: b['orderLinkId'] };
  });
  rest.on('GET /v5/order/realtime', (r) => {
    const id = r.params.get('orderId');
    const link = r.params.get('orderLinkId');
    const stop = r.params.get('orderFilter') === 'StopOrder';
    const list = [...orders.values()].filter(
      (o) =>
        (id === null || o['orderId'] === id) &&
        (link === null || o['orderLinkId'] === link) &&
        (id !== null || link !== null || (o['orderStatus'] !== 'Cancelled' && o['orderStatus'] !== 'Filled')) &&
        (o['orderStatus'] === 'Untriggered') === stop,
    );
    return { category: r.params.get('category'), list, nextPageCursor: '' };
  });
  rest.on('GET /v5/order/history', () => ({ category: 'linear', list: [], nextPageCursor: '' }));
  rest.on('POST /v5/order/cancel', (r) => {
    const o = orders.get(String(r.json!['orderId']));
    if (o === undefined || o['orderStatus'] === 'Cancelled') return fail(110001, 'order not exists or too late to cancel');
    o['orderStatus'] = 'Cancelled';
    o['updatedTime'] = String(Number(o['updatedTime']) + 1);
    return { orderId: o['orderId'], orderLinkId: o['orderLinkId'] };
  });
  return orders;
}

describe('signed requests', () => {
  it('syncs the clock first, then signs with the venue time', async () => {
    rest.skewMs = -3_000; // the local clock runs ahead: unsynced, every request would be refused (10002)
    rest.on('GET /v5/account/wallet-balance', () => ({ list: [{ accountType: 'UNIFIED', coin: [{ coin: 'USDT', walletBalance: '100', totalOrderIM: '10', totalPositionIM: '5', locked: '0' }] }] }));
    const balances = await ex.fetchBalances();
    expect(balances.map((b) => [b.currency, b.total.toFixed(), b.used.toFixed(), b.free.toFixed()])).toEqual([['USDT', '100', '15', '85']]);
    expect(rest.count('GET /v5/market/time')).toBeGreaterThanOrEqual(1);
    const wallet = rest.last('GET /v5/account/wallet-balance')!;
    expect(wallet.query).toBe('accountType=UNIFIED');
    expect(wallet.headers['x-bapi-sign-type']).toBe('2');
    expect(wallet.headers['x-bapi-recv-window']).toBe('5000');
  });

  it('a 10002 rejection resyncs the clock and retries once', async () => {
    rest.on('GET /v5/account/wallet-balance', () => ({ list: [] }));
    await ex.fetchBalances();
    const probes = rest.count('GET /v5/market/time');
    rest.skewMs = -4_000; // the venue clock jumps back after the first sync
    await ex.fetchBalances();
    expect(rest.count('GET /v5/market/time')).toBeGreaterThan(probes);
    expect(rest.count('GET /v5/account/wallet-balance')).toBe(3);
  });

  it('10006 waits for X-Bapi-Limit-Reset-Timestamp, then succeeds', async () => {
    let calls = 0;
    rest.on('GET /v5/account/wallet-balance', () => {
      calls++;
      if (calls === 1) return fail(10006, 'Too many visits!', { 'X-Bapi-Limit': '50', 'X-Bapi-Limit-Status': '0', 'X-Bapi-Limit-Reset-Timestamp': String(rest.now() + 200) });
      return { list: [] };
    });
    await ex.fetchBalances(); // warm: clock synced
    calls = 0;
    const started = Date.now();
    await ex.fetchBalances();
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('HTTP 403 is the IP ban: RateLimit with a 10-minute retry-after, not retried', async () => {
    rest.on('GET /v5/account/wallet-balance', () => ({ status: 403, body: 'access too frequent', headers: { 'content-type': 'text/plain' } }));
    const err = await ex.fetchBalances().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).retryAfterMs).toBe(600_000);
    expect(rest.count('GET /v5/account/wallet-balance')).toBe(1);
  });

  it('a signature error never shows the key or the secret (Bybit echoes the signed string)', async () => {
    const bad = makeExchange(rest, undefined, { credentials: { apiKey: API_KEY, apiSecret: 'wrong-secret-999' } });
    const err = await bad.fetchBalances().catch((e: unknown) => e);
    await bad.close();
    expect(err).toBeInstanceOf(AuthenticationError);
    const text = JSON.stringify({ message: (err as Error).message, json: (err as AuthenticationError).toJSON() });
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain('wrong-secret-999');
    expect(text).toContain('error sign!');
  });

  it('without credentials a private call is AuthenticationError and sends nothing signed', async () => {
    const anon = makeExchange(rest, undefined, { credentials: undefined as never });
    await expect(anon.fetchBalances()).rejects.toBeInstanceOf(AuthenticationError);
    await anon.close();
    expect(rest.count('GET /v5/account/wallet-balance')).toBe(0);
  });
});

describe('orders', () => {
  it('places a limit order: exact strings, one-way index, a generated client id, read back', async () => {
    serveOrders();
    const o = await ex.placeOrder({ symbol: 'BTC/USDT:USDT', side: 'buy', type: 'limit', amount: '0.010', price: '30000.0' });
    const body = rest.last('POST /v5/order/create')!.json!;
    expect(body).toEqual({
      category: 'linear',
      symbol: 'BTCUSDT',
      side: 'Buy',
      orderType: 'Limit',
      qty: '0.01',
      price: '30000',
      timeInForce: 'GTC',
      positionIdx: 0,
      reduceOnly: false,
      orderLinkId: expect.stringMatching(/^exk[A-Za-z0-9]{1,33}$/) as unknown,
    });
    expect([o.id, o.clientOrderId, o.status, o.timeInForce, o.amount.toFixed(), o.filled.toFixed()]).toEqual(['oid-1', body['orderLinkId'], 'open', 'gtc', '0.01', '0']);
  });

  it('a spot market order counts in base (marketUnit) and carries no time in force', async () => {
    serveOrders();
    const o = await ex.placeOrder({ symbol: 'ETH/USDT', side: 'buy', type: 'market', amount: '0.5', clientOrderId: 'mine-1' });
    expect(rest.last('POST /v5/order/create')!.json).toEqual({ category: 'spot', symbol: 'ETHUSDT', side: 'Buy', orderType: 'Market', qty: '0.5', marketUnit: 'baseCoin', orderLinkId: 'mine-1' });
    expect([o.status, o.filled.toFixed()]).toEqual(['filled', '0.5']);
  });

  it('a linear stop order infers the trigger direction from the reference price', async () => {
    serveOrders();
    rest.on('GET /v5/market/tickers', () => ({ category: 'linear', list: [{ symbol: 'BTCUSDT', lastPrice: '30000', markPrice: '30500' }] }));
    const up = await ex.placeOrder({ symbol: 'BTC/USDT:USDT', side: 'buy', type: 'market', amount: '0.001', triggerPrice: '31000', triggerReference: 'mark' });
    expect(rest.last('POST /v5/order/create')!.json).toMatchObject({ triggerPrice: '31000', triggerDirection: 1, triggerBy: 'MarkPrice' });
    expect([up.status, up.triggerPrice?.toFixed(), up.triggerReference]).toEqual(['untriggered', '31000', 'mark']);
    await ex.placeOrder({ symbol: 'BTC/USDT:USDT', side: 'sell', type: 'market', amount: '0.001', triggerPrice: '29000' });
    expect(rest.last('POST /v5/order/create')!.json).toMatchObject({ triggerPrice: '29000', triggerDirection: 2 });
    // Conditional orders live under orderFilter=StopOrder: fetchOpenOrders finds them there.
    const open = await ex.fetchOpenOrders('BTC/USDT:USDT');
    expect(open.map((o) => o.status)).toEqual(['untriggered', 'untriggered']);
  });

  it('a lost response: the order is looked up by its client id, never placed twice', async () => {
    const orders = serveOrders();
    const create = rest.handlers.get('POST /v5/order/create')!;
    let dropped = false;
    rest.on('POST /v5/order/create', async (r: Recorded) => {
      const out = await create(r);
      if (dropped) return out;
      dropped = true;
      return { body: out, drop: true };
    });
    const o = await ex.placeOrder({ symbol: 'BTC/USDT:USDT', side: 'buy', type: 'limit', amount: '0.001', price: '29000', clientOrderId: 'once-1' });
    expect(rest.count('POST /v5/order/create')).toBe(1);
    expect(orders.size).toBe(1);
    expect([o.clientOrderId, o.status]).toEqual(['once-1', 'open']);
  });

  it('a refused order is typed and not retried', async () => {
    rest.on('POST /v5/order/create', () => fail(110007, 'ab not enough for new order'));
    await expect(ex.placeOrder({ symbol: 'BTC/USDT:USDT', side: 'buy', type: 'limit', amount: '1', price: '30000' })).rejects.toBeInstanceOf(InsufficientFundsError);
    expect(rest.count('POST /v5/order/create')).toBe(1);
  });

  it('refuses before sending what the venue would refuse', async () => {
    await expect(ex.placeOrder({ symbol: 'BTC/USDT:USDT', side: 'buy', type: 'limit', amount: '0.0001', price: '30000' })).rejects.toBeInstanceOf(InvalidOrderError);
    await expect(ex.placeOrder({ symbol: 'BTC/USDT:USDT', side: 'buy', type: 'limit', amount: '0.001', price: '30000.05' })).rejects.toBeInstanceOf(InvalidOrderError);
    await expect(ex.placeOrder({ symbol: 'ETH/USDT', side: 'sell', type: 'limit', amount: '0.01', price: '3000', reduceOnly: true })).rejects.toBeInstanceOf(InvalidOrderError);
    await expect(ex.placeOrder({ symbol: 'BTC/USDT:USDT', side: 'buy', type: 'market', amount: '0.001', timeInForce: 'post_only' })).rejects.toBeInstanceOf(InvalidOrderError);
    expect(rest.count('POST /v5/order/create')).toBe(0);
  });

  it('cancels and reads the cancelled order back; a repeat is OrderNotFound', async () => {
    serveOrders();
    const o = await ex.placeOrder({ symbol: 'BTC/USDT:USDT', side: 'buy', type: 'limit', amount: '0.001', price: '29000' });
    const c = await ex.cancelOrder({ symbol: 'BTC/USDT:USDT', id: o.id });
    expect(rest.last('POST /v5/order/cancel')!.json).toEqual({ category: 'linear', symbol: 'BTCUSDT', orderId: o.id });
    expect([c.id, c.status]).toEqual([o.id, 'canceled']);
    await expect(ex.cancelOrder({ symbol: 'BTC/USDT:USDT', id: o.id })).rejects.toBeInstanceOf(OrderNotFoundError);
  });

  it('fetchOrder by client id; another symbol does not count', async () => {
    serveOrders();
    const o = await ex.placeOrder({ symbol: 'BTC/USDT:USDT', side: 'sell', type: 'limit', amount: '0.002', price: '35000', clientOrderId: 'find-me' });
    const f = await ex.fetchOrder({ symbol: 'BTC/USDT:USDT', clientOrderId: 'find-me' });
    expect([f.id, f.side, f.price?.toFixed()]).toEqual([o.id, 'sell', '35000']);
    await expect(ex.fetchOrder({ symbol: 'ETH/USDC:USDC', id: o.id })).rejects.toBeInstanceOf(OrderNotFoundError);
  });

  it('amends with exact strings after checking the grid', async () => {
    const orders = serveOrders();
    const o = await ex.placeOrder({ symbol: 'BTC/USDT:USDT', side: 'buy', type: 'limit', amount: '0.001', price: '29000' });
    rest.on('POST /v5/order/amend', (r) => {
      const row = orders.get(String(r.json!['orderId']))!;
      if (r.json!['price'] !== undefined) row['price'] = r.json!['price'];
      if (r.json!['qty'] !== undefined) row['qty'] = r.json!['qty'];
      row['updatedTime'] = String(Number(row['updatedTime']) + 1);
      return { orderId: row['orderId'], orderLinkId: row['orderLinkId'] };
    });
    await expect(ex.amendOrder({ symbol: 'BTC/USDT:USDT', id: o.id, price: '29000.05' })).rejects.toBeInstanceOf(InvalidOrderError);
    expect(rest.count('POST /v5/order/amend')).toBe(0);
    const a = await ex.amendOrder({ symbol: 'BTC/USDT:USDT', id: o.id, price: '29100.0', amount: '0.002' });
    expect(rest.last('POST /v5/order/amend')!.json).toEqual({ category: 'linear', symbol: 'BTCUSDT', orderId: o.id, qty: '0.002', price: '29100' });
    expect([a.id, a.price?.toFixed(), a.amount.toFixed()]).toEqual([o.id, '29100', '0.002']);
  });

  it('cancelAllOrders: linear per settle coin, spot twice (Order and StopOrder)', async () => {
    rest.on('POST /v5/order/cancel-all', (r) => ({ list: [{ orderId: `x-${String(r.json!['settleCoin'] ?? r.json!['category'])}`, orderLinkId: '' }, { orderId: 'dup', orderLinkId: '' }], success: '1' }));
    const ids = await ex.cancelAllOrders();
    expect(rest.requests.filter((r) => r.path === '/v5/order/cancel-all').map((r) => r.json)).toEqual([
      { category: 'linear', settleCoin: 'USDT' },
      { category: 'linear', settleCoin: 'USDC' },
      { category: 'spot' },
      { category: 'spot', orderFilter: 'StopOrder' },
    ]);
    expect([...ids].sort()).toEqual(['dup', 'x-USDC', 'x-USDT', 'x-spot']);
    await ex.cancelAllOrders('BTC/USDT:USDT');
    expect(rest.last('POST /v5/order/cancel-all')!.json).toEqual({ category: 'linear', symbol: 'BTCUSDT' });
  });

  it('fetchOpenOrders merges the plain and StopOrder reads, drops closed rows and unknown symbols', async () => {
    rest.on('GET /v5/order/realtime', (r) => {
      const stop = r.params.get('orderFilter') === 'StopOrder';
      if (r.params.get('category') === 'spot') return { category: 'spot', list: [], nextPageCursor: '' };
      if (r.params.get('settleCoin') !== 'USDT') return { category: 'linear', list: [], nextPageCursor: '' };
      return {
        category: 'linear',
        list: stop
          ? [orderRow({ orderId: 'c1', orderStatus: 'Untriggered', triggerPrice: '31000', triggerBy: 'LastPrice' })]
          : [orderRow({ orderId: 'a1' }), orderRow({ orderId: 'c1', orderStatus: 'Untriggered', triggerPrice: '31000' }), orderRow({ orderId: 'f1', orderStatus: 'Filled' }), orderRow({ orderId: 'z', symbol: 'XYZUSDT' })],
        nextPageCursor: '',
      };
    });
    const open = await ex.fetchOpenOrders();
    expect(open.map((o) => [o.id, o.status])).toEqual([['a1', 'open'], ['c1', 'untriggered']]);
  });
});

describe('history and account', () => {
  it('fetchOrderHistory walks 7-day windows and answers terminal orders ascending', async () => {
    const now = Date.now();
    rest.on('GET /v5/order/history', (r) => {
      const start = Number(r.params.get('startTime'));
      const end = Number(r.params.get('endTime'));
      expect(end - start).toBeLessThanOrEqual(7 * DAY);
      if (r.params.get('category') !== 'linear') return { category: 'spot', list: [], nextPageCursor: '' };
      const t = start + 1000;
      return {
        category: 'linear',
        list: [
          orderRow({ orderId: `done-${start}`, orderStatus: 'Filled', cumExecQty: '0.010', cumExecValue: '300', createdTime: String(t), updatedTime: String(t) }),
          orderRow({ orderId: `open-${start}`, createdTime: String(t + 1), updatedTime: String(t + 1) }),
        ],
        nextPageCursor: '',
      };
    });
    const since = now - 20 * DAY;
    const history = await ex.fetchOrderHistory('BTC/USDT:USDT', { since });
    const windows = rest.requests.filter((r) => r.path === '/v5/order/history');
    expect(windows).toHaveLength(3);
    expect(windows.map((w) => w.params.get('symbol'))).toEqual(['BTCUSDT', 'BTCUSDT', 'BTCUSDT']);
    expect(history.map((o) => o.status)).toEqual(['filled', 'filled', 'filled']);
    expect(history.map((o) => o.timestamp)).toEqual([...history.map((o) => o.timestamp)].sort((a, b) => a - b));
    const first = await ex.fetchOrderHistory('BTC/USDT:USDT', { since, limit: 1 });
    expect(first).toHaveLength(1);
    expect(first[0]!.id).toBe(`done-${Number(windows[0]!.params.get('startTime'))}`);
  });

  it('fetchFills maps trade executions only, ascending', async () => {
    rest.on('GET /v5/execution/list', (r) =>
      r.params.get('category') === 'spot'
        ? { category: 'spot', list: [], nextPageCursor: '' }
        : {
            category: 'linear',
            list: [
              executionRow({ execId: 'e3', execTime: '1700000003000' }),
              executionRow({ execId: 'fund', execType: 'Funding', orderType: 'UNKNOWN', execTime: '1700000002500' }),
              executionRow({ execId: 'e1', execTime: '1700000001000', isMaker: true }),
            ],
            nextPageCursor: '',
          },
    );
    const fills = await ex.fetchFills();
    expect(fills.map((f) => [f.id, f.liquidity, f.fee.currency])).toEqual([['e1', 'maker', 'USDT'], ['e3', 'taker', 'USDT']]);
    expect(rest.last('GET /v5/execution/list')!.query).toBe('category=spot&limit=100');
  });

  it('fetchPositions reads per settle coin, skips flat rows, honours the symbol filter', async () => {
    rest.on('GET /v5/position/list', (r) => ({
      category: 'linear',
      list:
        r.params.get('settleCoin') === 'USDT'
          ? [
              { symbol: 'BTCUSDT', side: 'Sell', size: '0.5', positionIdx: 0, avgPrice: '30000', markPrice: '30100', unrealisedPnl: '-50', leverage: '5', updatedTime: '1700000000000' },
              { symbol: 'BTCUSDT', side: '', size: '0', positionIdx: 0, updatedTime: '1700000000000' },
            ]
          : [{ symbol: 'ETHPERP', side: 'Buy', size: '2', positionIdx: 0, avgPrice: '2000', updatedTime: '1700000000000' }],
      nextPageCursor: '',
    }));
    const all = await ex.fetchPositions();
    expect(all.map((p) => [p.symbol, p.side, p.size.toFixed()])).toEqual([['BTC/USDT:USDT', 'short', '-0.5'], ['ETH/USDC:USDC', 'long', '2']]);
    expect(rest.requests.filter((r) => r.path === '/v5/position/list').map((r) => r.params.get('settleCoin'))).toEqual(['USDT', 'USDC']);
    expect((await ex.fetchPositions(['ETH/USDC:USDC'])).map((p) => p.symbol)).toEqual(['ETH/USDC:USDC']);
  });

  it('setLeverage sends strings; "leverage not modified" (110043) is success', async () => {
    let n = 0;
    rest.on('POST /v5/position/set-leverage', () => (++n === 1 ? {} : fail(110043, 'leverage not modified')));
    await ex.setLeverage('BTC/USDT:USDT', '5');
    await ex.setLeverage('BTC/USDT:USDT', '5');
    expect(rest.last('POST /v5/position/set-leverage')!.json).toEqual({ category: 'linear', symbol: 'BTCUSDT', buyLeverage: '5', sellLeverage: '5' });
    expect(n).toBe(2);
    await expect(ex.setLeverage('BTC/USDT:USDT', '101')).rejects.toThrow(/above the maximum/);
    expect(n).toBe(2);
  });
});

describe('close', () => {
  it('rejects calls in flight and every later call with ClosedError, without network', async () => {
    rest.on('GET /v5/account/wallet-balance', () => new Promise((r) => setTimeout(() => r(ok({ list: [] })), 1_000)));
    const slow = makeExchange(rest, undefined, {}, { retry: RetryPolicy.none() });
    const pending = slow.fetchBalances();
    await new Promise((r) => setTimeout(r, 100));
    await slow.close();
    await expect(pending).rejects.toBeInstanceOf(ClosedError);
    const before = rest.requests.length;
    await expect(slow.fetchTicker('BTC/USDT:USDT')).rejects.toBeInstanceOf(ClosedError);
    expect(rest.requests.length).toBe(before);
    await slow.close(); // idempotent
    expect(slow.closed).toBe(true);
  });

  it('the transport never sends the secret', async () => {
    rest.on('GET /v5/account/wallet-balance', () => ({ list: [] }));
    await ex.fetchBalances();
    for (const r of rest.requests) expect(JSON.stringify(r.headers) + r.query + r.body).not.toContain(API_SECRET);
  });
});
