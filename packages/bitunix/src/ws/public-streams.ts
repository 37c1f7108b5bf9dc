import type { Candle, Market, Subscription, Ticker, Timeframe, TopicManager, Trade } from '@exkit/core';
import { fromWsKline } from '../map/candle.js';
import { fromWsTickersItem } from '../map/ticker.js';
import { fromWsTrades } from '../map/trade.js';
import { topicKey } from './protocol.js';
import { klineFrameSchema, tickersFrameSchema, tradeFrameSchema } from './schemas/public.js';
import { openTopicStream } from './stream.js';
import { parseFrame } from './parse.js';

export interface PublicStreamsOptions {
  readonly exchange: string;
  readonly manager: TopicManager;
  /** Resolves once the venue has read every subscribe written so far (see ping-barrier.ts). */
  readonly settled?: () => Promise<void>;
}

/**
 * Ticker, trades and candles over the public socket (bitunix.md §6 "Public channels").
 * - ticker: the `tickers` channel (subscribed per symbol) because it carries best bid/ask (`bd`/`ak`/`bv`/`av`); the
 *   `ticker` channel has none. Frames have no envelope symbol: items are picked by `s`.
 * - trades: `trade` (array per frame, taker side, no id — see map/trade.ts).
 * - candles: `market_kline_<iv>` (last-price candles; `mark_kline_` is the mark-price variant) — the running candle only,
 *   from its first trade on.
 */
export class PublicStreams {
  readonly #o: PublicStreamsOptions;

  constructor(options: PublicStreamsOptions) {
    this.#o = options;
  }

  ticker(market: Promise<Market>, label: string): Subscription<Ticker> {
    let m: Market | undefined;
    return openTopicStream<Ticker>({
      exchange: this.#o.exchange,
      topic: label,
      mode: 'conflate',
      manager: this.#o.manager,
      ...(this.#o.settled !== undefined && { settled: this.#o.settled }),
      venueTopic: async () => {
        m = await market;
        return topicKey('tickers', m.id);
      },
      map: (message, emit) => {
        const frame = parseFrame(tickersFrameSchema, message, this.#o.exchange, 'tickers');
        for (const item of frame.data) if (m !== undefined && item.s.toUpperCase() === m.id) emit(fromWsTickersItem(item, m, frame.ts));
      },
    });
  }

  trades(market: Promise<Market>, label: string): Subscription<Trade> {
    let m: Market | undefined;
    let printed = 0;
    return openTopicStream<Trade>({
      exchange: this.#o.exchange,
      topic: label,
      mode: 'queue',
      manager: this.#o.manager,
      ...(this.#o.settled !== undefined && { settled: this.#o.settled }),
      venueTopic: async () => {
        m = await market;
        return topicKey('trade', m.id);
      },
      map: (message, emit) => {
        if (m === undefined) return;
        const trades = fromWsTrades(parseFrame(tradeFrameSchema, message, this.#o.exchange, 'trade'), m, printed);
        printed += trades.length;
        for (const t of trades) emit(t);
      },
    });
  }

  candles(market: Promise<Market>, timeframe: Timeframe, interval: string, label: string): Subscription<Candle> {
    let m: Market | undefined;
    return openTopicStream<Candle>({
      exchange: this.#o.exchange,
      topic: label,
      mode: 'queue',
      manager: this.#o.manager,
      ...(this.#o.settled !== undefined && { settled: this.#o.settled }),
      venueTopic: async () => {
        m = await market;
        return topicKey(`market_kline_${interval}`, m.id);
      },
      map: (message, emit) => {
        if (m === undefined) return;
        const candle = fromWsKline(parseFrame(klineFrameSchema, message, this.#o.exchange, 'kline'), m, timeframe);
        // An interval without a trade yet has placeholder prices (its "open" is not settled until the first trade):
        // nothing is emitted for it, so an emitted candle's open never changes.
        if (!candle.volume.isZero()) emit(candle);
      },
    });
  }
}
