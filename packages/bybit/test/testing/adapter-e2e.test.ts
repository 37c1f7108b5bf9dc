/** The adapter (`createBybit`, custom URL environment) end to end against the simulator. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBybit, type BybitExchange } from '../../src/index.js';
import { startBybitSimulator, type BybitSimulator } from '../../src/testing/index.js';

let sim: BybitSimulator;
let ex: BybitExchange;

beforeAll(async () => {
  sim = await startBybitSimulator({ seed: 'adapter-e2e' });
  ex = createBybit({
    environment: 'custom',
    urls: {
      rest: sim.restUrl,
      publicWs: { linear: sim.wsPublicUrl('linear'), spot: sim.wsPublicUrl('spot') },
      privateWs: sim.wsPrivateUrl,
      tradeWs: sim.wsTradeUrl,
    },
    credentials: { apiKey: sim.apiKey, apiSecret: sim.apiSecret },
    category: ['linear', 'spot'],
  });
});
afterAll(async () => {
  await ex.close();
  await sim.close();
});

describe('createBybit against the simulator', () => {
  it('loads markets (linear and spot)', async () => {
    const markets = await ex.loadMarkets();
    const symbols = markets.map((m) => m.symbol);
    expect(symbols).toContain('BTC/USDT:USDT');
    expect(symbols).toContain('BTC/USDT');
  });

  it('fetches a ticker, a book and candles', async () => {
    const t = await ex.fetchTicker('BTC/USDT:USDT');
    expect(t.last?.toString()).toBe(sim.venue.ticker('BTC/USDT:USDT').last.toString());
    const book = await ex.fetchOrderBook('BTC/USDT:USDT', 10);
    expect(book.bids.length).toBeGreaterThan(0);
    expect(book.asks.length).toBeGreaterThan(0);
    const candles = await ex.fetchCandles('BTC/USDT:USDT', '1h', { limit: 10 });
    expect(candles).toHaveLength(10);
    expect(candles[0]!.openTime).toBeLessThan(candles[9]!.openTime);
  });

  it('fetches balances', async () => {
    const balances = await ex.fetchBalances();
    const usdt = balances.find((b) => b.currency === 'USDT');
    expect(usdt).toBeDefined();
    expect(usdt!.total.toString()).toBe(sim.venue.balance(sim.venue.defaultAccountId, 'USDT').total.toString());
  });

  it('places a limit order, sees it open, cancels it', async () => {
    const bid = sim.venue.ticker('BTC/USDT:USDT').bid!;
    const price = bid.minus(1000).toFixed(1);
    const placed = await ex.placeOrder({ symbol: 'BTC/USDT:USDT', side: 'buy', type: 'limit', amount: '0.01', price });
    expect(placed.id).not.toBe('');
    const open = await ex.fetchOpenOrders('BTC/USDT:USDT');
    const mine = open.find((o) => o.id === placed.id);
    expect(mine?.status).toBe('open');
    expect(mine?.price?.toString()).toBe(Number(price).toString());
    const canceled = await ex.cancelOrder({ symbol: 'BTC/USDT:USDT', id: placed.id });
    expect(canceled.status).toBe('canceled');
    expect((await ex.fetchOpenOrders('BTC/USDT:USDT')).find((o) => o.id === placed.id)).toBeUndefined();
    expect(sim.venue.order(sim.venue.defaultAccountId, { orderId: placed.id })?.status).toBe('canceled');
  });

  it('a market halted after the first load stays listed, inactive, on reload (instruments-info lists Trading only)', async () => {
    await ex.loadMarkets();
    await sim.control.setMarketStatus('ETHUSDT', 'halted');
    try {
      const reloaded = await ex.loadMarkets({ reload: true });
      expect(reloaded.find((m) => m.symbol === 'ETH/USDT:USDT')?.active).toBe(false);
      expect(reloaded.find((m) => m.symbol === 'BTC/USDT:USDT')?.active).toBe(true);
    } finally {
      await sim.control.setMarketStatus('ETHUSDT', 'trading');
    }
  });
});
