import { EventEmitter } from 'eventemitter3';
import type { z } from 'zod';
import { toDecimal, type Decimal, type DecimalValue } from '../decimal.js';
import { ClosedError, InvalidArgumentError, InvalidOrderError, NotSupportedError } from '../errors/error-classes.js';
import { ExchangeError } from '../errors/exchange-error.js';
import { silentLogger, type Logger } from '../logging/logger.js';
import type { Balance } from '../models/balance.js';
import type { Candle } from '../models/candle.js';
import type { Timeframe } from '../models/enums.js';
import type { Fill } from '../models/fill.js';
import type { FundingRate } from '../models/funding-rate.js';
import type { Market } from '../models/market.js';
import type { Order } from '../models/order.js';
import type { OrderBook } from '../models/order-book.js';
import type { Position } from '../models/position.js';
import {
  amendOrderRequestSchema,
  cancelOrderRequestSchema,
  historyQuerySchema,
  orderRefSchema,
  placeOrderRequestSchema,
  type AmendOrderRequest,
  type CancelOrderRequest,
  type HistoryQuery,
  type OrderRef,
  type PlaceOrderRequest,
} from '../models/requests.js';
import type { Ticker } from '../models/ticker.js';
import type { Trade } from '../models/trade.js';
import { MarketRegistry, type GridPolicy, type PreparedOrder } from '../symbols/market-registry.js';
import { systemClock, type Clock } from '../time/clock.js';
import type { Capabilities, CapabilityKey } from './capabilities.js';
import type { CandleQuery, Exchange, ExchangeStreams } from './exchange.js';
import type { ExchangeEvents } from './lifecycle.js';

export interface ExchangeBaseOptions {
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** Off-grid prices/amounts: refuse (`reject`, default) or move them passively onto the grid (`round`). */
  readonly gridPolicy?: GridPolicy;
}

/** A validated order, resolved against its market, ready for an adapter to put on the wire. */
export interface ResolvedOrder extends PreparedOrder {
  readonly request: PlaceOrderRequest;
}

/**
 * The part of every adapter that is not about any venue: lifecycle (closed state, `await using`),
 * capability gating, input validation and symbol resolution — all *before* any request — a
 * shared, cached `loadMarkets`, and naming the failing method on every error. Adapters implement
 * the `do*` methods with already-resolved markets and validated inputs.
 */
export abstract class ExchangeBase implements Exchange {
  abstract readonly id: string;
  abstract readonly capabilities: Capabilities;
  abstract readonly timeframes: readonly Timeframe[];
  abstract readonly streams: ExchangeStreams;
  readonly events: EventEmitter<ExchangeEvents> = new EventEmitter<ExchangeEvents>();
  protected readonly logger: Logger;
  protected readonly clock: Clock;
  protected readonly gridPolicy: GridPolicy;

  #registry: MarketRegistry | undefined;
  #loading: Promise<readonly Market[]> | undefined;
  #closed = false;
  #closing: Promise<void> | undefined;

  constructor(options: ExchangeBaseOptions = {}) {
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? systemClock;
    this.gridPolicy = options.gridPolicy ?? 'reject';
  }

  get markets(): MarketRegistry {
    return this.#registry ?? new MarketRegistry(this.id, []);
  }

  get closed(): boolean {
    return this.#closed;
  }

