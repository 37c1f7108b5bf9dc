import type { Timeframe } from '@exkit/core';
import type { SimInstrument } from '../instruments/instrument.js';
import { OrderBook } from '../matching/book.js';
import type { OrderRecord } from '../matching/order-record.js';
import { D0, Decimal, toDecimal } from '../util/decimal.js';
import type { Prng } from '../util/prng.js';
import { CandleSet, type CandleState } from './candles.js';
import type { ReplayState } from './replay.js';
import { Rolling24h } from './rolling.js';
import { Tape } from './tape.js';
import type { SimTrade } from './types.js';

/** Shape of the background process, derived from the instrument (overridable in its definition). */
export interface ProcessParams {
  readonly depth: number;
  readonly gap: bigint;
  readonly halfSpread: bigint;
  /** Typical venue level, in lots. */
  readonly levelLots: number;
  readonly volatility: number;
  readonly tradeProbability: number;
}

/** Per-market public counters (each stream's events carry consecutive numbers). */
export interface MarketSeqs {
  trade: number;
  ticker: number;
  market: number;
  funding: number;
  candle: Partial<Record<Timeframe, number>>;
}

/** Everything the venue knows about one market. */
export class Market {
  readonly instrument: SimInstrument;
  readonly book = new OrderBook();
  readonly tape: Tape;
  readonly candles: CandleSet;
  readonly params: ProcessParams;
  rng: Prng;
  /** Fair price in ticks: what the background process walks. */
  fair: bigint;
  /** Where the walk gently reverts to. */
  readonly anchor: bigint;
  last: Decimal;
  mark: Decimal;
  index: Decimal;
  fundingRate: Decimal;
  nextFundingTime: number;
  /** Open interest held outside the venue's accounts (base units). */
  oiBase: Decimal;
  readonly startTime: number;
  readonly startPrice: Decimal;
  /** Untriggered conditional orders, in creation order. */
  conditional: OrderRecord[] = [];
  /** Accounts with a non-zero position here. */
  readonly holders = new Set<string>();
  readonly seqs: MarketSeqs = { trade: 0, ticker: 0, market: 0, funding: 0, candle: {} };
  replay: ReplayState | undefined;
  /** The grid the background last filled (its top prices and the book's drain count then). */
  gridKey = '';
  /** Settled funding rates, oldest first (bounded). */
  fundingHistory: Array<{ rate: Decimal; markPrice: Decimal; timestamp: number }> = [];
  /** Synthetic pre-start candles, generated on first use per timeframe. */
  readonly historyCache = new Map<Timeframe, CandleState[]>();
  /** 24 h aggregate of the closed 1m candles (the ticker's rolling figures). */
  readonly stats = new Rolling24h(1439);

  // What happened during the current venue action, published when it ends.
  readonly pendingTrades: SimTrade[] = [];
  readonly pendingClosed: Array<[Timeframe, CandleState]> = [];
  readonly pendingCandles = new Set<Timeframe>();
  pendingTicker = false;
  pendingMarket: { added: boolean } | undefined;
  pendingFunding: { rate: Decimal; mark: Decimal } | undefined;

  constructor(
    instrument: SimInstrument,
    rng: Prng,
    now: number,
    options: { tapeLimit: number; candleHistoryLimit: number },
    start: { time: number; price: Decimal } = { time: now, price: instrument.initialPrice },
  ) {
    this.instrument = instrument;
    this.rng = rng;
    this.tape = new Tape(options.tapeLimit);
    this.candles = new CandleSet(options.candleHistoryLimit);
    const d = instrument.definition;
    const price = instrument.initialPrice;
    this.startTime = start.time;
    this.startPrice = start.price;
    this.fair = instrument.priceToTicks(price)!;
    this.anchor = this.fair;
    this.last = price;
    this.mark = price;
    this.index = price;
    this.fundingRate = instrument.isSpot ? D0 : new Decimal('0.0001');
    this.nextFundingTime = nextFunding(now, instrument.fundingIntervalMs);
    this.oiBase = d.openInterest === undefined ? D0 : toDecimal(d.openInterest);
    const priceF = price.toNumber();
    const tickF = instrument.tickSize.toNumber();
    const md = d.marketData?.mode === 'random' ? d.marketData : undefined;
    this.params = {
      depth: d.depth ?? 100,
      gap: BigInt(d.levelGapTicks ?? Math.max(1, Math.round((priceF * 0.00005) / tickF))),
      halfSpread: BigInt(d.halfSpreadTicks ?? Math.max(1, Math.round((priceF * 0.00002) / tickF))),
      levelLots: Math.max(
        Number(instrument.minLots),
        Math.round(Number(d.levelNotional ?? '20000') / priceF / instrument.stepSize.toNumber()),
      ),
      volatility: md?.volatility ?? 0.0002,
      tradeProbability: md?.tradeProbability ?? 0.5,
    };
    this.candles.start(now, price);
  }
}

/** First funding settlement strictly after `now` (intervals aligned to the epoch: 00:00, 08:00, 16:00 UTC). */
export function nextFunding(now: number, intervalMs: number): number {
  return (Math.floor(now / intervalMs) + 1) * intervalMs;
}
