import {
  ClosedError,
  ExchangeBase,
  ExchangeError,
  InvalidArgumentError,
  InvalidOrderError,
  NotSupportedError,
  OrderNotFoundError,
  RateLimiter,
  Redactor,
  RestTransport,
  RetryPolicy,
  ServerTimeSync,
  UnexpectedResponseError,
  createSubscription,
  downloadCandles,
  generateClientOrderId,
  historyQuerySchema,
  isOnStep,
  isTerminalStatus,
  resolveCandleRange,
  roundToStep,
  sleep,
  toDecimal,
  type AmendOrderRequest,
  type BackoffOptions,
  type Balance,
  type CancelOrderRequest,
  type Candle,
  type CandleQuery,
  type Capabilities,
  type Decimal,
  type ExchangeStreams,
  type Fill,
  type FundingRate,
  type HistoryQuery,
  type Market,
  type MarketRegistry,
  type Order,
  type OrderBook,
  type OrderRef,
  type Position,
  type ResolvedOrder,
  type Subscription,
  type Ticker,
  type Timeframe,
  type TimestampSource,
  type Trade,
} from '@exkit/core';
import type { BybitCategory, BybitEnvironment, BybitUrls } from './environments.js';
import { mapWalletCoin } from './map/balance.js';
import { mapOrderBook } from './map/book.js';
import { BYBIT_TIMEFRAMES, mapKline, TIMEFRAME_TO_INTERVAL } from './map/candle.js';
import { mapExecution } from './map/fill.js';
import { mapFundingHistory, mapTickerFunding } from './map/funding.js';
import { mapLinearInstrument, mapSpotInstrument } from './map/market.js';
import { mapOrder } from './map/order.js';
import { mapPosition } from './map/position.js';
import { mapTicker } from './map/ticker.js';
import { compareTrades, mapRecentTrade } from './map/trade.js';
import { EXCHANGE_ID, type ResolvedBybitOptions } from './options.js';
import type { BybitRest } from './rest/client.js';
import { createEnvelopeDecoder } from './rest/envelope.js';
import { DUPLICATE_CLIENT_ORDER_ID_CODES } from './rest/error-codes.js';
import { getExecutions } from './rest/endpoints/execution-list.js';
import { getFundingHistory, FUNDING_PAGE_SIZE } from './rest/endpoints/funding-history.js';
import { getLinearInstruments, getSpotInstruments } from './rest/endpoints/instruments-info.js';
import { getKlines, KLINE_PAGE_SIZE } from './rest/endpoints/kline.js';
import { amendOrder, type AmendOrderBody } from './rest/endpoints/order-amend.js';
import { cancelAllOrders, type CancelAllBody } from './rest/endpoints/order-cancel-all.js';
import { cancelOrder } from './rest/endpoints/order-cancel.js';
import { createOrder, type CreateOrderBody } from './rest/endpoints/order-create.js';
import { getOrderHistory } from './rest/endpoints/order-history.js';
import { getRealtimeOrders, type RealtimeOrdersQuery } from './rest/endpoints/order-realtime.js';
import { getOrderBook } from './rest/endpoints/orderbook.js';
import { getPositions } from './rest/endpoints/position-list.js';
import { getRecentTrades, MAX_RECENT_TRADES } from './rest/endpoints/recent-trade.js';
import { getServerTime } from './rest/endpoints/server-time.js';
import { setLeverage } from './rest/endpoints/set-leverage.js';
import { getTickers } from './rest/endpoints/tickers.js';
import { getWalletBalance } from './rest/endpoints/wallet-balance.js';
import { bybitBuckets, classifyBybitStatus, pauseBucketsFor, privateCost, readRateLimitHeaders } from './rest/limits.js';
import { createBybitSigner } from './rest/sign.js';
import { orderAckSchema, type WireOrder, type WireOrderAck } from './rest/schemas/trade.js';
import { bybitHeartbeat } from './ws/heartbeat.js';
import { PrivateStreams } from './ws/private-streams.js';
import { categoryOf, PublicStreams } from './ws/public-streams.js';
import { TradeApi } from './ws/trade-api.js';
import type { CancelOrderBody } from './rest/endpoints/order-cancel.js';

/** Test and tuning knobs that are not user options. */
export interface BybitInternals {
  readonly heartbeat?: { readonly intervalMs?: number; readonly timeoutMs?: number };
  readonly backoff?: BackoffOptions;
  /** Retry policy for reads and order placement (default `new RetryPolicy()`). */
  readonly retry?: RetryPolicy;
  /**
   * Waits between re-reads of an order after a create/amend/cancel acknowledgement, until the
   * order shows the change (Bybit acknowledges before the order state is final, reference §5).
   */
  readonly ackPollDelaysMs?: readonly number[];
}

/** Query of `fetchFundingRateHistory`. */
export type FundingRateHistoryQuery = HistoryQuery;

const DAY_MS = 86_400_000;
/** `/v5/order/history` and `/v5/execution/list` answer at most 7 days per request (reference §5). */
const HISTORY_WINDOW_MS = 7 * DAY_MS;
/** No Bybit history exists before this (the venue launched in 2018): the window walk starts here at the earliest. */
const HISTORY_FLOOR_MS = Date.UTC(2018, 0, 1);
/** Pages one history/funding walk may take before giving up. */
const MAX_HISTORY_PAGES = 200;

const BLOCK_TRADE_ORDER_TYPES = new Set(['Block trade Roll Back', 'Block trade-Limit']);