  // ---- adapter hooks -------------------------------------------------------------------------
  protected abstract doLoadMarkets(): Promise<Market[]>;
  protected abstract doFetchServerTime(): Promise<number>;
  protected abstract doFetchTicker(market: Market): Promise<Ticker>;
  protected abstract doFetchTickers(markets: readonly Market[] | undefined): Promise<Ticker[]>;
  protected abstract doFetchOrderBook(market: Market, depth: number | undefined): Promise<OrderBook>;
  protected abstract doFetchCandles(market: Market, timeframe: Timeframe, query: CandleQuery): Promise<Candle[]>;
  protected abstract doFetchTrades(market: Market, query: HistoryQuery): Promise<Trade[]>;
  protected abstract doFetchFundingRate(market: Market): Promise<FundingRate>;
  protected abstract doFetchBalances(): Promise<Balance[]>;
  protected abstract doFetchPositions(markets: readonly Market[] | undefined): Promise<Position[]>;
  protected abstract doSetLeverage(market: Market, leverage: Decimal): Promise<void>;
  protected abstract doPlaceOrder(order: ResolvedOrder): Promise<Order>;
  protected abstract doAmendOrder(market: Market, request: AmendOrderRequest): Promise<Order>;
  protected abstract doCancelOrder(market: Market, request: CancelOrderRequest): Promise<Order>;
  protected abstract doCancelAllOrders(market: Market | undefined): Promise<readonly string[]>;
  protected abstract doFetchOrder(market: Market, ref: OrderRef): Promise<Order>;
  protected abstract doFetchOpenOrders(market: Market | undefined): Promise<Order[]>;
  protected abstract doFetchOrderHistory(market: Market | undefined, query: HistoryQuery): Promise<Order[]>;
  protected abstract doFetchFills(market: Market | undefined, query: HistoryQuery): Promise<Fill[]>;
  /** Releases sockets, agents and timers. Called once. */
  protected abstract doClose(): Promise<void>;

  // ---- public face ---------------------------------------------------------------------------
  loadMarkets(options?: { readonly reload?: boolean }): Promise<readonly Market[]> {
    return this.#call('loadMarkets', undefined, () => this.#loadMarkets(options?.reload === true));
  }

  fetchServerTime(): Promise<number> {
    return this.#call('fetchServerTime', 'fetchServerTime', () => this.doFetchServerTime());
  }

  fetchTicker(symbol: string): Promise<Ticker> {
    return this.#call('fetchTicker', undefined, async () => this.doFetchTicker(await this.market(symbol)));
  }

