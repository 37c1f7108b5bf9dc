import type { EventEmitter } from 'eventemitter3';
import type { DecimalValue } from '../decimal.js';
import type { ApiKeyInfo } from '../models/api-key-info.js';
import type { Balance } from '../models/balance.js';
import type { Candle } from '../models/candle.js';
import type { Timeframe } from '../models/enums.js';
import type { Fill } from '../models/fill.js';
import type { FundingRate } from '../models/funding-rate.js';
import type { Market } from '../models/market.js';
import type { Order } from '../models/order.js';
import type { OrderBook } from '../models/order-book.js';
import type { Position } from '../models/position.js';
import type { AmendOrderRequest, CancelOrderRequest, HistoryQuery, OrderRef, PlaceOrderRequest } from '../models/requests.js';
import type { Ticker } from '../models/ticker.js';
import type { Trade } from '../models/trade.js';
import type { MarketRegistry } from '../symbols/market-registry.js';
import type { Capabilities } from './capabilities.js';
import type { ExchangeEvents } from './lifecycle.js';
import type { Subscription } from './subscription.js';

export interface CandleQuery extends HistoryQuery {
  /** Called after each page with the candles so far, for progress bars. */
  readonly onProgress?: (progress: { readonly fetched: number; readonly until: number; readonly cursor: number }) => void;
}

export interface OrderBookStreamOptions {
  /** Levels per side the maintained book keeps (the adapter subscribes to the nearest venue depth ≥ this). */
  readonly depth?: number;
}

export interface ExchangeStreams {
  ticker(symbol: string): Subscription<Ticker>;
  /** A maintained local book: every item is a full, sequence-checked book, never a raw delta. */
  orderBook(symbol: string, options?: OrderBookStreamOptions): Subscription<OrderBook>;
  trades(symbol: string): Subscription<Trade>;
  candles(symbol: string, timeframe: Timeframe): Subscription<Candle>;
  orders(symbol?: string): Subscription<Order>;
  fills(symbol?: string): Subscription<Fill>;
  positions(symbol?: string): Subscription<Position>;
  balances(): Subscription<Balance>;
}

/**
 * One venue, exchange-neutral. Symbols are unified (`BTC/USDT:USDT`) or unambiguous native ids;
 * values are Decimal; times are epoch ms. Every failure is an ExchangeError subclass.
 */
export interface Exchange extends AsyncDisposable {
  /** The adapter's id, e.g. `sim`. */
  readonly id: string;
  readonly capabilities: Capabilities;
  /** Candle timeframes the venue serves. */
  readonly timeframes: readonly Timeframe[];
  /** Lifecycle of every connection: open, reconnecting, resubscribed, closed, error, resync, … */
  readonly events: EventEmitter<ExchangeEvents>;
  /** The loaded markets (empty until `loadMarkets` resolved). */
  readonly markets: MarketRegistry;
  readonly streams: ExchangeStreams;

  /** Loads once and caches; concurrent calls share one request; `reload` forces a new one. */
  loadMarkets(options?: { readonly reload?: boolean }): Promise<readonly Market[]>;
  fetchServerTime(): Promise<number>;
  fetchTicker(symbol: string): Promise<Ticker>;
  /** Keyed by unified symbol; all markets when no list is given. */
  fetchTickers(symbols?: readonly string[]): Promise<Readonly<Record<string, Ticker>>>;
  fetchOrderBook(symbol: string, depth?: number): Promise<OrderBook>;
  /** Ascending by open time, whatever order the venue answers in; pages as needed. */
  fetchCandles(symbol: string, timeframe: Timeframe, query?: CandleQuery): Promise<Candle[]>;
  /** Ascending by time, ties by id. */
  fetchTrades(symbol: string, query?: HistoryQuery): Promise<Trade[]>;
  fetchFundingRate(symbol: string): Promise<FundingRate>;

  fetchBalances(): Promise<Balance[]>;
  /**
   * What the configured key may do (trade, withdraw, …), asked of the venue. Optional: only adapters
   * whose venue documents such an endpoint implement it; callers fall back to probing.
   */
  fetchApiKeyInfo?(): Promise<ApiKeyInfo>;
  fetchPositions(symbols?: readonly string[]): Promise<Position[]>;
  setLeverage(symbol: string, leverage: DecimalValue): Promise<void>;

  placeOrder(request: PlaceOrderRequest): Promise<Order>;
  amendOrder(request: AmendOrderRequest): Promise<Order>;
  cancelOrder(request: CancelOrderRequest): Promise<Order>;
  /** Cancels every open order (conditional ones included) on `symbol`, or everywhere; returns the canceled ids. */
  cancelAllOrders(symbol?: string): Promise<readonly string[]>;
  fetchOrder(ref: OrderRef): Promise<Order>;
  fetchOpenOrders(symbol?: string): Promise<Order[]>;
  /** Terminal orders, ascending. */
  fetchOrderHistory(symbol?: string, query?: HistoryQuery): Promise<Order[]>;
  /** Ascending by time. */
  fetchFills(symbol?: string, query?: HistoryQuery): Promise<Fill[]>;

  /** Frees every socket, agent and timer; in-flight calls reject with ClosedError. Idempotent. */
  close(): Promise<void>;
}
