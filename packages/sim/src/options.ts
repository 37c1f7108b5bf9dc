import type { Clock, MarginMode, Timers } from '@exkit/core';
import type { InstrumentDefinition } from './instruments/definition.js';

export interface SimVenueOptions {
  /** Everything random (prices, sizes, keys, chaos faults) derives from it. Default 1. */
  readonly seed?: string | number;
  /**
   * Virtual time: the venue starts at `start` (default 2026-01-01T00:00Z) and time moves only by
   * `advanceClock()`. Otherwise time is `clock` (default the system clock) and tasks run on
   * `timers` (default Node's, unref'd).
   */
  readonly virtual?: boolean | { readonly start?: number };
  readonly clock?: Clock;
  readonly timers?: Timers;
  /** Markets (default: BTC, ETH, SOL, XRP against USDT, spot and linear perpetual). */
  readonly instruments?: readonly InstrumentDefinition[];
  /** Wallet of the default account and of fresh accounts without their own. */
  readonly wallet?: Readonly<Record<string, string>>;
  /** Background ticks per second (each may move the price, the book, print a trade). Default 4. */
  readonly rate?: number;
  /** Start with background activity paused. */
  readonly frozen?: boolean;
  /** Funding settlements (default on). */
  readonly funding?: boolean;
  /** A post-only order that would cross: accepted then canceled (default, as most venues) or refused. */
  readonly postOnlyCross?: 'cancel' | 'reject';
  /** Live orders an account may hold per market. Default 500. */
  readonly maxLiveOrdersPerMarket?: number;
  /** Terminal orders and fills kept per account. Default 10 000. */
  readonly historyLimit?: number;
  /** Trades kept per market. Default 1 000. */
  readonly tapeLimit?: number;
  /** Closed candles kept per market and timeframe. Default 1 500. */
  readonly candleHistoryLimit?: number;
  /** Synthetic candles before the start, per timeframe. Default 1 500. */
  readonly syntheticHistory?: number;
  /** Order log entries kept. Default 10 000. */
  readonly orderLogLimit?: number;
  readonly defaultMarginMode?: MarginMode;
  /** Where an exception thrown by an event listener goes (default: rethrown on a microtask). */
  readonly onListenerError?: (error: unknown) => void;
}

export interface ResolvedOptions {
  readonly seed: string | number;
  readonly instruments: readonly InstrumentDefinition[];
  readonly wallet: Readonly<Record<string, string>>;
  readonly rate: number;
  readonly frozen: boolean;
  readonly funding: boolean;
  readonly postOnlyCross: 'cancel' | 'reject';
  readonly maxLiveOrdersPerMarket: number;
  readonly historyLimit: number;
  readonly tapeLimit: number;
  readonly candleHistoryLimit: number;
  readonly syntheticHistory: number;
  readonly orderLogLimit: number;
  readonly defaultMarginMode: MarginMode;
}

export const DEFAULT_WALLET: Readonly<Record<string, string>> = Object.freeze({
  USDT: '100000',
  USDC: '100000',
  BTC: '1',
  ETH: '10',
  SOL: '100',
  XRP: '10000',
});

export const DEFAULT_VIRTUAL_START = Date.UTC(2026, 0, 1);

export function resolveOptions(o: SimVenueOptions, defaults: readonly InstrumentDefinition[]): ResolvedOptions {
  const rate = o.rate ?? 4;
  if (!(rate > 0 && rate <= 1000)) throw new RangeError(`rate must be in (0, 1000], got ${rate}`);
  return {
    seed: o.seed ?? 1,
    instruments: o.instruments ?? defaults,
    wallet: o.wallet ?? DEFAULT_WALLET,
    rate,
    frozen: o.frozen ?? false,
    funding: o.funding ?? true,
    postOnlyCross: o.postOnlyCross ?? 'cancel',
    maxLiveOrdersPerMarket: o.maxLiveOrdersPerMarket ?? 500,
    historyLimit: o.historyLimit ?? 10_000,
    tapeLimit: o.tapeLimit ?? 1_000,
    candleHistoryLimit: o.candleHistoryLimit ?? 1_500,
    syntheticHistory: o.syntheticHistory ?? 1_500,
    orderLogLimit: o.orderLogLimit ?? 10_000,
    defaultMarginMode: o.defaultMarginMode ?? 'cross',
  };
}
