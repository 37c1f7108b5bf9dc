import type { CandleCache, Clock, GridPolicy, Logger, Market, MarketRegistry, Order, OrderRef, RetryPolicy } from '@exkit/core';
import type { BitunixRest } from '../rest/client.js';

/** USDT-M futures settle in USDT: the `marginCoin` of every account call. */
export const MARGIN_COIN = 'USDT';

/**
 * What the parts of BitunixExchange share: the wired transport, clocks and policies, and the few
 * class services (market registry, closed state) they call back into. Built once by the class.
 */
export interface BitunixContext {
  readonly id: string;
  readonly rest: BitunixRest;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly gridPolicy: GridPolicy;
  readonly retry: RetryPolicy;
  /** Order placement's retry policy (shorter budget than reads). */
  readonly placementRetry: RetryPolicy;
  readonly candleCache: CandleCache | undefined;
  /** Orders per batch_order call. */
  readonly batchOrderMax: number;
  /** The loaded market registry (empty before the first load). */
  registry(): MarketRegistry;
  /** The exchange's public `loadMarkets()` (a no-op once loaded). */
  loadMarkets(): Promise<unknown>;
  /** The exchange's market lookup (loads the markets when needed). */
  market(symbol: string): Promise<Market>;
  /** The exchange's `doFetchOrder`. */
  fetchOrder(market: Market, ref: OrderRef): Promise<Order>;
  /** The venue clock now, read from the HTTP `Date` header of a one-level depth reply (no time endpoint, §3). */
  venueNow(): Promise<number>;
  /** Throws ClosedError once the exchange is closed. */
  assertOpen(method: string): void;
}

/** Calls without a symbol map rows of every market: the markets must be loaded (once, cached). */
export async function ensureMarkets(ctx: BitunixContext): Promise<void> {
  if (ctx.registry().size === 0) await ctx.loadMarkets();
}
