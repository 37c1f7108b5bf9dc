import type { Credentials } from '../credentials/credentials.js';
import type { ExchangeError } from '../errors/exchange-error.js';
import type { Capabilities } from '../exchange/capabilities.js';
import type { Exchange } from '../exchange/exchange.js';
import type { Logger } from '../logging/logger.js';
import type { TriggerReference } from '../models/enums.js';
import type { GridPolicy } from '../symbols/market-registry.js';
import type { VenueControl, VenueOperation } from './venue-control.js';

/** What the kit asks of `createExchange`. */
export interface CreateExchangeOptions {
  /** Use these instead of the target's own (a wrong secret, a read-only key from `control.createApiKey`…). */
  readonly credentials?: Credentials;
  /** Test hook (CK-ER-11): no clock sync, requests stamped with the local clock as is. */
  readonly disableClockSync?: boolean;
  /** The adapter logs through this; the kit scans every record for secrets (G7). */
  readonly logger: Logger;
}

/** A class of `ERROR_CLASSES` (or any ExchangeError subclass). */
export type ErrorClass = abstract new (...args: never[]) => ExchangeError;

/** One venue code the adapter maps (CK-ER-06). */
export type ErrorCodeExpectation =
  | {
      readonly code: string | number;
      /** The class it must surface as. */
      readonly error: ErrorClass;
      /** The call the simulator answers with this code; a sensible one per class when absent. */
      readonly operation?: VenueOperation;
    }
  | {
      readonly code: string | number;
      /** A "not modified" answer to an idempotent setter: must be success. */
      readonly notModified: 'setLeverage';
    };

/** Who pays the fee in which currency. `received`: what the order receives (base on a spot buy). */
export type FeeCurrencyRule = 'quote' | 'base' | 'settle' | 'received' | { readonly currency: string };

/** Where the spec lets the adapter choose, it states its choice here and the kit checks exactly that one. */
export interface Declared {
  /** CK-OR-07: a post-only order that would cross throws InvalidOrder (`reject`) or ends canceled/rejected (`cancel`). */
  readonly postOnlyCross: 'reject' | 'cancel';
  /** CK-OR-10: same choice for a reduce-only order without a position. */
  readonly reduceOnlyWithoutPosition: 'reject' | 'cancel';
  /** CK-SY-06: the class `placeOrder` on a halted market throws. */
  readonly haltedMarketRejection: 'BadSymbol' | 'InvalidOrder';
  /** CK-AC-03: a flat position reads as size 0 or is absent. */
  readonly flatPosition: 'zero' | 'absent';
  /** CK-OR-18: a repeat cancel gives OrderNotFound or is a no-op. */
  readonly repeatCancel: 'notFound' | 'noop';
  /** CK-PR-03: off-grid values are rejected before sending or rounded onto the grid. */
  readonly gridPolicy: GridPolicy;
  /** CK-OR-19: `cancelAllOrders` cancels conditional orders too. */
  readonly cancelAllIncludesConditional: boolean;
  /** CK-OR-04, CK-OR-21. */
  readonly feeCurrency: FeeCurrencyRule;
  /**
   * CK-PR-04: whether the venue can list a market whose contract size ≠ 1 (default true). `false` means its
   * wire has no contract multiplier at all (every quantity is in base units), so the case is SKIP-cap, not FAIL:
   * there is no conversion to get wrong. Declare it only when the venue's reference truly has no such field.
   */
  readonly contractSizedMarkets?: boolean;
  /**
   * CK-MD-09, CK-ST-07: `venue` (default) when public trades carry the venue's trade id; `none` when the
   * venue's wire has no trade id at all, so the adapter mints its own. Then the kit matches trades by
   * their order and (side, price, size) instead of by id, and checks the minted ids are non-empty and unique.
   */
  readonly tradeIds?: 'venue' | 'none';
  /** CK-FT-08: the most time a missed private event takes to be reconciled. */
  readonly reconciliationIntervalMs: number;
  /** CK-PR-05: how µs/ns timestamps become ms. */
  readonly timestampTruncation: 'floor' | 'round';
  /** CK-MD-07: a time endpoint, or derived (from response headers, a ticker…). */
  readonly serverTimeSource: 'endpoint' | 'derived';
  /** CK-OR-13: how a triggered conditional order is found again (its id, or its clientOrderId). */
  readonly conditionalLink?: 'id' | 'clientOrderId';
  /** CK-OR-13: trigger references the venue honours (default both). */
  readonly triggerReferences?: readonly Exclude<TriggerReference, 'index'>[];
  /** CK-BK-02: the deepest book the venue serves. */
  readonly maxBookDepth: number;
  /** CK-MD-05: candles per venue page (the kit asks for more). Default 200. */
  readonly candlePageLimit?: number;
  /** CK-ER-09: the adapter's request timeout. Default 10 s. */
  readonly requestTimeoutMs?: number;
  /** CK-FT-04, CK-ER-09: how long the adapter keeps retrying a read. Default 30 s. */
  readonly retryBudgetMs?: number;
  /** CK-FT-10: how long the adapter keeps reconnecting before it gives up. Default 60 s. */
  readonly reconnectBudgetMs?: number;
}

