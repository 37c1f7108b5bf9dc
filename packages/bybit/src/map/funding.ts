import type { FundingRate, Market } from '@exkit/core';
import type { WireFundingHistory } from '../rest/schemas/market.js';
import type { TickerFields } from './ticker.js';
import { unexpected, realTimestamp } from './util.js';

/**
 * The current funding rate from a linear ticker: `fundingRate` applies at `nextFundingTime`
 * (the settlement it will be charged at), so both `timestamp` and `nextFundingTime` are that time.
 */
export function mapTickerFunding(w: TickerFields, market: Market): FundingRate {
  const at = realTimestamp(w.nextFundingTime);
  if (w.fundingRate === undefined || at === undefined) throw unexpected(`${market.id}: ticker carries no funding rate`, 'result.list.0.fundingRate');
  return {
    symbol: market.symbol,
    rate: w.fundingRate,
    timestamp: at,
    nextFundingTime: at,
    ...(w.markPrice !== undefined && { markPrice: w.markPrice }),
    ...(w.indexPrice !== undefined && { indexPrice: w.indexPrice }),
  };
}

/** A settled rate from `/v5/market/funding/history`. */
export function mapFundingHistory(w: WireFundingHistory, market: Market): FundingRate {
  return { symbol: market.symbol, rate: w.fundingRate, timestamp: w.fundingRateTimestamp };
}
