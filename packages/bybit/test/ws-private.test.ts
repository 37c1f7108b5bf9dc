import { createHmac } from 'node:crypto';
import { AuthenticationError, type Balance, type Fill, type Order, type Position, type ReconciledEvent } from '@exkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BybitExchange } from '../src/exchange.js';
import { API_KEY, API_SECRET, FakeBybitRest, FakeBybitWs, until, type Frame } from './helpers/fake-bybit.js';
import { executionRow, linearRow, makeExchange, orderRow, serveInstruments } from './helpers/exchange.js';
import { fixture } from './helpers/fixtures.js';

const PRIVATE = '/v5/private';

let rest: FakeBybitRest;
let ws: FakeBybitWs;
let ex: BybitExchange;

beforeEach(async () => {
  rest = await new FakeBybitRest().start();
  ws = await new FakeBybitWs().start();
  serveInstruments(rest, [linearRow('BTCUSDT', 'BTC')]);
  rest.on('GET /v5/account/wallet-balance', () => ({ list: [{ accountType: 'UNIFIED', coin: [{ coin: 'USDT', walletBalance: '1000', totalOrderIM: '10' }] }] }));
  rest.on('GET /v5/position/list', () => ({ category: 'linear', list: [{ symbol: 'BTCUSDT', side: 'Buy', size: '0.01', positionIdx: 0, avgPrice: '30000', updatedTime: '1700000000000' }], nextPageCursor: '' }));
  ex = makeExchange(rest, ws, { category: 'linear' });
});

afterEach(async () => {
  await ex.close();
  await ws.close();
  await rest.close();
});

const privateFrames = () => ws.peers.filter((p) => p.path === PRIVATE).flatMap((p) => p.frames);
const push = (topic: string, data: unknown[]): number => ws.publish(PRIVATE, topic, { id: `id-${Math.random()}`, topic, creationTime: Date.now(), data });
const linearOrder = (over: Record<string, unknown>): Record<string, unknown> => ({ category: 'linear', ...orderRow(over) });
const linearExec = (over: Record<string, unknown>): Record<string, unknown> => ({ category: 'linear', ...executionRow({ feeCurrency: 'USDT', ...over }) });

function collect<T>(sub: { onItem(l: (t: T) => void): () => void }): T[] {
  const items: T[] = [];
  sub.onItem((t) => items.push(t));
  return items;
}