export interface TargetSymbols {
  /** A liquid perpetual (unified). */
  readonly perp: string;
  /** A second market of the same kind. */
  readonly second: string;
  /** A market with contractSize ≠ 1 (CK-PR-04); in the simulator the kit adds one when absent. */
  readonly contractSized?: string;
  /** A market without trades (CK-MD-06); in the simulator the kit adds one when absent. */
  readonly idle?: string;
}

/** Waits and bounds. Defaults: see `defaultTiming`. */
export interface Timing {
  /** T: the convergence wait (5 s in the simulator). */
  readonly convergenceMs: number;
  /** Bound on any single awaited call. */
  readonly stepTimeoutMs: number;
  /** Bound on a whole case (cases with long fault windows add them). */
  readonly caseTimeoutMs: number;
  /** CK-ST-07: how long the kit stops reading (10 s). */
  readonly slowReaderMs: number;
  /** CK-FT-03 (5 s). */
  readonly rateLimitWindowMs: number;
  /** CK-FT-04: the window that retries must ride out (10 s). */
  readonly unavailableWindowMs: number;
  /** CK-FT-10 (30 s). */
  readonly refuseWindowMs: number;
  /** CK-BK-04: steps of random book changes (changes = steps × 5; 100 → 500). */
  readonly bookSteps: number;
}

export interface ConformanceTarget {
  /** Printed in reports, e.g. `acme (sim)`. */
  readonly name: string;
  readonly env: 'sim' | 'live';
  /** A fresh, unconnected instance; the kit loads markets and closes it. */
  createExchange(options: CreateExchangeOptions): Promise<Exchange>;
  /** Required for `sim` (and every `sim`/`F:` case). */
  readonly control?: VenueControl;
  /** The credentials the adapter uses by default: the kit derives a wrong secret from them (CK-ER-01) and scans for leaks (G7). Never printed. */
  readonly credentials?: Credentials;
  /** Known without creating an exchange (lets `describeConformance` register tests); read from a fresh instance when absent. */
  readonly capabilities?: Capabilities;
  readonly declared: Declared;
  /** Every venue code the adapter maps, with the class it must surface as (CK-ER-06). */
  readonly errorCodeMap: readonly ErrorCodeExpectation[];
  readonly symbols: TargetSymbols;
  readonly timing?: Partial<Timing>;
}

/** Sensible bounds for a simulator on loopback and for a live venue. */
export function defaultTiming(env: 'sim' | 'live'): Timing {
  const convergenceMs = env === 'sim' ? 5_000 : 15_000;
  return {
    convergenceMs,
    stepTimeoutMs: convergenceMs + 10_000,
    caseTimeoutMs: env === 'sim' ? 60_000 : 180_000,
    slowReaderMs: 10_000,
    rateLimitWindowMs: 5_000,
    unavailableWindowMs: 10_000,
    refuseWindowMs: 30_000,
    bookSteps: 100,
  };
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_RETRY_BUDGET_MS = 30_000;
export const DEFAULT_RECONNECT_BUDGET_MS = 60_000;
export const DEFAULT_CANDLE_PAGE_LIMIT = 200;
