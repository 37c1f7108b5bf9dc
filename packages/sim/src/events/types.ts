import type { Decimal } from '../util/decimal.js';
import type { SimBalance, SimFunding, SimPosition } from '../accounts/types.js';
import type { BookLevel, SimCandle, SimTicker, SimTrade } from '../market-data/types.js';
import type { SimFill, SimOrder } from '../matching/types.js';

interface PublicBase {
  readonly channel: 'public';
  readonly symbol: string;
  /**
   * Per market and stream, increasing by exactly 1 per event: the book's update id (`u`) for
   * `book`, and separate counters for trades, tickers, each candle timeframe, market and funding
   * events — so a front can stream them and a client can prove nothing was lost.
   */
  readonly seq: number;
  readonly timestamp: number;
}

export type PublicEvent =
  | (PublicBase & {
      readonly type: 'book';
      /** A full book (after a seed or on request), not a delta. */
      readonly snapshot: boolean;
      /** Changed levels (delta) or every level (snapshot), best first; size "0" deletes. */
      readonly bids: readonly BookLevel[];
      readonly asks: readonly BookLevel[];
    })
  | (PublicBase & { readonly type: 'trade'; readonly trade: SimTrade })
  | (PublicBase & { readonly type: 'ticker'; readonly ticker: SimTicker })
  | (PublicBase & { readonly type: 'candle'; readonly candle: SimCandle })
  | (PublicBase & { readonly type: 'market'; readonly status: 'trading' | 'halted'; readonly added: boolean })
  | (PublicBase & { readonly type: 'funding'; readonly rate: Decimal; readonly markPrice: Decimal });

interface PrivateBase {
  readonly channel: 'private';
  readonly accountId: string;
  /** Per account, increasing by exactly 1 over every private event of the account. */
  readonly seq: number;
  readonly timestamp: number;
}

export type PrivateEvent =
  | (PrivateBase & { readonly type: 'order'; readonly order: SimOrder })
  | (PrivateBase & { readonly type: 'fill'; readonly fill: SimFill })
  | (PrivateBase & { readonly type: 'position'; readonly position: SimPosition })
  | (PrivateBase & { readonly type: 'balance'; readonly balance: SimBalance })
  | (PrivateBase & { readonly type: 'funding'; readonly funding: SimFunding });

/** Instructions for fronts that own sockets (wire-level faults the engine schedules). */
export type ControlEvent =
  | { readonly channel: 'control'; readonly type: 'resetConnections'; readonly scope: 'public' | 'private' | 'all'; readonly timestamp: number }
  | { readonly channel: 'control'; readonly type: 'malformedFrame'; readonly stream?: string; readonly timestamp: number }
  | { readonly channel: 'control'; readonly type: 'reset'; readonly timestamp: number };

export type SimEvent = PublicEvent | PrivateEvent | ControlEvent;

export interface SubscribeFilter {
  readonly channel?: SimEvent['channel'];
  /** Public events of this market only. */
  readonly symbol?: string;
  /** Private events of this account only. */
  readonly accountId?: string;
}

export type SimListener = (event: SimEvent) => void;
