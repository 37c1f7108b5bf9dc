/**
 * A third-party client against the simulator: sieblyio's `bybit-api` (SIEBLY in the reference)
 * signs with its own code (URL-encoded query, `X-BAPI-SIGN-TYPE: 2`, `x-referer`) and must get
 * the same answers as from the venue.
 */
import { RestClientV5 } from 'bybit-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBybitSimulator, type BybitSimulator } from '../../src/testing/index.js';

let sim: BybitSimulator;

beforeAll(async () => {
  sim = await startBybitSimulator({ seed: 'third-party' });
});
afterAll(async () => {
  await sim.close();
});

describe('bybit-api RestClientV5 (baseUrl → simulator)', () => {
  it('public and signed GET/POST calls work; a wrong secret gets 10004', async () => {
    const client = new RestClientV5({ key: sim.apiKey, secret: sim.apiSecret, baseUrl: sim.restUrl, parseAPIRateLimits: true });
    const time = await client.getServerTime();
    expect(time.retCode).toBe(0);
    const tickers = await client.getTickers({ category: 'linear', symbol: 'BTCUSDT' });
    expect(tickers.retCode).toBe(0);
    expect(tickers.result.list[0]?.symbol).toBe('BTCUSDT');

    const wallet = await client.getWalletBalance({ accountType: 'UNIFIED' });
    expect(wallet.retCode).toBe(0);
    expect(wallet.result.list[0]?.coin.some((c) => c.coin === 'USDT')).toBe(true);

    const price = sim.venue.ticker('BTC/USDT:USDT').bid!.minus(1000).toFixed(1);
    const placed = await client.submitOrder({ category: 'linear', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit', qty: '0.001', price, orderLinkId: 'siebly-1' });
    expect(placed.retCode).toBe(0);
    expect(placed.result.orderLinkId).toBe('siebly-1');
    const open = await client.getActiveOrders({ category: 'linear', symbol: 'BTCUSDT' });
    expect(open.result.list.map((o) => o.orderId)).toContain(placed.result.orderId);
    const canceled = await client.cancelOrder({ category: 'linear', symbol: 'BTCUSDT', orderId: placed.result.orderId });
    expect(canceled.retCode).toBe(0);

    const log = await sim.control.receivedRequests();
    expect(log.filter((r) => r.operation === 'placeOrder' && r.rejected === undefined)).toHaveLength(1);

    const wrong = new RestClientV5({ key: sim.apiKey, secret: 'not-the-secret', baseUrl: sim.restUrl });
    const refused = await wrong.getWalletBalance({ accountType: 'UNIFIED' });
    expect(refused.retCode).toBe(10004);
  });
});
