import type { Decimal, Market, Ticker } from '@exkit/core';
import { realTimestamp } from './util.js';

/** The ticker fields both REST `/v5/market/tickers` and the WS `tickers` topic carry (parsed). */
export interface TickerFields {
  readonly symbol?: string;
  readonly lastPrice?: Decimal | undefined;
  readonly indexPrice?: Decimal | undefined;
  readonly markPrice?: Decimal | undefined;
  readonly prevPrice24h?: Decimal | undefined;
  readonly highPrice24h?: Decimal | undefined;
  readonly lowPrice24h?: Decimal | undefined;
  readonly openInterest?: Decimal | undefined;
  readonly turnover24h?: Decimal | undefined;
  readonly volume24h?: Decimal | undefined;
  readonly fundingRate?: Decimal | undefined;
  readonly nextFundingTime?: number | undefined;
  readonly bid1Price?: Decimal | undefined;
  readonly bid1Size?: Decimal | undefined;
  readonly ask1Price?: Decimal | undefined;
  readonly ask1Size?: Decimal | undefined;
}

/**
 * Wire ticker → core Ticker. `volume24h` is base and `turnover24h` quote for spot and linear
 * (reference §5: "inverse: reversed", not served here). `prevPrice24h` is the price 24 h ago,
 * i.e. the 24 h open. Open interest is in base coin for linear. REST items carry no time of their
 * own: `timestamp` is the envelope's (WS: the frame's `ts`).
 */
export function mapTicker(w: TickerFields, market: Market, timestamp: number): Ticker {
  const opt = <K extends string>(key: K, value: Decimal | undefined): Partial<Record<K, Decimal>> =>
    (value === undefined ? {} : { [key]: value }) as Partial<Record<K, Decimal>>;
  const nextFunding = realTimestamp(w.nextFundingTime);
  return {
    symbol: market.symbol,
    timestamp,
    ...opt('bid', w.bid1Price),
    ...opt('bidSize', w.bid1Size),
    ...opt('ask', w.ask1Price),
    ...opt('askSize', w.ask1Size),
    ...opt('last', w.lastPrice),
    ...opt('open24h', w.prevPrice24h),
    ...opt('high24h', w.highPrice24h),
    ...opt('low24h', w.lowPrice24h),
    ...opt('baseVolume24h', w.volume24h),
    ...opt('quoteVolume24h', w.turnover24h),
    ...(market.type !== 'spot' && {
      ...opt('markPrice', w.markPrice),
      ...opt('indexPrice', w.indexPrice),
      ...opt('fundingRate', w.fundingRate),
      ...opt('openInterest', w.openInterest),
      ...(nextFunding !== undefined && { nextFundingTime: nextFunding }),
    }),
  };
}
