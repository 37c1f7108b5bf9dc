import type { CandleCache, Clock, GridPolicy, Logger, Market, MarketRegistry, RetryPolicy, TimestampSource } from '@exkit/core';
import type { BybitCategory } from '../environments.js';
import type { BybitRest } from '../rest/client.js';
import type { TradeApi } from '../ws/trade-api.js';
import type { ObservedVenueTime } from './venue-time.js';

/**
 * What the parts of BybitExchange share: the wired transports and clocks, and the few class
 * services (market registry, closed state) they call back into. Built once by the class.
 */
export interface BybitContext {
  readonly id: string;
  readonly rest: BybitRest;
  readonly categories: readonly BybitCategory[];
  readonly clock: Clock;
  /** Venue time: the synced clock when time sync is on, else `clock`. */
  readonly venueClock: TimestampSource;
  /** The venue's time as its latest answers and frames show it (venue-time ranges). */
  readonly observedTime: ObservedVenueTime;
  readonly logger: Logger;
  readonly gridPolicy: GridPolicy;
  readonly retry: RetryPolicy;
  /** Order placement's (a shorter budget: a late order is a different decision). */
  readonly placementRetry: RetryPolicy;
  readonly candleCache: CandleCache | undefined;
  /** WS order entry, when enabled; REST otherwise. */
  readonly trade: TradeApi | undefined;
  /** Waits between order read-backs after an acknowledgement. */
  readonly pollDelays: readonly number[];
  /** The loaded market registry (empty before the first load). */
  registry(): MarketRegistry;
  /** The exchange's public `loadMarkets()` (a no-op once loaded). */
  loadMarkets(): Promise<unknown>;
  /** The loaded market of a category by native id. */
  marketFor(category: BybitCategory, nativeId: string): Market | undefined;
  /** Throws ClosedError once the exchange is closed. */
  assertOpen(method: string): void;
}
