import type { OrderSide, Timeframe } from '@exkit/core';
import type { Decimal } from '../util/decimal.js';

/** [price, size] as the venue prints them (a scripted spelling such as `100.10` is kept). Size `"0"` deletes. */
export type BookLevel = readonly [price: string, size: string];

export interface BookSnapshot {
  readonly symbol: string;
  /** Best first. Account orders are part of the book. */
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
  /** Update id of the last book event published for this market (deltas increase it by exactly 1). */
  readonly seq: number;
  readonly timestamp: number;
}

export interface SimTrade {
  /** Per-market, increasing. */
  readonly id: string;
  readonly seq: number;
  readonly symbol: string;
  readonly price: Decimal;
  readonly size: Decimal;
  /** The taker's side. */
  readonly side: OrderSide;
  readonly timestamp: number;
}

export interface SimTicker {
  readonly symbol: string;
  readonly timestamp: number;
  readonly bid?: Decimal;
  readonly bidSize?: Decimal;
  readonly ask?: Decimal;
  readonly askSize?: Decimal;
  readonly last: Decimal;
  /** Rolling 24 h, from the 1m candles (history included). */
  readonly open24h: Decimal;
  readonly high24h: Decimal;
  readonly low24h: Decimal;
  /** Base units. */
  readonly volume24h: Decimal;
  /** Quote units. */
  readonly turnover24h: Decimal;
  readonly markPrice?: Decimal;
  readonly indexPrice?: Decimal;
  readonly fundingRate?: Decimal;
  readonly nextFundingTime?: number;
  /** Base units. */
  readonly openInterest?: Decimal;
}

export interface SimCandle {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly openTime: number;
  /** Last ms of the interval (openTime of the next − 1). */
  readonly closeTime: number;
  readonly open: Decimal;
  readonly high: Decimal;
  readonly low: Decimal;
  readonly close: Decimal;
  /** Base units. */
  readonly volume: Decimal;
  /** Quote units. */
  readonly turnover: Decimal;
  readonly trades: number;
  /** False while the interval runs. */
  readonly closed: boolean;
}
