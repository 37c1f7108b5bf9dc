import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { until } from '../trading/support/bus-events.js';
import { lastPrice, startTestVenue, SYMBOL, type TestVenue } from '../trading/support/sim-venue.js';
import { startWsServer, TestClient, type WsServer } from './support/ws-server.js';

describe('WS market topics fed from the venue streams', () => {
  let tv: TestVenue;
  let s: WsServer;
  const clients: TestClient[] = [];
  const client = async (session: string): Promise<TestClient> => {
    const c = new TestClient(s.url(session, 'reader-token'));
    clients.push(c);
    await c.next('authenticated');
    return c;
  };
  beforeEach(async () => {
    tv = await startTestVenue('ws-market');
    s = await startWsServer({ venues: tv.registry });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await s.close();
    await tv.close();
  });

  it('price_update, trade and candle with a native or unified symbol; upstream only while wanted', async () => {
    const a = await client('a');
    const b = await client('b');
    a.send({ type: 'subscribe', topics: ['price_update:BTCUSDT', 'trade:BTC/USDT:USDT', 'candle:BTC/USDT:USDT'] });
    expect(await a.next('subscribed')).toEqual({ type: 'subscribed', topics: [`price_update:${SYMBOL}`, `trade:${SYMBOL}`, `candle:${SYMBOL}`] });
    b.send({ type: 'subscribe', topics: [`price_update:${SYMBOL}`, 'price_update:NOPE/USDT:USDT'] });
    expect(await b.next('error')).toMatchObject({ error: 'validation_error', message: expect.stringContaining('NOPE') });
    expect(await b.next('subscribed')).toEqual({ type: 'subscribed', topics: [`price_update:${SYMBOL}`] });
    expect([...s.gateway.hub.upstreamTopics].sort()).toEqual([`candle:${SYMBOL}`, `price_update:${SYMBOL}`, `trade:${SYMBOL}`]);

    const p = lastPrice(tv.venue);
    const price = (p * 1.001).toFixed(1);
    tv.venue.printTrades(SYMBOL, [{ price, size: '0.002', side: 'sell' }]);
    const trade = await a.next((f) => f.type === 'trade' && (f['data'] as { price: string }).price === new Number(price).toString());
    expect(trade['data']).toMatchObject({ exchange: 'bybit-sim', symbol: SYMBOL, size: '0.002', side: 'sell' });
    expect(typeof (trade['data'] as { timestamp: unknown }).timestamp).toBe('number');
    const tick = await b.next((f) => f.type === 'price_update' && (f['data'] as { last: string }).last === new Number(price).toString());
    expect(tick['data']).toMatchObject({ exchange: 'bybit-sim', symbol: SYMBOL });
    await a.next('price_update');

    tv.venue.advanceClock(60_000 - (tv.venue.now() % 60_000));
    const candle = await a.next((f) => f.type === 'candle' && (f['data'] as { closed: boolean }).closed);
    expect(candle['data']).toMatchObject({ symbol: SYMBOL, timeframe: '1m', close: new Number(price).toString() });

    a.send({ type: 'unsubscribe', topics: ['trade:BTCUSDT', 'candle:BTCUSDT', `price_update:${SYMBOL}`] });
    await a.next('unsubscribed');
    expect(s.gateway.hub.upstreamTopics).toEqual([`price_update:${SYMBOL}`]);
    b.close();
    await until(() => s.gateway.hub.upstreamTopics.length === 0, 'the last upstream stream to close');
    expect(s.gateway.stats().subscription_stats).toEqual({});
  });
});
