import { OperationsExchange, type Capabilities, type ExchangeStreams, type HistoryQuery, type PlaceOrderRequest, type Timeframe } from '@exkit/core';
import { setMarginMode, setPositionMode } from './exchange/account.js';
import { placeOrders } from './exchange/batch-order.js';
import { BITUNIX_CAPABILITIES } from './exchange/capabilities.js';
import type { BitunixContext } from './exchange/context.js';
import { fetchPositionHistory } from './exchange/history.js';
import { bitunixOperations } from './exchange/operations.js';
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
 * hands each validated call to them through the table in `exchange/operations.ts`.
 */
export class BitunixExchange extends OperationsExchange<BitunixContext> {
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
    this.operate({ context: this.#ctx, operations: bitunixOperations });
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
