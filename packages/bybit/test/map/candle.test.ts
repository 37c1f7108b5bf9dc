import { candleSchema, timeframeSchema } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { BYBIT_TIMEFRAMES, mapKline, mapWsKline, TIMEFRAME_TO_INTERVAL, timeframeOfInterval } from '../../src/map/candle.js';
import { klineResponseSchema } from '../../src/rest/schemas/market.js';
import { wsKlineFrameSchema } from '../../src/ws/schemas/public.js';
import { fixture } from '../helpers/fixtures.js';
import { linearMarket, plain } from '../helpers/markets.js';

const market = linearMarket('BTCUSD', 'BTC');

describe('candles', () => {
  it.each(Object.entries(TIMEFRAME_TO_INTERVAL))('%s ↔ interval %s (§8)', (tf, interval) => {
    expect(timeframeOfInterval(interval)).toBe(tf);
  });

  it('serves every core timeframe', () => {
    expect([...BYBIT_TIMEFRAMES].sort()).toEqual([...timeframeSchema.options].sort());
  });

  it('REST rows (7 strings, newest first) → candles; the running one is open', () => {
    const res = klineResponseSchema.parse(fixture('kline-inverse.json'));
    const now = 1670612400000 - 1; // inside the newest hour
    const candles = res.result.list.map((r) => mapKline(r, market, '1h', now));
    for (const c of candles) expect(candleSchema.safeParse(c).success).toBe(true);
    expect(plain(candles[0])).toEqual({
      symbol: 'BTC/USDT:USDT',
      timeframe: '1h',
      openTime: 1670608800000,
      open: '17071',
      high: '17073',
      low: '17027',
      close: '17055.5',
      volume: '268611',
      quoteVolume: '15.74462667',
      closed: false,
    });
    expect(candles.map((c) => c.closed)).toEqual([false, true, true]);
    expect(mapKline(res.result.list[0]!, market, '1h', 1670612400000).closed).toBe(true);
  });

  it('WS kline: `confirm` says closed', () => {
    const frame = wsKlineFrameSchema.parse(fixture('ws-kline.json'));
    const c = mapWsKline(frame.data[0]!, linearMarket('BTCUSDT', 'BTC'), '5m');
    expect(plain(c)).toEqual({
      symbol: 'BTC/USDT:USDT',
      timeframe: '5m',
      openTime: 1672324800000,
      open: '16649.5',
      high: '16677',
      low: '16608',
      close: '16677',
      volume: '2.081',
      quoteVolume: '34666.4005',
      closed: false,
    });
    expect(mapWsKline({ ...frame.data[0]!, confirm: true }, linearMarket('BTCUSDT', 'BTC'), '5m').closed).toBe(true);
  });
});
