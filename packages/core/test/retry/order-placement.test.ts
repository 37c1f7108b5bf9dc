/**
 * Retries against a loopback venue that counts orders: reads are repeated, placements land at
 * most once. Seeded jitter and millisecond delays keep it deterministic and fast.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ExchangeUnavailableError,
  InsufficientFundsError,
  InvalidOrderError,
  NetworkError,
  RestTransport,
  RetryPolicy,
  generateClientOrderId,
  seededRandom,
  type RetryInfo,
} from '../../src/index.js';
import { bybitLikeDecoder, ok } from '../transport/helpers/bybit-like.js';
import { LoopbackServer, json, type Recorded } from '../transport/helpers/loopback-server.js';

interface VenueOrder {
  readonly orderId: string;
  readonly orderLinkId: string;
}

const orderSchema = z.object({ orderId: z.string(), orderLinkId: z.string() });
const listSchema = z.object({ list: z.array(orderSchema) });

let server: LoopbackServer;
const orders = new Map<string, VenueOrder>();
/** How the venue treats the next POSTs, in order; `normal` once the list is used up. */
let script: Array<'land-then-drop' | 'drop-before-landing' | 'unavailable' | 'rate-limited' | 'insufficient'> = [];
/** Lookups that answer "not found" even when the order exists (a lagging index). */
let laggingLookups = 0;
const retries: RetryInfo[] = [];

function venue(r: Recorded, res: ServerResponse): void {
  if (r.path === '/v5/market/flaky') {
    return server.to('/v5/market/flaky').length < 3 ? json(res, 503, { retCode: 10016, retMsg: 'restarting' }) : json(res, 200, ok({ price: '1' }));
  }
  if (r.path === '/v5/order/realtime') {
    const id = new URLSearchParams(r.query).get('orderLinkId') ?? '';
    const found = orders.get(id);
    if (laggingLookups > 0) {
      laggingLookups--;
      return json(res, 200, ok({ list: [] }));
    }
    return json(res, 200, ok({ list: found ? [found] : [] }));
  }
  if (r.path === '/v5/order/create') {
    const { orderLinkId } = JSON.parse(r.body) as { orderLinkId: string };
    const mode = script.shift() ?? 'normal';
    if (mode === 'drop-before-landing') return void r.req.socket.destroy();
    if (mode === 'unavailable') return json(res, 503, {});
    if (mode === 'rate-limited') return json(res, 200, { retCode: 10006, retMsg: 'Too many visits!', result: {} });
    if (mode === 'insufficient') return json(res, 200, { retCode: 110007, retMsg: 'ab not enough for new order', result: {} });
    if (orders.has(orderLinkId)) return json(res, 200, { retCode: 110072, retMsg: 'OrderLinkedID is duplicate', result: {} });
    const order = { orderId: `o${orders.size + 1}`, orderLinkId };
    orders.set(orderLinkId, order);
    if (mode === 'land-then-drop') return void r.req.socket.destroy(); // executed, but the answer is lost
    return json(res, 200, ok(order));
  }
  json(res, 404, {});
}

function policy(): RetryPolicy {
  return new RetryPolicy({ baseDelayMs: 5, maxDelayMs: 20, random: seededRandom(1), onRetry: (i) => retries.push(i) });
}

function transport(retry = policy()): RestTransport {
  return new RestTransport({ exchange: 'venue', baseUrl: server.url, decoder: bybitLikeDecoder, retry, timeoutMs: 2000 });
}

function placer(t: RestTransport, retry: RetryPolicy) {
  return (clientOrderId: string | undefined) =>
    retry.placeOrder<VenueOrder>({
      clientOrderId,
      place: (id) =>
        t.request({ method: 'POST', path: '/v5/order/create', body: { symbol: 'BTCUSDT', side: 'Buy', qty: '0.01', orderLinkId: id ?? '' }, schema: orderSchema }),
      lookup: async (id) => (await t.request({ path: '/v5/order/realtime', query: { orderLinkId: id }, schema: listSchema })).list[0],
      isDuplicateClientOrderId: (err) => err instanceof InvalidOrderError && err.code === 110072,
    });
}

