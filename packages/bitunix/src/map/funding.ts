import type { FundingRate, Market } from '@exkit/core';
import type { WireFundingRate } from '../rest/schemas/market.js';

/**
 * funding_rate row → FundingRate. `fundingRate` is in **percent** on this endpoint ("0.01" = 0.0001; PROBE checked it
 * three ways, bitunix.md §5) and becomes a fraction here (÷100 is exact in decimal). The rate settles at
 * `nextFundingTime`, which is also its timestamp; without one (old doc page) the reading time is used.
 */
export function fromRestFundingRate(f: WireFundingRate, market: Market, now: number): FundingRate {
  return {
    symbol: market.symbol,
    rate: f.fundingRate.div(100),
    timestamp: f.nextFundingTime ?? now,
    ...(f.nextFundingTime !== undefined && { nextFundingTime: f.nextFundingTime }),
    ...(f.markPrice !== undefined && f.markPrice.gt(0) && { markPrice: f.markPrice }),
    ...(f.indexPrice !== undefined && f.indexPrice.gt(0) && { indexPrice: f.indexPrice }),
  };
}
