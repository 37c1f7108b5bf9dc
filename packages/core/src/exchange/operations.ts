import type { Decimal } from '../decimal.js';
import type { Balance } from '../models/balance.js';
import type { Candle } from '../models/candle.js';
import type { Timeframe } from '../models/enums.js';
import type { Fill } from '../models/fill.js';
import type { FundingRate } from '../models/funding-rate.js';
import type { Market } from '../models/market.js';
import type { Order } from '../models/order.js';
import type { OrderBook } from '../models/order-book.js';
import type { Position } from '../models/position.js';
import type { AmendOrderRequest, CancelOrderRequest, HistoryQuery, OrderRef } from '../models/requests.js';
import type { Ticker } from '../models/ticker.js';
import type { Trade } from '../models/trade.js';
import { ExchangeBase, type ExchangeBaseOptions, type ResolvedOrder } from './exchange-base.js';
import type { CandleQuery } from './exchange.js';

/**
 * What a venue does for each neutral `Exchange` method, as plain functions of the venue's context
 * `C`. Each runs after ExchangeBase has checked the closed state and capabilities, validated the
 * input and resolved symbols to markets, so it only talks to the venue.
 */
export interface ExchangeOperations<C> {
  loadMarkets(ctx: C): Promise<Market[]>;
  fetchServerTime(ctx: C): Promise<number>;
  fetchTicker(ctx: C, market: Market): Promise<Ticker>;
  /** `undefined`: every market; the base keeps only the asked-for symbols of what this returns. */
  fetchTickers(ctx: C, markets: readonly Market[] | undefined): Promise<Ticker[]>;
  fetchOrderBook(ctx: C, market: Market, depth: number | undefined): Promise<OrderBook>;
  fetchCandles(ctx: C, market: Market, timeframe: Timeframe, query: CandleQuery): Promise<Candle[]>;
  fetchTrades(ctx: C, market: Market, query: HistoryQuery): Promise<Trade[]>;
  fetchFundingRate(ctx: C, market: Market): Promise<FundingRate>;
  fetchBalances(ctx: C): Promise<Balance[]>;
  fetchPositions(ctx: C, markets: readonly Market[] | undefined): Promise<Position[]>;
  setLeverage(ctx: C, market: Market, leverage: Decimal): Promise<void>;
  placeOrder(ctx: C, order: ResolvedOrder): Promise<Order>;
  amendOrder(ctx: C, market: Market, request: AmendOrderRequest): Promise<Order>;
  cancelOrder(ctx: C, market: Market, request: CancelOrderRequest): Promise<Order>;
  cancelAllOrders(ctx: C, market: Market | undefined): Promise<readonly string[]>;
  fetchOrder(ctx: C, market: Market, ref: OrderRef): Promise<Order>;
  fetchOpenOrders(ctx: C, market: Market | undefined): Promise<Order[]>;
  fetchOrderHistory(ctx: C, market: Market | undefined, query: HistoryQuery): Promise<Order[]>;
  fetchFills(ctx: C, market: Market | undefined, query: HistoryQuery): Promise<Fill[]>;
}

/** A venue's operations with the context they run on. */
export interface OperationsBinding<C> {
  readonly context: C;
  readonly operations: ExchangeOperations<C>;
}

/**
 * ExchangeBase for a venue that declares its operations once, as a table, instead of one `do*`
 * delegation method per call. The context usually needs the constructed exchange (its markets,
 * clock, logger), so the subclass builds it in its constructor and hands it over with `operate`.
 */
export abstract class OperationsExchange<C> extends ExchangeBase {
  #binding: OperationsBinding<C> | undefined;

  constructor(options: ExchangeBaseOptions = {}) {
    super(options);
  }

  /** Installs the venue's operations; once, from the subclass constructor. */
  protected operate(binding: OperationsBinding<C>): void {
    if (this.#binding !== undefined) throw new TypeError(`${this.id}: operations are already installed`);
    this.#binding = binding;
  }

  /** Runs one operation on the installed context. */
  protected run<R>(body: (operations: ExchangeOperations<C>, ctx: C) => R): R {
    const binding = this.#binding;
    // Only reachable when a subclass forgot `operate`: a programming error, not a venue failure.
    if (binding === undefined) throw new TypeError(`${this.id}: no operations installed (call operate() in the constructor)`);
    return body(binding.operations, binding.context);
  }

  protected doLoadMarkets(): Promise<Market[]> {
    return this.run((op, ctx) => op.loadMarkets(ctx));
  }

  protected doFetchServerTime(): Promise<number> {
    return this.run((op, ctx) => op.fetchServerTime(ctx));
  }

  protected doFetchTicker(market: Market): Promise<Ticker> {
    return this.run((op, ctx) => op.fetchTicker(ctx, market));
  }

  protected doFetchTickers(markets: readonly Market[] | undefined): Promise<Ticker[]> {
    return this.run((op, ctx) => op.fetchTickers(ctx, markets));
  }

  protected doFetchOrderBook(market: Market, depth: number | undefined): Promise<OrderBook> {
    return this.run((op, ctx) => op.fetchOrderBook(ctx, market, depth));
  }

  protected doFetchCandles(market: Market, timeframe: Timeframe, query: CandleQuery): Promise<Candle[]> {
    return this.run((op, ctx) => op.fetchCandles(ctx, market, timeframe, query));
  }

  protected doFetchTrades(market: Market, query: HistoryQuery): Promise<Trade[]> {
    return this.run((op, ctx) => op.fetchTrades(ctx, market, query));
  }

  protected doFetchFundingRate(market: Market): Promise<FundingRate> {
    return this.run((op, ctx) => op.fetchFundingRate(ctx, market));
  }

  protected doFetchBalances(): Promise<Balance[]> {
    return this.run((op, ctx) => op.fetchBalances(ctx));
  }

  protected doFetchPositions(markets: readonly Market[] | undefined): Promise<Position[]> {
    return this.run((op, ctx) => op.fetchPositions(ctx, markets));
  }

  protected doSetLeverage(market: Market, leverage: Decimal): Promise<void> {
    return this.run((op, ctx) => op.setLeverage(ctx, market, leverage));
  }

  protected doPlaceOrder(order: ResolvedOrder): Promise<Order> {
    return this.run((op, ctx) => op.placeOrder(ctx, order));
  }

  protected doAmendOrder(market: Market, request: AmendOrderRequest): Promise<Order> {
    return this.run((op, ctx) => op.amendOrder(ctx, market, request));
  }

  protected doCancelOrder(market: Market, request: CancelOrderRequest): Promise<Order> {
    return this.run((op, ctx) => op.cancelOrder(ctx, market, request));
  }

  protected doCancelAllOrders(market: Market | undefined): Promise<readonly string[]> {
    return this.run((op, ctx) => op.cancelAllOrders(ctx, market));
  }

  protected doFetchOrder(market: Market, ref: OrderRef): Promise<Order> {
    return this.run((op, ctx) => op.fetchOrder(ctx, market, ref));
  }

  protected doFetchOpenOrders(market: Market | undefined): Promise<Order[]> {
    return this.run((op, ctx) => op.fetchOpenOrders(ctx, market));
  }

  protected doFetchOrderHistory(market: Market | undefined, query: HistoryQuery): Promise<Order[]> {
    return this.run((op, ctx) => op.fetchOrderHistory(ctx, market, query));
  }

  protected doFetchFills(market: Market | undefined, query: HistoryQuery): Promise<Fill[]> {
    return this.run((op, ctx) => op.fetchFills(ctx, market, query));
  }
}
