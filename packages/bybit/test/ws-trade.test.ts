import { createHmac } from 'node:crypto';
import { AuthenticationError, InsufficientFundsError, NotSupportedError } from '@exkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BybitExchange } from '../src/exchange.js';
import { API_KEY, API_SECRET, FakeBybitRest, FakeBybitWs, type Frame } from './helpers/fake-bybit.js';
import { linearRow, makeExchange, orderRow, serveInstruments } from './helpers/exchange.js';

const TRADE = '/v5/trade';

let rest: FakeBybitRest;
let ws: FakeBybitWs;
let ex: BybitExchange;
let orders: Map<string, Record<string, unknown>>;

beforeEach(async () => {
  rest = await new FakeBybitRest().start();
  ws = await new FakeBybitWs().start();
  serveInstruments(rest, [linearRow('BTCUSDT', 'BTC')]);
  orders = new Map();
  let n = 0;
  // The venue: WS order entry creates the order, REST reads it back.
  ws.tradeHandler = (f) => {
    const body = (f['args'] as Frame[])[0]!;
    if (f['op'] === 'order.create') {
      const id = `ws-${++n}`;
      orders.set(id, orderRow({ orderId: id, orderLinkId: body['orderLinkId'], symbol: body['symbol'], side: body['side'], price: body['price'], qty: body['qty'] }));
      return { retCode: 0, retMsg: 'OK', data: { orderId: id, orderLinkId: body['orderLinkId'] } };
    }
    if (f['op'] === 'order.cancel') {
      const o = orders.get(String(body['orderId']));
      if (o === undefined) return { retCode: 110001, retMsg: 'order not exists', data: {} };
      o['orderStatus'] = 'Cancelled';
      return { retCode: 0, retMsg: 'OK', data: { orderId: o['orderId'], orderLinkId: o['orderLinkId'] } };
    }
    return { retCode: 10404, retMsg: 'op not found', data: {} };
  };
  rest.on('GET /v5/order/realtime', (r) => {
    const id = r.params.get('orderId');
    const link = r.params.get('orderLinkId');
    const list = r.params.get('orderFilter') === 'StopOrder' ? [] : [...orders.values()].filter((o) => (id === null || o['orderId'] === id) && (link === null || o['orderLinkId'] === link));
    return { category: 'linear', list, nextPageCursor: '' };
  });
  rest.on('GET /v5/order/history', () => ({ category: 'linear', list: [], nextPageCursor: '' }));
  ex = makeExchange(rest, ws, { orderEntry: 'websocket' });
});

afterEach(async () => {
  await ex.close();
  await ws.close();
  await rest.close();
});

const tradeFrames = () => ws.peers.filter((p) => p.path === TRADE).flatMap((p) => p.frames).filter((f) => f['op'] !== 'ping');

describe('WS order entry (§7)', () => {
  it('logs in, then sends the REST body with a timestamp header; the ack is read back over REST', async () => {
    expect(ex.orderEntry).toBe('websocket');
    const o = await ex.placeOrder({ symbol: 'BTC/USDT:USDT', side: 'buy', type: 'limit', amount: '0.002', price: '29000.0', clientOrderId: 'ws-order-1' });
    const [auth, create] = tradeFrames();
    const [key, expires, sig] = auth!['args'] as [string, number, string];
    expect([auth!['op'], key, sig]).toEqual(['auth', API_KEY, createHmac('sha256', API_SECRET).update(`GET/realtime${expires}`).digest('hex')]);
    expect(create).toMatchObject({
      op: 'order.create',
      header: { 'X-BAPI-RECV-WINDOW': '5000' },
      args: [{ category: 'linear', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit', qty: '0.002', price: '29000', timeInForce: 'GTC', positionIdx: 0, reduceOnly: false, orderLinkId: 'ws-order-1' }],
    });
    expect(typeof create!['reqId']).toBe('string');
    expect((create!['reqId'] as string).length).toBeLessThanOrEqual(36);
    expect(Math.abs(Number((create!['header'] as Frame)['X-BAPI-TIMESTAMP']) - Date.now())).toBeLessThan(2_000);
    expect([o.id, o.clientOrderId, o.status]).toEqual(['ws-1', 'ws-order-1', 'open']);
    expect(rest.count('POST /v5/order/create')).toBe(0);

    const c = await ex.cancelOrder({ symbol: 'BTC/USDT:USDT', id: o.id });
    expect(c.status).toBe('canceled');
    expect(tradeFrames().at(-1)).toMatchObject({ op: 'order.cancel', args: [{ category: 'linear', symbol: 'BTCUSDT', orderId: 'ws-1' }] });
  });

  it('WS retCodes are typed: REST codes as in REST, its own codes from the WS table', async () => {
    ws.tradeHandler = () => ({ retCode: 110007, retMsg: 'ab not enough for new order', data: {} });
    await expect(ex.placeOrder({ symbol: 'BTC/USDT:USDT', side: 'buy', type: 'limit', amount: '1', price: '29000' })).rejects.toBeInstanceOf(InsufficientFundsError);
    ws.tradeHandler = () => ({ retCode: 10404, retMsg: 'op not found', data: {} });
    await expect(ex.placeOrder({ symbol: 'BTC/USDT:USDT', side: 'buy', type: 'limit', amount: '0.001', price: '29000' })).rejects.toBeInstanceOf(NotSupportedError);
  });

  it('a timestamp rejection resyncs the clock and sends once more', async () => {
    const create = ws.tradeHandler!;
    let first = true;
    ws.tradeHandler = (f, peer) => {
      if (first) {
        first = false;
        return { retCode: 10002, retMsg: 'invalid request, please check your server timestamp', data: {} };
      }
      return create(f, peer);
    };
    const o = await ex.placeOrder({ symbol: 'BTC/USDT:USDT', side: 'sell', type: 'limit', amount: '0.001', price: '31000' });
    expect(o.status).toBe('open');
    expect(tradeFrames().filter((f) => f['op'] === 'order.create')).toHaveLength(2);
  });

  it('a lost connection before the reply: looked up by client id, placed once', async () => {
    const create = ws.tradeHandler!;
    let dropped = false;
    ws.tradeHandler = (f, peer) => {
      const out = create(f, peer);
      if (!dropped && f['op'] === 'order.create') {
        dropped = true;
        peer.ws.terminate(); // the venue acted, the answer is lost
        return undefined;
      }
      return out;
    };
    const o = await ex.placeOrder({ symbol: 'BTC/USDT:USDT', side: 'buy', type: 'limit', amount: '0.001', price: '29000', clientOrderId: 'lost-1' });
    expect([o.clientOrderId, orders.size]).toEqual(['lost-1', 1]);
    expect(tradeFrames().filter((f) => f['op'] === 'order.create')).toHaveLength(1);
  });

  it('a refused login is AuthenticationError', async () => {
    ws.refuseLogin = 'Invalid sign';
    await expect(ex.placeOrder({ symbol: 'BTC/USDT:USDT', side: 'buy', type: 'limit', amount: '0.001', price: '29000' })).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('demo has no WS order entry: orders go over REST', async () => {
    const demo = makeExchange(rest, ws, { environment: 'demo', orderEntry: 'websocket', urls: undefined as never });
    expect(demo.orderEntry).toBe('rest');
    expect(demo.urls.tradeWs).toBeUndefined();
    await demo.close();
  });
});