  fetchTickers(symbols?: readonly string[]): Promise<Readonly<Record<string, Ticker>>> {
    return this.#call('fetchTickers', 'fetchTickers', async () => {
      const markets = symbols === undefined ? undefined : await Promise.all(symbols.map((s) => this.market(s)));
      const tickers = await this.doFetchTickers(markets);
      const wanted = markets === undefined ? undefined : new Set(markets.map((m) => m.symbol));
      const out: Record<string, Ticker> = {};
      for (const t of tickers) if (wanted === undefined || wanted.has(t.symbol)) out[t.symbol] = t;
      return out;
    });
  }

  fetchOrderBook(symbol: string, depth?: number): Promise<OrderBook> {
    return this.#call('fetchOrderBook', undefined, async () => {
      if (depth !== undefined && (!Number.isInteger(depth) || depth < 1)) this.#invalid(`depth must be a positive integer, got ${depth}`);
      return this.doFetchOrderBook(await this.market(symbol), depth);
    });
  }

  fetchCandles(symbol: string, timeframe: Timeframe, query: CandleQuery = {}): Promise<Candle[]> {
    return this.#call('fetchCandles', undefined, async () => {
      const market = await this.market(symbol);
      if (!this.timeframes.includes(timeframe)) {
        throw new NotSupportedError(`timeframe ${timeframe} is not served (have ${this.timeframes.join(', ')})`, { exchange: this.id });
      }
      this.#parse(historyQuerySchema, { since: query.since, until: query.until, limit: query.limit }, 'query');
      return this.doFetchCandles(market, timeframe, query);
    });
  }

  fetchTrades(symbol: string, query: HistoryQuery = {}): Promise<Trade[]> {
    return this.#call('fetchTrades', 'fetchTrades', async () => this.doFetchTrades(await this.market(symbol), this.#parse(historyQuerySchema, query, 'query')));
  }

  fetchFundingRate(symbol: string): Promise<FundingRate> {
    return this.#call('fetchFundingRate', 'fetchFundingRate', async () => this.doFetchFundingRate(await this.market(symbol)));
  }

  fetchBalances(): Promise<Balance[]> {
    return this.#call('fetchBalances', undefined, () => this.doFetchBalances());
  }

  fetchPositions(symbols?: readonly string[]): Promise<Position[]> {
    return this.#call('fetchPositions', 'positions', async () => {
      const markets = symbols === undefined ? undefined : await Promise.all(symbols.map((s) => this.market(s)));
      const positions = await this.doFetchPositions(markets);
      if (markets === undefined) return positions;
      const wanted = new Set(markets.map((m) => m.symbol));
      return positions.filter((p) => wanted.has(p.symbol));
    });
  }

  setLeverage(symbol: string, leverage: DecimalValue): Promise<void> {
    return this.#call('setLeverage', 'setLeverage', async () => {
      const market = await this.market(symbol);
      let value: Decimal;
      try {
        value = toDecimal(leverage);
      } catch {
        return this.#invalid(`leverage must be a number, got ${String(leverage)}`);
      }
      if (value.lte(0)) this.#invalid(`leverage must be positive, got ${value.toFixed()}`);
      if (market.maxLeverage && value.gt(market.maxLeverage)) {
        this.#invalid(`leverage ${value.toFixed()} is above the maximum ${market.maxLeverage.toFixed()} for ${market.symbol}`);
      }
      await this.doSetLeverage(market, value);
    });
  }

  placeOrder(request: PlaceOrderRequest): Promise<Order> {
    return this.#call('placeOrder', undefined, async () => {
      // The symbol first: an empty or unknown one is BadSymbol (CK-SY-05), not a malformed order.
      const [market, req] = await this.#resolveAndParse(placeOrderRequestSchema, request, 'request');
      if (req.type === 'market') this.#require('marketOrders');
      if (req.timeInForce === 'post_only') this.#require('postOnly');
      if (req.timeInForce === 'ioc') this.#require('ioc');
      if (req.timeInForce === 'fok') this.#require('fok');
      if (req.reduceOnly === true) this.#require('reduceOnly');
      if (req.triggerPrice !== undefined) this.#require('conditionalOrders');
      if (req.clientOrderId !== undefined) this.#require('clientOrderId');
      const prepared = this.markets.prepareOrder(market.symbol, req, this.gridPolicy);
      return this.doPlaceOrder({ ...prepared, request: req });
    });
  }

  amendOrder(request: AmendOrderRequest): Promise<Order> {
    return this.#call('amendOrder', 'amendOrder', async () => {
      const [market, req] = await this.#resolveAndParse(amendOrderRequestSchema, request, 'request');
      if (req.clientOrderId !== undefined) this.#require('clientOrderId');
      return this.doAmendOrder(market, req);
    });
  }

  cancelOrder(request: CancelOrderRequest): Promise<Order> {
    return this.#call('cancelOrder', undefined, async () => {
      const [market, req] = await this.#resolveAndParse(cancelOrderRequestSchema, request, 'request');
      if (req.clientOrderId !== undefined) this.#require('clientOrderId');
      return this.doCancelOrder(market, req);
    });
  }

  cancelAllOrders(symbol?: string): Promise<readonly string[]> {
    return this.#call('cancelAllOrders', 'cancelAllOrders', async () => this.doCancelAllOrders(symbol === undefined ? undefined : await this.market(symbol)));
  }

  fetchOrder(ref: OrderRef): Promise<Order> {
    return this.#call('fetchOrder', undefined, async () => {
      const [market, r] = await this.#resolveAndParse(orderRefSchema, ref, 'ref');
      if (r.clientOrderId !== undefined) this.#require('clientOrderId');
      return this.doFetchOrder(market, r);
    });
  }

  fetchOpenOrders(symbol?: string): Promise<Order[]> {
    return this.#call('fetchOpenOrders', undefined, async () => this.doFetchOpenOrders(symbol === undefined ? undefined : await this.market(symbol)));
  }

  fetchOrderHistory(symbol?: string, query: HistoryQuery = {}): Promise<Order[]> {
    return this.#call('fetchOrderHistory', undefined, async () =>
      this.doFetchOrderHistory(symbol === undefined ? undefined : await this.market(symbol), this.#parse(historyQuerySchema, query, 'query')),
    );
  }

  fetchFills(symbol?: string, query: HistoryQuery = {}): Promise<Fill[]> {
    return this.#call('fetchFills', undefined, async () =>
      this.doFetchFills(symbol === undefined ? undefined : await this.market(symbol), this.#parse(historyQuerySchema, query, 'query')),
    );
  }

  close(): Promise<void> {
    if (!this.#closing) {
      this.#closed = true;
      this.#closing = this.doClose().finally(() => {
        this.events.emit('closed', { connection: 'exchange', at: this.clock.now() });
        this.events.removeAllListeners();
      });
    }
    return this.#closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  // ---- helpers for adapters ------------------------------------------------------------------
  /** Resolves a symbol (loading markets on first use); BadSymbol before any venue request. */
  protected async market(symbol: string): Promise<Market> {
    if (this.#registry === undefined) await this.#loadMarkets(false);
    return this.markets.resolve(symbol);
  }

  /** Throws ClosedError once `close()` was called: later calls make no network activity. */
  protected assertOpen(method: string): void {
    if (this.#closed) throw new ClosedError(`${this.id}: ${method} called after close()`, { exchange: this.id, method });
  }

  /** NotSupportedError when the adapter declares the capability false (CK-ER-10). */
  protected assertCapability(capability: CapabilityKey, what: string = capability): void {
    if (!this.capabilities[capability]) throw new NotSupportedError(`${this.id} does not support ${what}`, { exchange: this.id });
  }

  /**
   * Resolves a request's `symbol` *before* its schema runs, so `''` or an unknown symbol is BadSymbol
   * rather than InvalidOrder (CK-SY-05); a non-string symbol is left to the schema, which names it.
   */
  async #resolveAndParse<S extends z.ZodType<{ readonly symbol: string }>>(schema: S, value: unknown, what: string): Promise<[Market, z.infer<S>]> {
    const raw: unknown = typeof value === 'object' && value !== null ? (value as { readonly symbol?: unknown }).symbol : undefined;
    const early = typeof raw === 'string' ? await this.market(raw) : undefined;
    const parsed = this.#parse(schema, value, what);
    return [early ?? (await this.market(parsed.symbol)), parsed];
  }

  #require(capability: CapabilityKey): void {
    this.assertCapability(capability);
  }

  #invalid(message: string): never {
    throw new InvalidArgumentError(message, { exchange: this.id });
  }

  #parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const issues = result.error.issues.map((i) => `${[what, ...i.path].join('.')}: ${i.message}`).join('; ');
    // A malformed order (amount ≤ 0, missing price…) is an invalid order; anything else is a bad argument.
    if (what === 'request') throw new InvalidOrderError(`invalid order: ${issues}`, { exchange: this.id });
    throw new InvalidArgumentError(`invalid ${what}: ${issues}`, { exchange: this.id });
  }

  #loadMarkets(reload: boolean): Promise<readonly Market[]> {
    if (!reload && this.#registry !== undefined) return Promise.resolve(this.#registry.list());
    if (this.#loading === undefined) {
      this.#loading = this.doLoadMarkets()
        .then((markets) => {
          this.#registry = new MarketRegistry(this.id, markets);
          return this.#registry.list();
        })
        .finally(() => {
          this.#loading = undefined;
        });
    }
    return this.#loading;
  }

  /**
   * Runs a public method: refuses after close() and for an undeclared capability, names the method
   * on any ExchangeError, and never resolves late after close(). Venue-specific extra methods of an
   * adapter use it too, so they behave like the neutral ones.
   */
  protected guarded<T>(method: string, capability: CapabilityKey | undefined, body: () => Promise<T>): Promise<T> {
    return this.#call(method, capability, body);
  }

  async #call<T>(method: string, capability: CapabilityKey | undefined, body: () => Promise<T>): Promise<T> {
    try {
      this.assertOpen(method);
      if (capability !== undefined) this.assertCapability(capability, method);
      const result = await body();
      // A call that was in flight when close() ran must not resolve late.
      this.assertOpen(method);
      return result;
    } catch (err) {
      if (err instanceof ExchangeError) throw err.withMethod(method);
      throw err;
    }
  }
}
