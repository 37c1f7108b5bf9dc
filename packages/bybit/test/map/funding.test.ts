import { UnexpectedResponseError, fundingRateSchema } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { mapFundingHistory, mapTickerFunding } from '../../src/map/funding.js';
import { fundingHistoryResponseSchema } from '../../src/rest/schemas/market.js';
import { wsTickerFrameSchema } from '../../src/ws/schemas/public.js';
import { fixture } from '../helpers/fixtures.js';
import { linearMarket, plain } from '../helpers/markets.js';

describe('funding', () => {
  it('the current rate applies at the next funding time', () => {
    const frame = wsTickerFrameSchema.parse(fixture('ws-ticker-linear-snapshot.json'));
    const f = mapTickerFunding(frame.data, linearMarket('BTCUSDT', 'BTC'));
    expect(fundingRateSchema.safeParse(f).success).toBe(true);
    expect(plain(f)).toEqual({
      symbol: 'BTC/USDT:USDT',
      rate: '-0.005',
      timestamp: 1760342400000,
      nextFundingTime: 1760342400000,
      markPrice: '66666.6',
      indexPrice: '115418.19',
    });
  });

  it('a ticker without funding (a dated future) is UnexpectedResponse', () => {
    const frame = wsTickerFrameSchema.parse(fixture('ws-ticker-linear-futures-snapshot.json'));
    expect(() => mapTickerFunding(frame.data, linearMarket('BTC-26DEC25', 'BTC'))).toThrow(UnexpectedResponseError);
  });

  it('a settled rate from the history', () => {
    const res = fundingHistoryResponseSchema.parse(fixture('funding-history.json'));
    expect(plain(mapFundingHistory(res.result.list[0]!, linearMarket('ETHPERP', 'ETH', 'USDC')))).toEqual({ symbol: 'ETH/USDC:USDC', rate: '0.0001', timestamp: 1672041600000 });
  });
});
