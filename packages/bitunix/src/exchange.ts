import {
  ExchangeBase,
  type AmendOrderRequest,
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
  type Order,
  type OrderBook,
  type OrderRef,
  type PlaceOrderRequest,
  type Position,
  type ResolvedOrder,
  type Ticker,
  type Timeframe,
  type Trade,
} from '@exkit/core';
import { fetchBalances, fetchPositions, setLeverage, setMarginMode, setPositionMode } from './exchange/account.js';
import { amendOrder } from './exchange/amend-order.js';
import { placeOrders } from './exchange/batch-order.js';
import { cancelAllOrders, cancelOrder } from './exchange/cancel-orders.js';
import { BITUNIX_CAPABILITIES } from './exchange/capabilities.js';
import type { BitunixContext } from './exchange/context.js';
import { fetchPositionHistory } from './exchange/history.js';
import { fetchCandles, fetchFundingRate, fetchOrderBook, fetchTicker, fetchTickers, fetchTrades } from './exchange/market-data.js';
import { loadBitunixMarkets } from './exchange/markets.js';
import { fetchFills, fetchOpenOrders, fetchOrder, fetchOrderHistory } from './exchange/order-queries.js';
import { placeOrder } from './exchange/place-order.js';
import { BitunixSockets } from './exchange/sockets.js';
import { bitunixStreams } from './exchange/streams.js';
import { cancelTpsl, fetchTpslHistory, fetchTpslOrders, modifyTpsl, placePositionTpsl, placeTpsl } from './exchange/tpsl.js';
import type { BatchPlacement, PositionRecord, TpslLeg, TpslOrder } from './exchange/types.js';
import { closeWiring, probeServerTime, wireBitunix, type BitunixWiring } from './exchange/wiring.js';
import { TIMEFRAMES } from './map/candle.js';
import { EXCHANGE_ID, type ResolvedOptions } from './options.js';
import { MAX_LIST_LIMIT } from './rest/limits.js';

export { BITUNIX_CAPABILITIES } from './exchange/capabilities.js';
export type { BatchPlacement, PositionRecord, TpslLeg, TpslOrder } from './exchange/types.js';

/**
 * Bitunix USDT-M perpetual futures behind core's Exchange. ExchangeBase does the closed state,
 * capability gating, input validation and symbol resolution before any request; this class wires
 * the parts under `exchange/` (transport, sockets, market data, account, trading, TP/SL) and
 * delegates each validated call to them.
 */
export class BitunixExchange extends ExchangeBase {
  readonly id = EXCHANGE_ID;
  readonly capabilities: Capabilities = BITUNIX_CAPABILITIES;
  readonly timeframes: readonly Timeframe[] = TIMEFRAMES;
  readonly streams: ExchangeStreams;
  readonly #wiring: BitunixWiring;
  readonly #sockets: BitunixSockets;
  readonly #ctx: BitunixContext;

