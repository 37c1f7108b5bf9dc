import {
  ClosedError,
  InvalidArgumentError,
  NotSupportedError,
  TopicManager,
  forwardLifecycle,
  type BackoffOptions,
  type ReconnectBudget,
  type Candle,
  type Clock,
  type Exchange,
  type HeartbeatOptions,
  type Logger,
  type Market,
  type OrderBook,
  type OrderBookStreamOptions,
  type Redactor,
  type Subscription,
  type Ticker,
  type Timeframe,
  type Trade,
} from '@exkit/core';
import type { BybitCategory, BybitUrls } from '../environments.js';
import { mapWsKline, TIMEFRAME_TO_INTERVAL } from '../map/candle.js';
import { mapTicker, type TickerFields } from '../map/ticker.js';
import { mapWsTrade } from '../map/trade.js';
import { createBookState, DEFAULT_STREAM_BOOK_DEPTH, truncateBook, venueBookDepth } from './book-stream.js';
import { parseFrame, presentKeys } from './parse.js';
import { bybitTopicProtocol } from './protocol.js';
import { wsKlineFrameSchema, wsTickerFrameSchema, wsTradeFrameSchema } from './schemas/public.js';
import { StreamHub, type TopicState } from './stream-hub.js';

export interface PublicStreamsOptions {
  readonly exchange: string;
  readonly urls: BybitUrls;
  readonly events: Exchange['events'];
  readonly heartbeat: HeartbeatOptions;
  readonly backoff?: BackoffOptions;
  /** When a dropped socket stops reconnecting (its streams then end with a NetworkError). */
  readonly budget?: ReconnectBudget;
  readonly redactor?: Redactor;
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** Resolves a symbol against the loaded markets (loading them first). */
  readonly market: (symbol: string) => Promise<Market>;
  /** Told the venue time (`ts`) of every public frame. */
  readonly observeTime?: (venueTime: number) => void;
}

export function categoryOf(market: Market): BybitCategory {
  return market.type === 'spot' ? 'spot' : 'linear';
}

/**
 * Public streams over one TopicManager per category (`public:linear`, `public:spot`), opened on
 * first use. Topics: `tickers.{symbol}`, `orderbook.{depth}.{symbol}`, `publicTrade.{symbol}`,
 * `kline.{interval}.{symbol}` (reference §6).
 */
export class PublicStreams {
  readonly #o: PublicStreamsOptions;
  readonly #hub: StreamHub;
  readonly #managers = new Map<BybitCategory, TopicManager>();
  readonly #unforward: Array<() => void> = [];
  #closing: Promise<void> | undefined;