/**
 * Bybit V5 behind core's Exchange: linear perpetuals and spot (see `category`). ExchangeBase does
 * the closed state, capability gating, input validation and symbol resolution before any request;
 * this class puts the validated calls on Bybit's wire.
 */
export class BybitExchange extends ExchangeBase {
  readonly id = EXCHANGE_ID;
  readonly capabilities: Capabilities;
  readonly timeframes: readonly Timeframe[] = BYBIT_TIMEFRAMES;
  readonly streams: ExchangeStreams;
  readonly environment: BybitEnvironment;
  readonly urls: BybitUrls;
  readonly categories: readonly BybitCategory[];

  readonly #o: ResolvedBybitOptions;
  readonly #redactor = new Redactor();
  readonly #limiter: RateLimiter;
  readonly #timeSync: ServerTimeSync | undefined;
  readonly #venueClock: TimestampSource;
  readonly #retry: RetryPolicy;
  readonly #rest: BybitRest;
  readonly #public: PublicStreams;
  readonly #private: PrivateStreams;
  readonly #trade: TradeApi | undefined;
  readonly #pollDelays: readonly number[];
  #native: { readonly registry: MarketRegistry; readonly map: ReadonlyMap<string, Market> } | undefined;

  constructor(options: ResolvedBybitOptions, internals: BybitInternals = {}) {
    super({
      ...(options.logger !== undefined && { logger: options.logger }),
      ...(options.clock !== undefined && { clock: options.clock }),
      gridPolicy: options.gridPolicy,
    });
    this.#o = options;
    this.environment = options.environment;
    this.urls = options.urls;
    this.categories = options.categories;
    this.#pollDelays = internals.ackPollDelaysMs ?? [50, 150, 300];
    const linear = options.categories.includes('linear');
    this.capabilities = Object.freeze({
      fetchTickers: true,
      fetchServerTime: true,
      fetchFundingRate: linear,
      streamTicker: true,
      streamOrderBook: true,
      streamTrades: true,
      streamCandles: true,
      streamOrders: true,
      streamFills: true,
      streamPositions: linear,
      streamBalances: true,
      marketOrders: true,
      postOnly: true,
      ioc: true,
      fok: true,
      reduceOnly: linear,
      conditionalOrders: true,
      clientOrderId: true,
      amendOrder: true,
      cancelAllOrders: true,
      positions: linear,
      setLeverage: linear,
    });

    const clock = this.clock;
    this.#retry = internals.retry ?? new RetryPolicy({ logger: this.logger, clock });
    if (options.timeSync) {
      const sync = new ServerTimeSync({
        exchange: EXCHANGE_ID,
        clock,
        logger: this.logger,
        recvWindowMs: options.recvWindow,
        // The private host checks the timestamps, so its clock is the one to follow.
        fetchServerTime: (signal) => getServerTime(this.#rest, signal, 'private'),
      });
      this.#timeSync = sync;
      let started = false;
      this.#venueClock = {
        now: () => sync.now(),
        ensureSynced: async () => {
          await sync.ensureSynced();
          // Keep refreshing in the background once the first sync ran (its timer is unref'd).
          if (!started && sync.status.synced) {
            started = true;
            sync.start();
          }
        },
        resync: (reason, staleSince) => sync.resync(reason, staleSince),
      };
    } else {
      this.#timeSync = undefined;
      this.#venueClock = clock;
    }
    this.#limiter = new RateLimiter({ buckets: bybitBuckets(), clock, venueClock: this.#venueClock, exchange: EXCHANGE_ID, logger: this.logger });
    const common = {
      exchange: EXCHANGE_ID,
      timeoutMs: options.timeoutMs,
      decoder: createEnvelopeDecoder(() => this.#venueClock.now()),
      classifyStatus: classifyBybitStatus,
      limiter: this.#limiter,
      rateLimitHeaders: readRateLimitHeaders,
      pauseBuckets: pauseBucketsFor,
      retry: this.#retry,
      logger: this.logger,
      redactor: this.#redactor,
      clock,
    };
    const privateTransport = new RestTransport({
      ...common,
      baseUrl: options.urls.rest,
      signer: createBybitSigner(options.recvWindow),
      ...(options.credentials !== undefined && { credentials: options.credentials }),
      time: this.#venueClock,
    });
    const publicTransport = options.urls.publicRest === options.urls.rest ? privateTransport : new RestTransport({ ...common, baseUrl: options.urls.publicRest });
    this.#rest = { public: publicTransport, private: privateTransport };

    const heartbeat = bybitHeartbeat(internals.heartbeat);
    const resolve = (symbol: string): Promise<Market> => {
      this.assertOpen('streams');
      return this.market(symbol);
    };
    this.#public = new PublicStreams({
      exchange: EXCHANGE_ID,
      urls: options.urls,
      events: this.events,
      heartbeat,
      ...(internals.backoff !== undefined && { backoff: internals.backoff }),
      redactor: this.#redactor,
      logger: this.logger,
      clock,
      market: resolve,
    });
    this.#private = new PrivateStreams({
      exchange: EXCHANGE_ID,
      urls: options.urls,
      events: this.events,
      heartbeat,
      ...(internals.backoff !== undefined && { backoff: internals.backoff }),
      redactor: this.#redactor,
      logger: this.logger,
      clock,
      ...(options.credentials !== undefined && { credentials: options.credentials }),
      recvWindow: options.recvWindow,
      venueNow: () => this.#venueClock.now(),
      categories: options.categories,
      market: resolve,
      ensureMarkets: async () => {
        await this.loadMarkets();
      },
      marketFor: (category, id) => this.#marketFor(category, id),
      source: {
        openOrders: () => this.doFetchOpenOrders(undefined),
        order: async (symbol, id) => this.#findOrder(this.markets.resolve(symbol), { symbol, id }),
        fills: (since) => this.doFetchFills(undefined, { since }),
        positions: () => this.doFetchPositions(undefined),
        balances: () => this.doFetchBalances(),
      },
      reconcileIntervalMs: options.reconcileIntervalMs,
    });
    // WS order entry where asked for and offered (demo has none: REST, reference §1/§7).
    this.#trade =
      options.orderEntry === 'websocket' && options.urls.tradeWs !== undefined && options.credentials !== undefined
        ? new TradeApi({
            exchange: EXCHANGE_ID,
            url: options.urls.tradeWs,
            credentials: options.credentials,
            redactor: this.#redactor,
            events: this.events,
            heartbeat,
            ...(internals.backoff !== undefined && { backoff: internals.backoff }),
            logger: this.logger,
            clock,
            venueNow: () => this.#venueClock.now(),
            ...(this.#venueClock.resync !== undefined && { resync: () => (this.#venueClock.resync as NonNullable<TimestampSource['resync']>)('timestamp rejected') }),
            recvWindow: options.recvWindow,
            limiter: this.#limiter,
            timeoutMs: options.timeoutMs,
          })
        : undefined;
    this.streams = {
      ticker: (symbol) => this.#stream('streamTicker', `ticker ${symbol}`, () => this.#public.ticker(symbol)),
      orderBook: (symbol, o) => this.#stream('streamOrderBook', `orderBook ${symbol}`, () => this.#public.orderBook(symbol, o)),
      trades: (symbol) => this.#stream('streamTrades', `trades ${symbol}`, () => this.#public.trades(symbol)),
      candles: (symbol, timeframe) => this.#stream('streamCandles', `candles ${symbol}`, () => this.#public.candles(symbol, timeframe)),
      orders: (symbol) => this.#stream('streamOrders', 'orders', () => this.#private.orders(symbol)),
      fills: (symbol) => this.#stream('streamFills', 'fills', () => this.#private.fills(symbol)),
      positions: (symbol) => this.#stream('streamPositions', 'positions', () => this.#private.positions(symbol)),
      balances: () => this.#stream('streamBalances', 'balances', () => this.#private.balances()),
    };
  }

  /** How orders go out: `websocket` only when asked for and offered by the environment. */
  get orderEntry(): 'rest' | 'websocket' {
    return this.#trade === undefined ? 'rest' : 'websocket';
  }

  /** Where the adapter's clock stands against the venue's (after the first signed call). */
  get timeSyncStatus(): ServerTimeSync['status'] | undefined {
    return this.#timeSync?.status;
  }

  // ---- market data -------------------------------------------------------------------------------

  protected async doLoadMarkets(): Promise<Market[]> {
    const out: Market[] = [];
    const seen = new Set<string>();
    const add = (m: Market | undefined): void => {
      if (m === undefined) return;
      if (seen.has(m.symbol)) {
        this.logger.warn({ exchange: this.id, symbol: m.symbol, id: m.id }, 'two instruments map to one unified symbol; the second is skipped');
        return;
      }
      seen.add(m.symbol);
      out.push(m);
    };
    const [linear, spot] = await Promise.all([
      this.categories.includes('linear') ? getLinearInstruments(this.#rest) : Promise.resolve([]),
      this.categories.includes('spot') ? getSpotInstruments(this.#rest) : Promise.resolve([]),
    ]);
    for (const w of linear) add(mapLinearInstrument(w));
    for (const w of spot) add(mapSpotInstrument(w));
    return out;
  }

  protected doFetchServerTime(): Promise<number> {
    return getServerTime(this.#rest);
  }

  protected async doFetchTicker(market: Market): Promise<Ticker> {
    const res = await getTickers(this.#rest, categoryOf(market), market.id);
    const item = res.result.list.find((t) => t.symbol === market.id);
    if (item === undefined) throw new UnexpectedResponseError(`${this.id}: no ticker for ${market.id} in the answer`, { exchange: this.id, path: 'result.list' });
    return mapTicker(item, market, res.time);
  }

  protected async doFetchTickers(markets: readonly Market[] | undefined): Promise<Ticker[]> {
    await this.loadMarkets();
    const categories = markets === undefined ? this.categories : [...new Set(markets.map(categoryOf))];
    const pages = await Promise.all(categories.map(async (category) => ({ category, res: await getTickers(this.#rest, category) })));
    const out: Ticker[] = [];
    for (const { category, res } of pages) {
      for (const item of res.result.list) {
        const market = this.#marketFor(category, item.symbol);
        if (market !== undefined) out.push(mapTicker(item, market, res.time));
      }
    }
    return out;
  }

  protected async doFetchOrderBook(market: Market, depth: number | undefined): Promise<OrderBook> {
    const res = await getOrderBook(this.#rest, categoryOf(market), market.id, depth);
    return mapOrderBook(res.result, market, depth);
  }

  protected doFetchCandles(market: Market, timeframe: Timeframe, query: CandleQuery): Promise<Candle[]> {
    const now = this.clock.now();
    const range = resolveCandleRange(timeframe, query, { now, defaultLimit: KLINE_PAGE_SIZE });
    const category = categoryOf(market);
    const interval = TIMEFRAME_TO_INTERVAL[timeframe];
    return downloadCandles({
      exchange: this.id,
      symbol: market.symbol,
      timeframe,
      since: range.since,
      until: range.until,
      ...(range.limit !== undefined && { limit: range.limit }),
      pageSize: KLINE_PAGE_SIZE,
      // `end` is inclusive on the venue, core's `until` exclusive.
      fetchPage: async (page) => {
        const res = await getKlines(this.#rest, {
          category,
          symbol: market.id,
          interval,
          start: page.since,
          end: page.until - 1,
          limit: page.limit,
          ...(page.signal !== undefined && { signal: page.signal }),
        });
        const at = this.clock.now();
        return res.result.list.map((row) => mapKline(row, market, timeframe, at));
      },
      ...(this.#o.candleCache !== undefined && { cache: this.#o.candleCache }),
      ...(query.onProgress !== undefined && { onProgress: query.onProgress }),
      clock: this.clock,
      logger: this.logger,
    });
  }

  /**
   * `/v5/market/recent-trade` has no time range (reference §5): the newest trades (spot 60, linear
   * 1000) are fetched, filtered to `[since, until)`, sorted ascending and cut to `limit` (the
   * earliest ones after `since`, else the newest).
   */
  protected async doFetchTrades(market: Market, query: HistoryQuery): Promise<Trade[]> {
    const category = categoryOf(market);
    const res = await getRecentTrades(this.#rest, category, market.id, MAX_RECENT_TRADES[category]);
    const trades = res.result.list
      .map((t) => mapRecentTrade(t, market))
      .filter((t) => (query.since === undefined || t.timestamp >= query.since) && (query.until === undefined || t.timestamp < query.until))
      .sort(compareTrades);
    return limitAscending(trades, query);
  }

  protected async doFetchFundingRate(market: Market): Promise<FundingRate> {
    if (market.type === 'spot') throw new NotSupportedError(`${this.id}: ${market.symbol} is spot and has no funding rate`, { exchange: this.id });
    const res = await getTickers(this.#rest, 'linear', market.id);
    const item = res.result.list.find((t) => t.symbol === market.id);
    if (item === undefined) throw new UnexpectedResponseError(`${this.id}: no ticker for ${market.id} in the answer`, { exchange: this.id, path: 'result.list' });
    return mapTickerFunding(item, market);
  }

  /**
   * Settled funding rates of a perpetual, ascending (`/v5/market/funding/history`, paged backwards
   * by `endTime`, 200 a page). With `since`: the earliest `limit` from it; without: the newest `limit`.
   */
  async fetchFundingRateHistory(symbol: string, query: FundingRateHistoryQuery = {}): Promise<FundingRate[]> {
    try {
      this.assertOpen('fetchFundingRateHistory');
      this.assertCapability('fetchFundingRate', 'fetchFundingRateHistory');
      const checked = historyQuerySchema.safeParse(query);
      if (!checked.success) {
        const issues = checked.error.issues.map((i) => `query.${i.path.join('.')}: ${i.message}`).join('; ');
        throw new InvalidArgumentError(`${this.id}: invalid query: ${issues}`, { exchange: this.id });
      }
      const market = await this.market(symbol);
      if (market.type === 'spot') throw new NotSupportedError(`${this.id}: ${market.symbol} is spot and has no funding rate`, { exchange: this.id });
      const since = query.since;
      const out = new Map<number, FundingRate>();
      let end = query.until === undefined ? undefined : query.until - 1;
      for (let page = 0; page < MAX_HISTORY_PAGES; page++) {
        const res = await getFundingHistory(this.#rest, market.id, end);
        let oldest = Number.POSITIVE_INFINITY;
        for (const w of res.result.list) {
          oldest = Math.min(oldest, w.fundingRateTimestamp);
          if ((since === undefined || w.fundingRateTimestamp >= since) && (query.until === undefined || w.fundingRateTimestamp < query.until)) {
            out.set(w.fundingRateTimestamp, mapFundingHistory(w, market));
          }
        }
        const enough = since === undefined && query.limit !== undefined && out.size >= query.limit;
        if (res.result.list.length < FUNDING_PAGE_SIZE || enough || (since !== undefined && oldest <= since) || !Number.isFinite(oldest)) break;
        end = oldest - 1;
      }
      const rates = [...out.values()].sort((a, b) => a.timestamp - b.timestamp);
      this.assertOpen('fetchFundingRateHistory');
      return limitAscending(rates, query);
    } catch (err) {
      if (err instanceof ExchangeError) throw err.withMethod('fetchFundingRateHistory');
      throw err;
    }
  }

  // ---- account -----------------------------------------------------------------------------------

  protected async doFetchBalances(): Promise<Balance[]> {
    const res = await getWalletBalance(this.#rest);
    return res.result.list.flatMap((account) => account.coin.map((c) => mapWalletCoin(c, res.time)));
  }

  /** Open positions (size ≠ 0) of the linear markets, read per settle coin; flat ones are absent. */
  protected async doFetchPositions(markets: readonly Market[] | undefined): Promise<Position[]> {
    if (!this.categories.includes('linear')) return [];
    await this.loadMarkets();
    const linear = (markets ?? this.markets.list()).filter((m) => m.type !== 'spot');
    const settleCoins = [...new Set(linear.map((m) => m.settle).filter((s): s is string => s !== undefined))];
    const now = this.clock.now();
    const rows = (await Promise.all(settleCoins.map((settleCoin) => getPositions(this.#rest, { settleCoin })))).flat();
    const out: Position[] = [];
    for (const row of rows) {
      const market = this.#marketFor('linear', row.symbol);
      if (market === undefined || row.side === '' || row.size.isZero()) continue;
      out.push(mapPosition(row, market, now));
    }
    return out;
  }

  protected async doSetLeverage(market: Market, leverage: Decimal): Promise<void> {
    if (market.type === 'spot') throw new NotSupportedError(`${this.id}: ${market.symbol} is spot: leverage is set on derivatives only`, { exchange: this.id });
    await setLeverage(this.#rest, market.id, leverage.toFixed());
  }

  // ---- orders ------------------------------------------------------------------------------------

  protected async doPlaceOrder(order: ResolvedOrder): Promise<Order> {
    const { market, amount, price, triggerPrice, request } = order;
    const category = categoryOf(market);
    const spot = category === 'spot';
    const tif = request.timeInForce;
    if (request.type === 'market' && (tif === 'gtc' || tif === 'post_only')) {
      throw new InvalidOrderError(`${this.id}: a market order cannot be ${tif}`, { exchange: this.id });
    }
    if (spot && request.reduceOnly === true) throw new InvalidOrderError(`${this.id}: ${market.symbol} is spot: orders cannot be reduce-only`, { exchange: this.id });
    // Market orders are always IOC on the venue (reference §5): only FOK is worth sending.
    const wireTif = request.type === 'market' ? (tif === 'fok' ? 'FOK' : undefined) : TIF_TO_WIRE[tif ?? 'gtc'];
    let triggerDirection: 1 | 2 | undefined;
    if (triggerPrice !== undefined && !spot) {
      const direction = request.triggerDirection ?? (await this.#inferTriggerDirection(market, triggerPrice, request.triggerReference ?? 'last'));
      triggerDirection = direction === 'up' ? 1 : 2;
    }
    const body: CreateOrderBody = {
      category,
      symbol: market.id,
      side: request.side === 'buy' ? 'Buy' : 'Sell',
      orderType: request.type === 'market' ? 'Market' : 'Limit',
      qty: amount.toFixed(),
      ...(price !== undefined && { price: price.toFixed() }),
      ...(wireTif !== undefined && { timeInForce: wireTif }),
      ...(!spot && { positionIdx: 0 as const, reduceOnly: request.reduceOnly === true }),
      ...(triggerPrice !== undefined && { triggerPrice: triggerPrice.toFixed() }),
      ...(triggerDirection !== undefined && { triggerDirection }),
      ...(triggerPrice !== undefined && request.triggerReference !== undefined && { triggerBy: TRIGGER_TO_WIRE[request.triggerReference] }),
      // Core amounts are base units; a spot market buy counts in quote unless told otherwise (reference §5).
      ...(spot && request.type === 'market' && { marketUnit: 'baseCoin' as const }),
      ...(spot && triggerPrice !== undefined && { orderFilter: 'StopOrder' as const }),
    };
    const clientOrderId = request.clientOrderId ?? generateClientOrderId('exk', { clock: this.clock });
    const placed = await this.#retry.placeOrder<Order>({
      clientOrderId,
      place: async (coid) => {
        const ack = await this.#submit('create', { ...body, orderLinkId: coid ?? clientOrderId });
        return this.#afterAck(market, ack.result.orderId, (o) => o !== undefined, () => ackOrder(market, body, ack.result.orderId, coid ?? clientOrderId, ack.time, request));
      },
      lookup: (coid) => this.#findOrder(market, { symbol: market.symbol, clientOrderId: coid }),
      isDuplicateClientOrderId: (err) => err instanceof ExchangeError && DUPLICATE_CLIENT_ORDER_ID_CODES.has(Number(err.code)),
    });
    return placed;
  }

  protected async doAmendOrder(market: Market, request: AmendOrderRequest): Promise<Order> {
    const category = categoryOf(market);
    let side: 'buy' | 'sell' | undefined;
    const onGrid = async (value: Decimal, step: Decimal, what: string, roundMode: 'down' | 'passive' | 'nearest'): Promise<Decimal> => {
      if (value.lte(0)) throw new InvalidOrderError(`${this.id}: ${what} must be positive`, { exchange: this.id });
      if (isOnStep(value, step)) return value;
      if (this.gridPolicy === 'reject') throw new InvalidOrderError(`${this.id}: ${market.symbol}: ${what} ${value.toFixed()} is not on the grid ${step.toFixed()}`, { exchange: this.id });
      if (roundMode === 'passive') {
        side ??= (await this.#findOrderOrThrow(market, request)).side;
        return roundToStep(value, step, side === 'buy' ? 'down' : 'up');
      }
      return roundToStep(value, step, roundMode);
    };
    const qty = request.amount === undefined ? undefined : await onGrid(toDecimal(request.amount), market.stepSize, 'amount', 'down');
    if (qty !== undefined && qty.lt(market.minAmount)) {
      throw new InvalidOrderError(`${this.id}: ${market.symbol}: amount ${qty.toFixed()} is below the minimum ${market.minAmount.toFixed()}`, { exchange: this.id });
    }
    const price = request.price === undefined ? undefined : await onGrid(toDecimal(request.price), market.tickSize, 'price', 'passive');
    const trigger = request.triggerPrice === undefined ? undefined : await onGrid(toDecimal(request.triggerPrice), market.tickSize, 'triggerPrice', 'nearest');
    const body: AmendOrderBody = {
      category,
      symbol: market.id,
      ...(request.id !== undefined ? { orderId: request.id } : { orderLinkId: request.clientOrderId }),
      ...(qty !== undefined && { qty: qty.toFixed() }),
      ...(price !== undefined && { price: price.toFixed() }),
      ...(trigger !== undefined && { triggerPrice: trigger.toFixed() }),
    };
    const ack = await this.#submit('amend', body);
    const changed = (o: Order | undefined): boolean =>
      o !== undefined &&
      (qty === undefined || o.amount.eq(qty) || isTerminalStatus(o.status)) &&
      (price === undefined || o.price === undefined || o.price.eq(price) || isTerminalStatus(o.status));
    return this.#afterAck(market, ack.result.orderId, changed, () => {
      throw new OrderNotFoundError(`${this.id}: order ${ack.result.orderId} was amended but cannot be read back`, { exchange: this.id });
    });
  }

  protected async doCancelOrder(market: Market, request: CancelOrderRequest): Promise<Order> {
    const category = categoryOf(market);
    const ref = request.id !== undefined ? { orderId: request.id } : { orderLinkId: request.clientOrderId };
    let ack;
    try {
      ack = await this.#submit('cancel', { category, symbol: market.id, ...ref });
    } catch (err) {
      // Spot conditional orders are only found under orderFilter=StopOrder (DOCS cancel-order.mdx).
      if (category !== 'spot' || !(err instanceof OrderNotFoundError)) throw err;
      try {
        ack = await this.#submit('cancel', { category, symbol: market.id, ...ref, orderFilter: 'StopOrder' });
      } catch {
        throw err;
      }
    }
    const orderId = ack.result.orderId;
    return this.#afterAck(market, orderId, (o) => o !== undefined && isTerminalStatus(o.status), () => {
      throw new OrderNotFoundError(`${this.id}: order ${orderId} was cancelled but cannot be read back`, { exchange: this.id });
    });
  }

  /**
   * Cancels everything on one market or everywhere. Linear without a symbol goes per settle coin
   * (the venue needs one); spot is asked twice, since its cancel-all takes only `Order` unless told
   * `StopOrder` (DOCS `docs/v5/order/cancel-all.mdx`). Returns the cancelled order ids.
   */
  protected async doCancelAllOrders(market: Market | undefined): Promise<readonly string[]> {
    await this.loadMarkets();
    const calls: CancelAllBody[] = [];
    for (const category of market === undefined ? this.categories : [categoryOf(market)]) {
      const scopes: Array<{ symbol?: string; settleCoin?: string }> =
        market !== undefined ? [{ symbol: market.id }] : category === 'linear' ? this.#settleCoins().map((settleCoin) => ({ settleCoin })) : [{}];
      for (const scope of scopes) {
        calls.push({ category, ...scope });
        if (category === 'spot') calls.push({ category, ...scope, orderFilter: 'StopOrder' });
      }
    }
    const ids = new Set<string>();
    for (const body of calls) {
      const res = await cancelAllOrders(this.#rest, body);
      for (const o of res.result.list) ids.add(o.orderId);
    }
    return [...ids];
  }

  protected async doFetchOrder(market: Market, ref: OrderRef): Promise<Order> {
    return this.#findOrderOrThrow(market, ref);
  }

  /**
   * Open and untriggered orders. Each scope is read twice — as it is (a unified account gets every
   * kind, DOCS open-order.mdx) and with `orderFilter=StopOrder` (where Bybit keeps conditional
   * orders, the only way a classic spot account lists them) — and merged by id.
   */
  protected async doFetchOpenOrders(market: Market | undefined): Promise<Order[]> {
    await this.loadMarkets();
    const out = new Map<string, Order>();
    for (const category of market === undefined ? this.categories : [categoryOf(market)]) {
      const scopes: RealtimeOrdersQuery[] =
        market !== undefined
          ? [{ category, symbol: market.id }]
          : category === 'linear'
            ? this.#settleCoins().map((settleCoin) => ({ category, settleCoin }))
            : [{ category }];
      for (const scope of scopes) {
        const [plain, stop] = await Promise.all([getRealtimeOrders(this.#rest, scope), getRealtimeOrders(this.#rest, { ...scope, orderFilter: 'StopOrder' })]);
        for (const row of [...plain, ...stop]) {
          const order = this.#mapListed(category, row);
          if (order !== undefined && !isTerminalStatus(order.status)) out.set(order.id, order);
        }
      }
    }
    return [...out.values()].sort((a, b) => a.timestamp - b.timestamp || cmp(a.id, b.id));
  }

  protected async doFetchOrderHistory(market: Market | undefined, query: HistoryQuery): Promise<Order[]> {
    await this.loadMarkets();
    const out = new Map<string, Order>();
    const windows = this.#historyWindows(query);
    for (const category of market === undefined ? this.categories : [categoryOf(market)]) {
      let found = 0;
      for (const w of windows) {
        const rows = await getOrderHistory(this.#rest, {
          category,
          ...(market !== undefined && { symbol: market.id }),
          ...(w !== undefined && { startTime: w.since, endTime: w.until - 1 }),
        });
        for (const row of rows) {
          const order = this.#mapListed(category, row);
          if (order === undefined || !isTerminalStatus(order.status) || !inRange(order.timestamp, query)) continue;
          if (!out.has(order.id)) found++;
          out.set(order.id, order);
        }
        if (query.limit !== undefined && found >= query.limit) break;
      }
    }
    const orders = [...out.values()].sort((a, b) => a.timestamp - b.timestamp || cmp(a.id, b.id));
    return limitAscending(orders, query);
  }

  protected async doFetchFills(market: Market | undefined, query: HistoryQuery): Promise<Fill[]> {
    await this.loadMarkets();
    const out = new Map<string, Fill>();
    const windows = this.#historyWindows(query);
    for (const category of market === undefined ? this.categories : [categoryOf(market)]) {
      let found = 0;
      for (const w of windows) {
        const rows = await getExecutions(this.#rest, {
          category,
          ...(market !== undefined && { symbol: market.id }),
          ...(w !== undefined && { startTime: w.since, endTime: w.until - 1 }),
        });
        for (const row of rows) {
          const m = this.#marketFor(category, row.symbol);
          const fill = m === undefined ? undefined : mapExecution(row, m);
          if (fill === undefined || !inRange(fill.timestamp, query)) continue;
          if (!out.has(fill.id)) found++;
          out.set(fill.id, fill);
        }
        if (query.limit !== undefined && found >= query.limit) break;
      }
    }
    const fills = [...out.values()].sort((a, b) => a.timestamp - b.timestamp || cmp(a.id, b.id));
    return limitAscending(fills, query);
  }

  // ---- lifecycle ---------------------------------------------------------------------------------

  protected async doClose(): Promise<void> {
    const error = new ClosedError(`${this.id}: exchange closed`, { exchange: this.id });
    this.#timeSync?.stop();
    this.#limiter.close();
    await Promise.allSettled([
      this.#trade?.close(),
      this.#public.close(error),
      this.#private.close(error),
      this.#rest.private.close(),
      this.#rest.public === this.#rest.private ? Promise.resolve() : this.#rest.public.close(),
    ]);
  }

  // ---- helpers -----------------------------------------------------------------------------------

  /** Create / amend / cancel over WS order entry when enabled, else REST; both answer an acknowledgement. */
  #submit(kind: 'create', body: CreateOrderBody): Promise<{ result: WireOrderAck; time: number }>;
  #submit(kind: 'amend', body: AmendOrderBody): Promise<{ result: WireOrderAck; time: number }>;
  #submit(kind: 'cancel', body: CancelOrderBody): Promise<{ result: WireOrderAck; time: number }>;
  async #submit(kind: 'create' | 'amend' | 'cancel', body: CreateOrderBody | AmendOrderBody | CancelOrderBody): Promise<{ result: WireOrderAck; time: number }> {
    const trade = this.#trade;
    if (trade !== undefined) {
      const reply = await trade.request(`order.${kind}`, body as unknown as Record<string, unknown>, privateCost(`order/${kind}`, body.category), orderAckSchema);
      return { result: reply.data, time: reply.time };
    }
    if (kind === 'create') return createOrder(this.#rest, body as CreateOrderBody);
    if (kind === 'amend') return amendOrder(this.#rest, body as AmendOrderBody);
    return cancelOrder(this.#rest, body as CancelOrderBody);
  }

  #stream<T>(capability: keyof Capabilities, label: string, open: () => Subscription<T>): Subscription<T> {
    try {
      this.assertOpen(label);
      this.assertCapability(capability, label);
    } catch (err) {
      const sink = createSubscription<T>({ topic: label, mode: 'queue', exchange: this.id, ready: Promise.reject(err) });
      return sink.subscription;
    }
    return open();
  }

  /** The loaded market of a category by native id (spot and linear share ids such as `BTCUSDT`). */
  #marketFor(category: BybitCategory, nativeId: string): Market | undefined {
    const registry = this.markets;
    if (this.#native?.registry !== registry) {
      const map = new Map<string, Market>();
      for (const m of registry.list()) map.set(`${categoryOf(m)}:${m.id}`, m);
      this.#native = { registry, map };
    }
    return this.#native.map.get(`${category}:${nativeId}`);
  }

  #settleCoins(): string[] {
    return [...new Set(this.markets.list().flatMap((m) => (m.type !== 'spot' && m.settle !== undefined ? [m.settle] : [])))];
  }

  /** A listed row → Order; rows of markets not loaded (dated futures) and block-trade rows are skipped. */
  #mapListed(category: BybitCategory, row: WireOrder): Order | undefined {
    const market = this.#marketFor(category, row.symbol);
    if (market === undefined || BLOCK_TRADE_ORDER_TYPES.has(row.orderType)) return undefined;
    return mapOrder(row, market);
  }

  /**
   * 7-day windows covering `[since, until)`, oldest first; `[undefined]` (the venue's default: the
   * last 7 days) when no `since` is given and no `until` either.
   */
  #historyWindows(query: HistoryQuery): Array<{ since: number; until: number } | undefined> {
    const now = this.#venueClock.now();
    if (query.since === undefined && query.until === undefined) return [undefined];
    const until = Math.min(query.until ?? now + 1, now + 1);
    const since = Math.max(query.since ?? until - HISTORY_WINDOW_MS, HISTORY_FLOOR_MS);
    const out: Array<{ since: number; until: number }> = [];
    for (let start = since; start < until; start += HISTORY_WINDOW_MS) out.push({ since: start, until: Math.min(start + HISTORY_WINDOW_MS, until) });
    // Without `since` the newest records are wanted: walk newest first.
    return query.since === undefined ? out.reverse() : out;
  }

  /**
   * Finds one order by id or client id: `/v5/order/realtime` (which also holds the last closed
   * ones when asked by id), then with `orderFilter=StopOrder`, then `/v5/order/history`. A row on
   * another symbol does not count (the venue ignores `symbol` when an id is given).
   */
  async #findOrder(market: Market, ref: OrderRef): Promise<Order | undefined> {
    const category = categoryOf(market);
    const by = ref.id !== undefined ? { orderId: ref.id } : { orderLinkId: ref.clientOrderId };
    const match = (rows: readonly WireOrder[]): WireOrder | undefined =>
      rows.find((r) => r.symbol === market.id && (ref.id !== undefined ? r.orderId === ref.id : r.orderLinkId === ref.clientOrderId));
    const tries: Array<() => Promise<WireOrder[]>> = [
      () => getRealtimeOrders(this.#rest, { category, symbol: market.id, ...by }),
      () => getRealtimeOrders(this.#rest, { category, symbol: market.id, ...by, orderFilter: 'StopOrder' }),
      () => getOrderHistory(this.#rest, { category, symbol: market.id, ...by }),
    ];
    for (const attempt of tries) {
      const row = match(await attempt());
      if (row !== undefined) return mapOrder(row, market);
    }
    return undefined;
  }

  async #findOrderOrThrow(market: Market, ref: OrderRef): Promise<Order> {
    const order = await this.#findOrder(market, ref);
    if (order === undefined) {
      const what = ref.id !== undefined ? `id ${ref.id}` : `clientOrderId ${ref.clientOrderId}`;
      throw new OrderNotFoundError(`${this.id}: no order with ${what} on ${market.symbol}`, { exchange: this.id });
    }
    return order;
  }

  /**
   * After an acknowledgement: read the order back until `done` holds (Bybit acknowledges before the
   * order's state settles), a few times with short waits; then the last reading, or `fallback()`.
   */
  async #afterAck(market: Market, orderId: string, done: (o: Order | undefined) => boolean, fallback: () => Order): Promise<Order> {
    let last: Order | undefined;
    for (let i = 0; ; i++) {
      last = await this.#findOrder(market, { symbol: market.symbol, id: orderId });
      if (done(last) || i >= this.#pollDelays.length) break;
      await sleep(this.#pollDelays[i] as number);
      this.assertOpen('order read-back');
    }
    return last ?? fallback();
  }

  /** Rise or fall to the trigger, from where the reference price stands now (linear needs it, reference §5). */
  async #inferTriggerDirection(market: Market, trigger: Decimal, reference: 'last' | 'mark' | 'index'): Promise<'up' | 'down'> {
    const res = await getTickers(this.#rest, 'linear', market.id);
    const t = res.result.list.find((x) => x.symbol === market.id);
    const ref = reference === 'mark' ? t?.markPrice : reference === 'index' ? t?.indexPrice : t?.lastPrice;
    if (ref === undefined) throw new UnexpectedResponseError(`${this.id}: no ${reference} price for ${market.id} to infer the trigger direction`, { exchange: this.id, path: 'result.list' });
    return trigger.gt(ref) ? 'up' : 'down';
  }
}

const TIF_TO_WIRE = { gtc: 'GTC', ioc: 'IOC', fok: 'FOK', post_only: 'PostOnly' } as const;
const TRIGGER_TO_WIRE = { last: 'LastPrice', mark: 'MarkPrice', index: 'IndexPrice' } as const;

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function inRange(t: number, q: HistoryQuery): boolean {
  return (q.since === undefined || t >= q.since) && (q.until === undefined || t < q.until);
}

/** `limit` of an ascending list: the earliest after `since`, otherwise the newest. */
function limitAscending<T>(items: T[], q: HistoryQuery): T[] {
  if (q.limit === undefined || items.length <= q.limit) return items;
  return q.since !== undefined ? items.slice(0, q.limit) : items.slice(items.length - q.limit);
}

/** The order as acknowledged, when the venue cannot show it yet: what was asked, nothing filled. */
function ackOrder(
  market: Market,
  body: CreateOrderBody,
  orderId: string,
  clientOrderId: string,
  at: number,
  request: ResolvedOrder['request'],
): Order {
  const amount = toDecimal(body.qty);
  const tif = body.timeInForce;
  return {
    id: orderId,
    clientOrderId,
    symbol: market.symbol,
    type: body.orderType === 'Market' ? 'market' : 'limit',
    side: body.side === 'Buy' ? 'buy' : 'sell',
    timeInForce: tif === 'PostOnly' ? 'post_only' : tif === 'FOK' ? 'fok' : tif === 'IOC' || body.orderType === 'Market' ? 'ioc' : 'gtc',
    status: body.triggerPrice !== undefined ? 'untriggered' : 'open',
    ...(body.price !== undefined && { price: toDecimal(body.price) }),
    amount,
    filled: toDecimal(0),
    remaining: amount,
    cost: toDecimal(0),
    ...(body.triggerPrice !== undefined && { triggerPrice: toDecimal(body.triggerPrice) }),
    ...(request.triggerReference !== undefined && body.triggerPrice !== undefined && { triggerReference: request.triggerReference }),
    reduceOnly: body.reduceOnly === true,
    postOnly: tif === 'PostOnly',
    timestamp: at,
    updatedAt: at,
  };
}
