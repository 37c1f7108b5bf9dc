import { tickerSchema } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { mapTicker } from '../../src/map/ticker.js';
import { tickersResponseSchema } from '../../src/rest/schemas/market.js';
import { wsTickerFrameSchema } from '../../src/ws/schemas/public.js';
import { fixture } from '../helpers/fixtures.js';
import { linearMarket, plain, spotMarket } from '../helpers/markets.js';

describe('mapTicker', () => {
  it('spot REST ticker: top of book, 24 h stats (volume base, turnover quote), envelope time', () => {
    const res = tickersResponseSchema.parse(fixture('tickers-spot.json'));
    const t = mapTicker(res.result.list[0]!, spotMarket('BTCUSDT', 'BTC'), res.time);
    expect(tickerSchema.safeParse(t).success).toBe(true);
    expect(plain(t)).toEqual({
      symbol: 'BTC/USDT',
      timestamp: 1673859087947,
      bid: '20517.96',
      bidSize: '2',
      ask: '20527.77',
      askSize: '1.862172',
      last: '20533.13',
      open24h: '20393.48',
      high24h: '21128.12',
      low24h: '20318.89',
      baseVolume24h: '11801.27771',
      quoteVolume24h: '243765620.65899866',
    });
  });

  it('linear WS snapshot: mark, index, funding, next funding time, open interest', () => {
    const frame = wsTickerFrameSchema.parse(fixture('ws-ticker-linear-snapshot.json'));
    const t = mapTicker(frame.data, linearMarket('BTCUSDT', 'BTC'), frame.ts);
    expect(plain(t)).toMatchObject({
      symbol: 'BTC/USDT:USDT',
      timestamp: 1760325052630,
      bid: '66666.6',
      ask: '66666.7',
      last: '66666.6',
      markPrice: '66666.6',
      indexPrice: '115418.19',
      fundingRate: '-0.005',
      nextFundingTime: 1760342400000,
      openInterest: '492373.72',
      baseVolume24h: '73191.387',
      quoteVolume24h: '4936790807.6521',
    });
  });

  it('"" values are absent, not zero', () => {
    const frame = wsTickerFrameSchema.parse(fixture('ws-ticker-linear-futures-snapshot.json'));
    const t = mapTicker(frame.data, linearMarket('BTC-26DEC25', 'BTC'), frame.ts);
    expect(t.fundingRate).toBeUndefined();
    expect(t.nextFundingTime).toBeUndefined();
    expect(t.bid?.toFixed()).toBe('111254.5');
  });

  it('a spot market never reports derivative fields', () => {
    const frame = wsTickerFrameSchema.parse(fixture('ws-ticker-linear-snapshot.json'));
    const t = mapTicker(frame.data, spotMarket('BTCUSDT', 'BTC'), frame.ts);
    expect([t.markPrice, t.fundingRate, t.openInterest]).toEqual([undefined, undefined, undefined]);
  });
});
