/** `createBitunix` against the simulator over loopback: market data, account, orders, private streams, reconnect. */
import type { Fill, Order, ReconciledEvent } from '@exkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBitunix, type BitunixExchange } from '../../src/index.js';
import { startBitunixSimulator, type BitunixSimulator } from '../../src/testing/index.js';
import { until } from './helpers.js';

const BTC = 'BTC/USDT:USDT';
let sim: BitunixSimulator;
let ex: BitunixExchange;

beforeAll(async () => {
  sim = await startBitunixSimulator({ seed: 'e2e' });
  // no background flow: only the test moves the book
  sim.venue.freeze(true);
  ex = createBitunix({ environment: sim.environment, credentials: { apiKey: sim.apiKey, apiSecret: sim.apiSecret } });
});
afterAll(async () => {
  await ex.close();
  await sim.close();
});

describe('createBitunix against the simulator', () => {
  it('markets, ticker, book, candles, balance', async () => {
    await ex.loadMarkets();
    const m = ex.markets.resolve(BTC);
    expect([m.id, m.tickSize.toFixed(), m.stepSize.toFixed()]).toEqual(['BTCUSDT', '0.1', '0.001']);
    const ticker = await ex.fetchTicker(BTC);
    expect(ticker.bid !== undefined && ticker.ask !== undefined && ticker.bid.lt(ticker.ask)).toBe(true);
    const book = await ex.fetchOrderBook(BTC, 5);
    expect(book.bids).toHaveLength(5);
    const candles = await ex.fetchCandles(BTC, '1m', { limit: 250 });
    expect(candles).toHaveLength(250);
    expect(candles[1]!.openTime - candles[0]!.openTime).toBe(60_000);
    const [usdt] = await ex.fetchBalances();
    expect([usdt?.currency, usdt?.total.toFixed()]).toEqual(['USDT', '100000']);
    const time = await ex.fetchServerTime();
    expect(Math.abs(time - Date.now())).toBeLessThan(2_000);
  });

  it('place → open orders → cancel', async () => {
    const book = await ex.fetchOrderBook(BTC, 5);
    const price = book.bids[4]!.price.minus(50);
    const order = await ex.placeOrder({ symbol: BTC, side: 'buy', type: 'limit', amount: '0.01', price });
    expect(order.status).toBe('open');
    expect((await ex.fetchOpenOrders(BTC)).map((o) => o.id)).toEqual([order.id]);
    const canceled = await ex.cancelOrder({ symbol: BTC, id: order.id });
    expect(canceled.status).toBe('canceled');
    expect(await ex.fetchOpenOrders(BTC)).toEqual([]);
  });

  it('private order and fill streams after a fill, then a forced disconnect and reconciliation', async () => {
    const orders = ex.streams.orders(BTC);
    const fills = ex.streams.fills(BTC);
    await Promise.all([orders.ready, fills.ready]);
    const reconciled: ReconciledEvent[] = [];
    ex.events.on('reconciled', (e) => reconciled.push(e));
    const seen: Order[] = [];
    const got: Fill[] = [];
    void (async () => {
      for await (const o of orders) seen.push(o);
    })().catch(() => undefined);
    void (async () => {
      for await (const f of fills) got.push(f);
    })().catch(() => undefined);

    // the orders join the best bid so a sell meets them first
    const top = (await ex.fetchOrderBook(BTC, 1)).bids[0]!.price;
    const bid = top.plus('0.1');
    const order = await ex.placeOrder({ symbol: BTC, side: 'buy', type: 'limit', amount: '0.02', price: bid });
    await until(() => seen.some((o) => o.id === order.id && o.status === 'open'), 'open pushed');
    // another participant sells into it
    await sim.control.crossBook('BTCUSDT', { side: 'sell', size: '0.02', limitPrice: bid.toFixed() });
    await until(() => seen.some((o) => o.id === order.id && o.status === 'filled'), 'filled pushed');
    await until(() => got.some((f) => f.orderId === order.id), 'fill');
    expect(got.filter((f) => f.orderId === order.id).reduce((s, f) => s + Number(f.size), 0)).toBeCloseTo(0.02, 9);

    // cut every socket; meanwhile a second order fills — reconciliation must report it
    const second = await ex.placeOrder({ symbol: BTC, side: 'buy', type: 'limit', amount: '0.01', price: bid });
    await until(() => seen.some((o) => o.id === second.id), 'second open');
    await sim.control.fault({ kind: 'resetConnections', scope: 'private' });
    await sim.control.crossBook('BTCUSDT', { side: 'sell', size: '0.01', limitPrice: bid.toFixed() });
    await until(() => reconciled.length > 0, 'reconciled', 15_000);
    await until(() => seen.some((o) => o.id === second.id && o.status === 'filled'), 'second filled', 15_000);
    await until(() => got.some((f) => f.orderId === second.id), 'second fill', 15_000);
    const conns = await sim.control.connections();
    expect(conns.some((c) => c.scope === 'private' && c.closedBy === 'fault')).toBe(true);
    expect(conns.filter((c) => c.scope === 'private' && c.authAttempts.some((a) => a.ok)).length).toBeGreaterThanOrEqual(2);
    const positions = await ex.fetchPositions([BTC]);
    expect(positions[0]?.size.toFixed()).toBe('0.03');
    await orders.close();
    await fills.close();
  });
});