  constructor(options: PublicStreamsOptions) {
    this.#o = options;
    const observe = options.observeTime;
    this.#hub = new StreamHub(
      options.exchange,
      observe === undefined
        ? undefined
        : (message) => {
            const ts = typeof message === 'object' && message !== null ? (message as { readonly ts?: unknown }).ts : undefined;
            if (typeof ts === 'number') observe(ts);
          },
    );
  }

  manager(category: BybitCategory): TopicManager {
    if (this.#closing !== undefined) throw new ClosedError(`${this.#o.exchange}: streams closed`, { exchange: this.#o.exchange });
    let m = this.#managers.get(category);
    if (m === undefined) {
      const o = this.#o;
      m = new TopicManager({
        name: `public:${category}`,
        protocol: bybitTopicProtocol(category),
        socket: {
          exchange: o.exchange,
          url: o.urls.publicWs[category],
          heartbeat: o.heartbeat,
          ...(o.backoff !== undefined && { backoff: o.backoff }),
          ...(o.budget !== undefined && { budget: o.budget }),
          ...(o.redactor !== undefined && { redactor: o.redactor }),
          ...(o.logger !== undefined && { logger: o.logger }),
          ...(o.clock !== undefined && { clock: o.clock }),
        },
      });
      this.#unforward.push(forwardLifecycle(m, o.events));
      this.#managers.set(category, m);
    }
    return m;
  }

  ticker(symbol: string): Subscription<Ticker> {
    return this.#hub.open<Ticker, Ticker>({
      label: `ticker ${symbol}`,
      mode: 'conflate',
      spec: async () => {
        const market = await this.#o.market(symbol);
        return { manager: this.manager(categoryOf(market)), venueTopic: `tickers.${market.id}`, createState: () => tickerState(market), project: (t) => t };
      },
    });
  }

  orderBook(symbol: string, options: OrderBookStreamOptions = {}): Subscription<OrderBook> {
    return this.#hub.open<OrderBook, OrderBook>({
      label: `orderBook ${symbol}`,
      mode: 'conflate',
      spec: async () => {
        const depth = options.depth ?? DEFAULT_STREAM_BOOK_DEPTH;
        if (!Number.isInteger(depth) || depth < 1) {
          throw new InvalidArgumentError(`${this.#o.exchange}: depth must be a positive integer, got ${depth}`, { exchange: this.#o.exchange });
        }
        const market = await this.#o.market(symbol);
        const venueDepth = venueBookDepth(depth);
        const emit = this.#o.events;
        return {
          manager: this.manager(categoryOf(market)),
          venueTopic: `orderbook.${venueDepth}.${market.id}`,
          createState: (control) =>
            createBookState(
              {
                market,
                venueDepth,
                ...(this.#o.clock !== undefined && { clock: this.#o.clock }),
                onResync: (e) => void emit.emit('resync', { symbol: e.symbol, reason: e.reason, at: e.at }),
              },
              control,
            ),
          project: (book) => truncateBook(book, depth),
        };
      },
    });
  }

  trades(symbol: string): Subscription<Trade> {
    return this.#hub.open<Trade, Trade>({
      label: `trades ${symbol}`,
      mode: 'queue',
      spec: async () => {
        const market = await this.#o.market(symbol);
        const what = `publicTrade.${market.id}`;
        return {
          manager: this.manager(categoryOf(market)),
          venueTopic: what,
          createState: (): TopicState<Trade> => ({
            onMessage: (message, emit) => {
              for (const t of parseFrame(wsTradeFrameSchema, message, what).data) emit(mapWsTrade(t, market));
            },
          }),
          project: (t) => t,
        };
      },
    });
  }

  candles(symbol: string, timeframe: Timeframe): Subscription<Candle> {
    return this.#hub.open<Candle, Candle>({
      label: `candles ${symbol} ${timeframe}`,
      mode: 'queue',
      spec: async () => {
        const interval = (TIMEFRAME_TO_INTERVAL as Partial<Record<string, string>>)[timeframe];
        if (interval === undefined) throw new NotSupportedError(`${this.#o.exchange}: timeframe ${String(timeframe)} is not served`, { exchange: this.#o.exchange });
        const market = await this.#o.market(symbol);
        const what = `kline.${interval}.${market.id}`;
        return {
          manager: this.manager(categoryOf(market)),
          venueTopic: what,
          createState: (): TopicState<Candle> => ({
            onMessage: (message, emit) => {
              for (const k of parseFrame(wsKlineFrameSchema, message, what).data) emit(mapWsKline(k, market, timeframe));
            },
          }),
          project: (c) => c,
        };
      },
    });
  }

  /** Ends every stream (ClosedError) and closes every connection. Idempotent. */
  close(error: Parameters<StreamHub['closeAll']>[0]): Promise<void> {
    this.#closing ??= (async () => {
      this.#hub.closeAll(error);
      await Promise.all([...this.#managers.values()].map((m) => m.close()));
      for (const stop of this.#unforward.splice(0)) stop();
    })();
    return this.#closing;
  }
}

/**
 * `tickers.{symbol}`: linear sends a snapshot then deltas holding only what changed (merged into the
 * last snapshot; a delta before any snapshot cannot be completed and is skipped); spot sends
 * snapshots only (reference §6).
 */
function tickerState(market: Market): TopicState<Ticker> {
  let merged: TickerFields | undefined;
  let last: Ticker | undefined;
  const what = `tickers.${market.id}`;
  return {
    onMessage(message, emit) {
      const frame = parseFrame(wsTickerFrameSchema, message, what);
      const keys = presentKeys(message);
      const changed: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(frame.data)) if (keys.has(k)) changed[k] = v;
      if (frame.type === 'snapshot') merged = changed as TickerFields;
      else if (merged === undefined) return;
      else merged = { ...merged, ...(changed as TickerFields) };
      last = mapTicker(merged, market, frame.ts);
      emit(last);
    },
    current: () => last,
  };
}