describe('private stream', () => {
  it('logs in with a signed, future `expires`, then subscribes', async () => {
    const orders = ex.streams.orders();
    await orders.ready;
    const [auth, sub] = privateFrames().filter((f) => f['op'] !== 'ping');
    expect(auth!['op']).toBe('auth');
    const [key, expires, sig] = auth!['args'] as [string, number, string];
    expect(key).toBe(API_KEY);
    expect(expires).toBeGreaterThan(Date.now());
    expect(sig).toBe(createHmac('sha256', API_SECRET).update(`GET/realtime${expires}`).digest('hex'));
    expect(sub).toMatchObject({ op: 'subscribe', args: ['order'] });
  });

  it('orders: mapped per row, other categories skipped, never regressing, repeats once', async () => {
    const orders = ex.streams.orders('BTC/USDT:USDT');
    const items = collect<Order>(orders);
    await orders.ready;
    push('order', fixture<{ data: unknown[] }>('ws-order.json').data); // an option order: not a loaded category
    push('order', [linearOrder({ orderId: 'a', updatedTime: '1700000000001' })]);
    push('order', [linearOrder({ orderId: 'a', orderStatus: 'PartiallyFilled', cumExecQty: '0.005', cumExecValue: '150', updatedTime: '1700000000002' })]);
    push('order', [linearOrder({ orderId: 'a', orderStatus: 'Filled', cumExecQty: '0.010', cumExecValue: '300', updatedTime: '1700000000003' })]);
    // A cancel racing the fill: a second Filled (reference §6), then a stale New.
    push('order', [linearOrder({ orderId: 'a', orderStatus: 'Filled', cumExecQty: '0.010', cumExecValue: '300', updatedTime: '1700000000003' })]);
    push('order', [linearOrder({ orderId: 'a', updatedTime: '1700000000001' })]);
    push('order', [linearOrder({ orderId: 'b', updatedTime: '1700000000009' })]);
    await until(() => items.some((o) => o.id === 'b'), 'order b');
    expect(items.map((o) => [o.id, o.status, o.filled.toFixed()])).toEqual([
      ['a', 'open', '0'],
      ['a', 'open', '0.005'],
      ['a', 'filled', '0.01'],
      ['b', 'open', '0'],
    ]);
  });

  it('a row the adapter cannot express is reported; the rest of the frame goes on', async () => {
    const errors: unknown[] = [];
    ex.events.on('error', (e) => errors.push(e.error));
    const orders = ex.streams.orders();
    const items = collect<Order>(orders);
    await orders.ready;
    push('order', [linearOrder({ orderId: 'x', orderType: 'UNKNOWN' }), linearOrder({ orderId: 'y' })]);
    await until(() => items.length === 1, 'order y');
    expect(items[0]!.id).toBe('y');
    expect(errors).toHaveLength(1);
  });

  it('fills: each execution once; funding is not a fill', async () => {
    const fills = ex.streams.fills();
    const items = collect<Fill>(fills);
    await fills.ready;
    push('execution', fixture<{ data: unknown[] }>('ws-execution.json').data);
    push('execution', fixture<{ data: unknown[] }>('ws-execution.json').data);
    push('execution', [linearExec({ execId: 'fund-1', execType: 'Funding', orderType: 'UNKNOWN' }), linearExec({ execId: 'e-2' })]);
    await until(() => items.length === 2, 'two fills');
    expect(items.map((f) => f.id)).toEqual(['0ab1bdf7-4219-438b-b30a-32ec863018f7', 'e-2']);
  });

  it('balances and positions start from a REST snapshot, then follow the pushes', async () => {
    const balances = ex.streams.balances();
    const positions = ex.streams.positions('BTC/USDT:USDT');
    const b = collect<Balance>(balances);
    const p = collect<Position>(positions);
    await Promise.all([balances.ready, positions.ready]);
    await until(() => b.length === 1 && p.length === 1, 'snapshots');
    expect([b[0]!.currency, b[0]!.free.toFixed(), b[0]!.used.toFixed()]).toEqual(['USDT', '990', '10']);
    expect([p[0]!.side, p[0]!.size.toFixed()]).toEqual(['long', '0.01']);
    push('wallet', fixture<{ data: unknown[] }>('ws-wallet.json').data);
    push('position', [{ ...fixture<{ data: Frame[] }>('ws-position.json').data[0], category: 'linear' }]);
    await until(() => b.length === 2 && p.length === 2, 'pushes');
    expect([b[1]!.currency, b[1]!.total.toFixed()]).toEqual(['BTC', '0.00102964']);
    expect([p[1]!.side, p[1]!.size.toFixed()]).toEqual(['flat', '0']);
  });

  it('a refused login ends the private streams with AuthenticationError and stops trying', async () => {
    ws.refuseLogin = 'Params Error';
    const orders = ex.streams.orders();
    await expect(orders.ready).rejects.toBeInstanceOf(AuthenticationError);
    await new Promise((r) => setTimeout(r, 200));
    expect(privateFrames().filter((f) => f['op'] === 'auth')).toHaveLength(1);
    ws.refuseLogin = undefined;
    const again = ex.streams.orders();
    await again.ready; // a later subscription connects afresh
  });

  it('without credentials a private stream fails at once, without connecting', async () => {
    const anon = makeExchange(rest, ws, { credentials: undefined as never });
    await expect(anon.streams.fills().ready).rejects.toBeInstanceOf(AuthenticationError);
    await anon.close();
    expect(ws.peers.filter((p) => p.path === PRIVATE)).toHaveLength(0);
  });

  it('after a reconnect it reconciles by REST: final order states and missed fills, each once', async () => {
    let open = [linearOrder({ orderId: 'o-1', updatedTime: '1700000000001' })];
    let closed: Array<Record<string, unknown>> = [];
    let executions = [linearExec({ execId: 'e-1', execTime: String(Date.now() - 5_000) })];
    rest.on('GET /v5/order/realtime', (r) => {
      const id = r.params.get('orderId');
      const stop = r.params.get('orderFilter') === 'StopOrder';
      const list = id === null ? (stop ? [] : open) : [...open, ...closed].filter((o) => o['orderId'] === id);
      return { category: 'linear', list, nextPageCursor: '' };
    });
    rest.on('GET /v5/order/history', () => ({ category: 'linear', list: closed, nextPageCursor: '' }));
    rest.on('GET /v5/execution/list', () => ({ category: 'linear', list: executions, nextPageCursor: '' }));
    const reconciled: ReconciledEvent[] = [];
    ex.events.on('reconciled', (e) => reconciled.push(e));

    const orders = ex.streams.orders();
    const fills = ex.streams.fills();
    const o = collect<Order>(orders);
    const f = collect<Fill>(fills);
    await Promise.all([orders.ready, fills.ready]);
    push('order', open);
    push('execution', executions);
    await until(() => o.length === 1 && f.length === 1, 'live events');

    // The connection drops; meanwhile o-1 fills and a second execution happens.
    closed = [linearOrder({ orderId: 'o-1', orderStatus: 'Filled', cumExecQty: '0.010', cumExecValue: '300', updatedTime: '1700000000005' })];
    open = [linearOrder({ orderId: 'o-2', updatedTime: '1700000000006' })];
    executions = [...executions, linearExec({ execId: 'e-2', execTime: String(Date.now() - 1_000) })];
    ws.on(PRIVATE)[0]!.ws.terminate();

    await until(() => reconciled.length === 1, 'reconciled', 8_000);
    expect(reconciled[0]!.emitted).toBe(3); // o-2 open, o-1 filled, fill e-2
    expect(o.map((x) => [x.id, x.status])).toEqual([['o-1', 'open'], ['o-2', 'open'], ['o-1', 'filled']]);
    expect(f.map((x) => x.id)).toEqual(['e-1', 'e-2']);
    // Logged in again before subscribing again.
    const ops = ws.peers.filter((p) => p.path === PRIVATE)[1]!.frames.map((x) => x['op']).filter((op) => op !== 'ping');
    expect(ops.slice(0, 2)).toEqual(['auth', 'subscribe']);
  });

  it('a lost event with the connection up is found by the periodic REST check', async () => {
    await ex.close();
    ex = makeExchange(rest, ws, { category: 'linear', reconcileIntervalMs: 100 });
    let open = [linearOrder({ orderId: 'p-1', updatedTime: '1700000000001' })];
    let closed: Array<Record<string, unknown>> = [];
    rest.on('GET /v5/order/realtime', (r) => {
      const id = r.params.get('orderId');
      const list = r.params.get('orderFilter') === 'StopOrder' ? [] : id === null ? open : [...open, ...closed].filter((o) => o['orderId'] === id);
      return { category: 'linear', list, nextPageCursor: '' };
    });
    rest.on('GET /v5/order/history', () => ({ category: 'linear', list: closed, nextPageCursor: '' }));
    const reconciled: ReconciledEvent[] = [];
    ex.events.on('reconciled', (e) => reconciled.push(e));
    const orders = ex.streams.orders();
    const o = collect<Order>(orders);
    await orders.ready;
    push('order', open);
    await until(() => o.length === 1, 'the live order');
    // The venue fills p-1 but its push is lost.
    closed = [linearOrder({ orderId: 'p-1', orderStatus: 'Filled', cumExecQty: '0.010', cumExecValue: '300', updatedTime: '1700000000002' })];
    open = [];
    await until(() => o.length === 2, 'the fill found by the check', 3_000);
    expect(o.map((x) => [x.id, x.status])).toEqual([['p-1', 'open'], ['p-1', 'filled']]);
    expect(reconciled[0]).toMatchObject({ reason: 'periodic check', emitted: 1 });
    // Nothing new: further checks deliver nothing and say nothing.
    await new Promise((r) => setTimeout(r, 350));
    expect(o).toHaveLength(2);
    expect(reconciled).toHaveLength(1);
  });
});
