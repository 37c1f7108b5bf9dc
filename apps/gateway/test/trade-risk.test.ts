// POST /api/v1/trade passes the engine's risk rules with the limits /config holds: a refused order is a 400
// naming the rule, reaches no venue, and leaves its client_order_id free; reducing orders are never refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from './support/gateway.js';

let t: TestGateway;
let admin: string;

beforeAll(async () => {
  t = await startGateway({}, { engine: false });
  admin = (await t.login()).access_token;
});
afterAll(async () => {
  expect(t.leaks()).toEqual([]);
  await t.close();
});

const trade = (body: Record<string, unknown>) => t.request('POST', '/api/v1/trade', { token: admin, body });
const venue = () => t.gw.ctx.venues.get('bybit-sim').client;
const portfolioValue = async (): Promise<number> => Number((await venue().fetchBalances()).find((b) => b.currency === 'USDT')?.total.toString() ?? '0');
const lastPrice = async (symbol: string): Promise<number> => Number((await venue().fetchTicker(symbol)).last?.toString() ?? 'NaN');

describe('POST /api/v1/trade risk checks', () => {
  it('refuses a position above max_position_size × portfolio, places nothing, frees the client_order_id', async () => {
    const value = await portfolioValue();
    const price = await lastPrice('ETH/USDT:USDT');
    expect(value).toBeGreaterThan(0);
    // 20 % of the portfolio against the default max_position_size 0.1.
    const tooBig = ((value * 0.2) / price).toFixed(2);
    const refused = await trade({ symbol: 'ETHUSDT', side: 'buy', size: tooBig, type: 'market', client_order_id: 'risk-test-1' });
    expect(refused.status).toBe(400);
    const err = (refused.body as { error: { error: string; message: string; details: { rule: string } } }).error;
    expect(err).toMatchObject({ error: 'validation_error', details: { rule: 'max_position_size' } });
    expect(err.message).toMatch(/^risk check failed: position notional/);
    expect((await venue().fetchOrderHistory('ETH/USDT:USDT')).filter((o) => o.clientOrderId === 'risk-test-1')).toHaveLength(0);

    // 2 % of the portfolio passes, under the same client_order_id.
    const ok = await trade({ symbol: 'ETHUSDT', side: 'buy', size: ((value * 0.02) / price).toFixed(2), type: 'market', client_order_id: 'risk-test-1' });
    expect(ok.status).toBe(200);
    expect((ok.body as { data: { replayed: boolean } }).data.replayed).toBe(false);
  });

  it('applies the limits /config holds now, and never refuses an order that only reduces a position', async () => {
    const value = await portfolioValue();
    const price = await lastPrice('ETH/USDT:USDT');
    const size = ((value * 0.05) / price).toFixed(2);
    expect((await t.request('POST', '/config', { token: admin, body: { settings: { trading: { max_position_size: '0.01' } } } })).status).toBe(200);
    try {
      const refused = await trade({ symbol: 'ETHUSDT', side: 'buy', size, type: 'market' });
      expect(refused.status).toBe(400);
      expect((refused.body as { error: { details: { rule: string } } }).error.details.rule).toBe('max_position_size');
      // The position from the first test is now above the limit; selling part of it only reduces exposure.
      const positions = await venue().fetchPositions();
      const eth = positions.find((p) => p.symbol === 'ETH/USDT:USDT');
      expect(eth?.size.gt(0)).toBe(true);
      const reduce = await trade({ symbol: 'ETHUSDT', side: 'sell', size: eth?.size.div(2).toFixed(2) ?? '0', type: 'market' });
      expect(reduce.status, JSON.stringify(reduce.body)).toBe(200);
    } finally {
      expect((await t.request('POST', '/config', { token: admin, body: { settings: { trading: { max_position_size: '0.1' } } } })).status).toBe(200);
    }
  });
});