const posts = (): number => server.to('/v5/order/create').length;

beforeAll(async () => {
  server = await LoopbackServer.start(venue);
});
afterEach(() => {
  orders.clear();
  script = [];
  laggingLookups = 0;
  retries.length = 0;
  server.requests.length = 0;
});
afterAll(async () => {
  await server.close();
});

describe('reads', () => {
  it('are retried with backoff on 5xx and succeed', async () => {
    const t = transport();
    const data = await t.request({ path: '/v5/market/flaky', schema: z.object({ price: z.string() }) });
    await t.close();
    expect(data.price).toBe('1');
    expect(server.to('/v5/market/flaky')).toHaveLength(3);
    expect(retries.map((r) => r.kind)).toEqual(['read', 'read']);
    expect(retries.every((r) => r.error instanceof ExchangeUnavailableError)).toBe(true);
  });
});

describe('order placement', () => {
  it('a POST through the transport is never repeated by itself, even with a retry policy', async () => {
    script = ['unavailable'];
    const t = transport();
    await expect(t.request({ method: 'POST', path: '/v5/order/create', body: { orderLinkId: 'a1' } })).rejects.toBeInstanceOf(ExchangeUnavailableError);
    await t.close();
    expect(posts()).toBe(1);
  });

  it('without a clientOrderId it is not retried', async () => {
    script = ['unavailable'];
    const retry = policy();
    const t = transport(retry);
    await expect(placer(t, retry)(undefined)).rejects.toBeInstanceOf(ExchangeUnavailableError);
    await t.close();
    expect(posts()).toBe(1);
    expect(retries).toHaveLength(0);
  });

  it('a lost response is resolved by looking the order up by clientOrderId: it is not placed twice', async () => {
    script = ['land-then-drop'];
    const retry = policy();
    const t = transport(retry);
    const id = generateClientOrderId('t');
    const order = await placer(t, retry)(id);
    await t.close();
    expect(order).toEqual({ orderId: 'o1', orderLinkId: id });
    expect(orders.size).toBe(1);
    expect(posts()).toBe(1);
    expect(server.to('/v5/order/realtime')).toHaveLength(1);
    expect(retries[0]!.error).toBeInstanceOf(NetworkError);
  });

  it('a request that never landed is sent again with the same clientOrderId, once', async () => {
    script = ['drop-before-landing'];
    const retry = policy();
    const t = transport(retry);
    const id = generateClientOrderId('t');
    const order = await placer(t, retry)(id);
    await t.close();
    expect(order.orderLinkId).toBe(id);
    expect(orders.size).toBe(1);
    expect(posts()).toBe(2);
    const sentIds = server.to('/v5/order/create').map((r) => (JSON.parse(r.body) as { orderLinkId: string }).orderLinkId);
    expect(sentIds).toEqual([id, id]);
  });

  it('a lagging lookup is caught by the venue rejecting the duplicate id: the landed order is returned', async () => {
    script = ['land-then-drop'];
    laggingLookups = 1;
    const retry = policy();
    const t = transport(retry);
    const id = generateClientOrderId('t');
    const order = await placer(t, retry)(id);
    await t.close();
    expect(order.orderLinkId).toBe(id);
    expect(orders.size).toBe(1);
    expect(posts()).toBe(2); // the second was refused as a duplicate
  });

  it('a venue rate-limit rejection is retried (nothing landed), without a lookup', async () => {
    script = ['rate-limited'];
    const retry = policy();
    const t = transport(retry);
    const order = await placer(t, retry)(generateClientOrderId());
    await t.close();
    expect(order.orderId).toBe('o1');
    expect(posts()).toBe(2);
    expect(server.to('/v5/order/realtime')).toHaveLength(0);
  });

  it('business rejections are final at once', async () => {
    script = ['insufficient'];
    const retry = policy();
    const t = transport(retry);
    await expect(placer(t, retry)(generateClientOrderId())).rejects.toBeInstanceOf(InsufficientFundsError);
    await t.close();
    expect(posts()).toBe(1);
  });
});
