import {
  ClosedError,
  OperationsExchange,
  type ApiKeyInfo,
  type Capabilities,
  type ExchangeStreams,
  type FundingRate,
  type ServerTimeSync,
  type Timeframe,
} from '@exkit/core';
import type { BybitCategory, BybitEnvironment, BybitUrls } from './environments.js';
import { bybitCapabilities } from './exchange/capabilities.js';
import type { BybitContext } from './exchange/context.js';
import { checkFundingHistoryQuery, fetchFundingRateHistory, type FundingRateHistoryQuery } from './exchange/funding.js';
import type { BybitInternals } from './exchange/internals.js';
import { NativeMarkets } from './exchange/native-markets.js';
import { bybitOperations } from './exchange/operations.js';
import { findOrder } from './exchange/order-lookup.js';
import { bybitStreams, createSockets, createStreamGate, type BybitSockets } from './exchange/streams.js';
import { closeWiring, wireBybit, type BybitWiring } from './exchange/wiring.js';
import { mapApiKeyInfo } from './map/api-key.js';
import { BYBIT_TIMEFRAMES } from './map/candle.js';
import { getApiKeyInfo } from './rest/endpoints/query-api.js';
import { EXCHANGE_ID, type ResolvedBybitOptions } from './options.js';

export type { BybitInternals } from './exchange/internals.js';
export type { FundingRateHistoryQuery } from './exchange/funding.js';

/**
 * Bybit V5 behind core's Exchange: linear perpetuals and spot (see `category`). ExchangeBase does
 * the closed state, capability gating, input validation and symbol resolution before any request;
 * this class wires the parts under `exchange/` (transports, sockets, market data, account,
 * trading) and hands each validated call to them through the table in `exchange/operations.ts`.
 */
export class BybitExchange extends OperationsExchange<BybitContext> {
  readonly id = EXCHANGE_ID;
  readonly capabilities: Capabilities;
  readonly timeframes: readonly Timeframe[] = BYBIT_TIMEFRAMES;
  readonly streams: ExchangeStreams;
  readonly environment: BybitEnvironment;
  readonly urls: BybitUrls;
  readonly categories: readonly BybitCategory[];

  readonly #native = new NativeMarkets(() => this.markets);
  readonly #wiring: BybitWiring;
  readonly #sockets: BybitSockets;
  readonly #ctx: BybitContext;

  constructor(options: ResolvedBybitOptions, internals: BybitInternals = {}) {
    super({
      ...(options.logger !== undefined && { logger: options.logger }),
      ...(options.clock !== undefined && { clock: options.clock }),
      gridPolicy: options.gridPolicy,
    });
    this.environment = options.environment;
    this.urls = options.urls;
    this.categories = options.categories;
    this.capabilities = bybitCapabilities(options.categories);

    const wiring = wireBybit(options, internals, this.clock, this.logger);
    this.#wiring = wiring;
    this.#sockets = createSockets(options, internals, wiring, {
      events: this.events,
      logger: this.logger,
      clock: this.clock,
      market: (symbol) => {
        this.assertOpen('streams');
        return this.market(symbol);
      },
      ensureMarkets: async () => {
        await this.loadMarkets();
      },
      marketFor: (category, id) => this.#native.marketFor(category, id),
      source: {
        openOrders: () => this.doFetchOpenOrders(undefined),
        order: async (symbol, id) => findOrder(this.#ctx, this.markets.resolve(symbol), { symbol, id }),
        fills: (since) => this.doFetchFills(undefined, { since }),
        positions: () => this.doFetchPositions(undefined),
        balances: () => this.doFetchBalances(),
      },
    });
    this.#ctx = {
      id: EXCHANGE_ID,
      rest: wiring.rest,
      categories: options.categories,
      clock: this.clock,
      venueClock: wiring.venueClock,
      observedTime: wiring.observedTime,
      logger: this.logger,
      gridPolicy: this.gridPolicy,
      retry: wiring.retry,
      placementRetry: wiring.placementRetry,
      candleCache: options.candleCache,
      trade: this.#sockets.trade,
      pollDelays: internals.ackPollDelaysMs ?? [50, 150, 300],
      registry: () => this.markets,
      loadMarkets: () => this.loadMarkets(),
      marketFor: (category, id) => this.#native.marketFor(category, id),
      assertOpen: (method) => this.assertOpen(method),
    };
    this.operate({ context: this.#ctx, operations: bybitOperations });
    this.streams = bybitStreams(
      this.#sockets,
      createStreamGate((capability, label) => {
        this.assertOpen(label);
        this.assertCapability(capability, label);
      }),
    );
  }

  /** How orders go out: `websocket` only when asked for and offered by the environment. */
  get orderEntry(): 'rest' | 'websocket' {
    return this.#sockets.trade === undefined ? 'rest' : 'websocket';
  }

  /** Where the adapter's clock stands against the venue's (after the first signed call). */
  get timeSyncStatus(): ServerTimeSync['status'] | undefined {
    return this.#wiring.timeSync?.status;
  }

  // ---- venue-specific (exchange/funding.ts) -----------------------------------------------------

  /**
   * Settled funding rates of a perpetual, ascending (`/v5/market/funding/history`, paged backwards
   * by `endTime`, 200 a page). With `since`: the earliest `limit` from it; without: the newest `limit`.
   */
  fetchFundingRateHistory(symbol: string, query: FundingRateHistoryQuery = {}): Promise<FundingRate[]> {
    return this.guarded('fetchFundingRateHistory', 'fetchFundingRate', async () => {
      checkFundingHistoryQuery(this.#ctx, query);
      return fetchFundingRateHistory(this.#ctx, await this.market(symbol), query);
    });
  }

  /** What this key may do (`/v5/user/query-api`): trade, withdraw, transfer, IP binding, expiry. */
  fetchApiKeyInfo(): Promise<ApiKeyInfo> {
    return this.guarded('fetchApiKeyInfo', undefined, async () => mapApiKeyInfo((await getApiKeyInfo(this.#ctx.rest)).result));
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  protected async doClose(): Promise<void> {
    const error = new ClosedError(`${this.id}: exchange closed`, { exchange: this.id });
    const sockets = this.#sockets;
    await closeWiring(this.#wiring, () => [sockets.trade?.close(), sockets.public.close(error), sockets.private.close(error)]);
  }
}