  constructor(options: ResolvedOptions) {
    super({ ...(options.logger && { logger: options.logger }), ...(options.clock && { clock: options.clock }), gridPolicy: options.gridPolicy });
    const wiring = wireBitunix(options, this.logger, (signal) => probeServerTime(wiring.rest, this.markets.list()[0]?.id ?? 'BTCUSDT', signal));
    this.#wiring = wiring;
    this.#ctx = {
      id: EXCHANGE_ID,
      rest: wiring.rest,
      clock: this.clock,
      logger: this.logger,
      gridPolicy: this.gridPolicy,
      retry: wiring.retry,
      placementRetry: wiring.placement,
      candleCache: options.candleCache,
      batchOrderMax: options.batchOrderMax,
      registry: () => this.markets,
      loadMarkets: () => this.loadMarkets(),
      market: (symbol) => this.market(symbol),
      fetchOrder: (market, ref) => this.doFetchOrder(market, ref),
      venueNow: async () => (await probeServerTime(wiring.rest, this.markets.list()[0]?.id ?? 'BTCUSDT')).serverTime,
      assertOpen: (method) => this.assertOpen(method),
    };
    this.#sockets = new BitunixSockets({
      ctx: this.#ctx,
      options,
      wiring,
      events: this.events,
      source: {
        openOrders: () => this.doFetchOpenOrders(undefined),
        order: async (id, symbol) => {
          const m = this.markets.find(symbol);
          return m === undefined ? undefined : this.doFetchOrder(m, { symbol, id });
        },
        fills: (since) => this.doFetchFills(undefined, { since, limit: MAX_LIST_LIMIT * 5 }),
        positions: () => this.doFetchPositions(undefined),
        balances: () => this.doFetchBalances(),
      },
    });
    this.streams = bitunixStreams({
      ctx: this.#ctx,
      options,
      sockets: this.#sockets,
      timeframes: this.timeframes,
      events: this.events,
      assertOpen: (method) => this.assertOpen(method),
      assertCapability: (capability, method) => this.assertCapability(capability, method),
    });
  }

  // ---- market data (exchange/markets.ts, market-data.ts) -----------------------------------------

  protected doLoadMarkets(): Promise<Market[]> {
    return loadBitunixMarkets(this.#ctx);
  }

  protected async doFetchServerTime(): Promise<number> {
    return (await probeServerTime(this.#wiring.rest, this.markets.list()[0]?.id ?? 'BTCUSDT')).serverTime;
  }

  protected doFetchTicker(market: Market): Promise<Ticker> {
    return fetchTicker(this.#ctx, market);
  }

  protected doFetchTickers(markets: readonly Market[] | undefined): Promise<Ticker[]> {
    return fetchTickers(this.#ctx, markets);
  }

  protected doFetchOrderBook(market: Market, depth: number | undefined): Promise<OrderBook> {
    return fetchOrderBook(this.#ctx, market, depth);
  }

  protected doFetchCandles(market: Market, timeframe: Timeframe, query: CandleQuery): Promise<Candle[]> {
    return fetchCandles(this.#ctx, market, timeframe, query);
  }

  protected doFetchTrades(market: Market, query: HistoryQuery): Promise<Trade[]> {
    return fetchTrades(this.#ctx, market, query);
  }

  protected doFetchFundingRate(market: Market): Promise<FundingRate> {
    return fetchFundingRate(this.#ctx, market);
  }

  // ---- account (exchange/account.ts) -------------------------------------------------------------

  protected doFetchBalances(): Promise<Balance[]> {
    return fetchBalances(this.#ctx);
  }

  protected doFetchPositions(markets: readonly Market[] | undefined): Promise<Position[]> {
    return fetchPositions(this.#ctx, markets);
  }

  protected doSetLeverage(market: Market, leverage: Decimal): Promise<void> {
    return setLeverage(this.#ctx, market, leverage);
  }

  // ---- orders (exchange/place-order.ts, amend-order.ts, cancel-orders.ts, order-queries.ts) ------

  protected doPlaceOrder(order: ResolvedOrder): Promise<Order> {
    return placeOrder(this.#ctx, order);
  }

  protected doAmendOrder(market: Market, request: AmendOrderRequest): Promise<Order> {
    return amendOrder(this.#ctx, market, request);
  }

  protected doCancelOrder(market: Market, request: CancelOrderRequest): Promise<Order> {
    return cancelOrder(this.#ctx, market, request);
  }

  protected doCancelAllOrders(market: Market | undefined): Promise<readonly string[]> {
    return cancelAllOrders(this.#ctx, market);
  }

  protected doFetchOrder(market: Market, ref: OrderRef): Promise<Order> {
    return fetchOrder(this.#ctx, market, ref);
  }

  protected doFetchOpenOrders(market: Market | undefined): Promise<Order[]> {
    return fetchOpenOrders(this.#ctx, market);
  }

  protected doFetchOrderHistory(market: Market | undefined, query: HistoryQuery): Promise<Order[]> {
    return fetchOrderHistory(this.#ctx, market, query);
  }

  protected doFetchFills(market: Market | undefined, query: HistoryQuery): Promise<Fill[]> {
    return fetchFills(this.#ctx, market, query);
  }

  // ---- lifecycle ---------------------------------------------------------------------------------

  protected async doClose(): Promise<void> {
    this.#sockets.detach();
    await closeWiring(this.#wiring, () => this.#sockets.close());
  }

  // ---- Bitunix-specific (exchange/account.ts, batch-order.ts, tpsl.ts, history.ts) ---------------

  /** Margin mode of one symbol (`ISOLATION`/`CROSS`); refused with an open position or orders (20006). */
  setMarginMode(symbol: string, mode: 'cross' | 'isolated'): Promise<void> {
    return this.guarded('setMarginMode', undefined, () => setMarginMode(this.#ctx, symbol, mode));
  }

  /**
   * Account-wide position mode. The neutral model is one-way (`placeOrder` never sends `tradeSide`); in hedge mode the
   * venue wants `tradeSide` on every order, so keep the account in `one_way` to trade through this adapter.
   */
  setPositionMode(mode: 'one_way' | 'hedge'): Promise<void> {
    return this.guarded('setPositionMode', undefined, () => setPositionMode(this.#ctx, mode));
  }

  /**
   * Several orders of one symbol in batch_order calls of at most `batchOrderMax` (default 5). Each request is
   * validated and put on the grid like `placeOrder`; the venue answers per item (acknowledgements only).
   */
  placeOrders(requests: readonly PlaceOrderRequest[]): Promise<BatchPlacement[]> {
    return this.guarded('placeOrders', undefined, () => placeOrders(this.#ctx, requests));
  }

  /** TP/SL on an open position (tpsl/place_order); at least one of `takeProfit`/`stopLoss`. Returns the TP/SL order id. */
  placeTpsl(symbol: string, positionId: string, legs: { readonly takeProfit?: TpslLeg; readonly stopLoss?: TpslLeg }): Promise<string> {
    return this.guarded('placeTpsl', undefined, () => placeTpsl(this.#ctx, symbol, positionId, legs));
  }

  /** Whole-position TP/SL (tpsl/position/place_order): closes the position at market when triggered. */
  placePositionTpsl(symbol: string, positionId: string, legs: { readonly takeProfit?: TpslLeg; readonly stopLoss?: TpslLeg }): Promise<string> {
    return this.guarded('placePositionTpsl', undefined, () => placePositionTpsl(this.#ctx, symbol, positionId, legs));
  }

  modifyTpsl(symbol: string, orderId: string, legs: { readonly takeProfit?: TpslLeg; readonly stopLoss?: TpslLeg }): Promise<string> {
    return this.guarded('modifyTpsl', undefined, () => modifyTpsl(this.#ctx, symbol, orderId, legs));
  }

  cancelTpsl(symbol: string, orderId: string): Promise<void> {
    return this.guarded('cancelTpsl', undefined, () => cancelTpsl(this.#ctx, symbol, orderId));
  }

  /** Pending TP/SL orders (tpsl/get_pending_orders), optionally of one symbol. */
  fetchTpslOrders(symbol?: string): Promise<TpslOrder[]> {
    return this.guarded('fetchTpslOrders', undefined, () => fetchTpslOrders(this.#ctx, symbol));
  }

  /** Finished TP/SL orders (tpsl/get_history_orders). */
  fetchTpslHistory(symbol?: string, query: HistoryQuery = {}): Promise<TpslOrder[]> {
    return this.guarded('fetchTpslHistory', undefined, () => fetchTpslHistory(this.#ctx, symbol, query));
  }

  /** Closed positions (position/get_history_positions), ascending by open time. */
  fetchPositionHistory(symbol?: string, query: HistoryQuery = {}): Promise<PositionRecord[]> {
    return this.guarded('fetchPositionHistory', undefined, () => fetchPositionHistory(this.#ctx, symbol, query));
  }
}
