/**
 * The conformance target: the adapter (custom URLs, linear + spot; built as `createBybit` builds it,
 * plus the one test knob `heartbeat` so its ping interval matches the scaled-down simulator) against
 * `startBybitSimulator`. The declared choices follow the adapter and the simulator as built; the error-code map lists
 * codes the simulator answers with (codes.ts) and the typed error the adapter must raise.
 */
import { AuthenticationError, InsufficientFundsError, InvalidOrderError, OrderNotFoundError, PermissionError, RateLimitError } from '@exkit/core';
import type { ConformanceTarget } from '@exkit/core/testing';
import { RETRY_BUDGET_MS } from '../../src/exchange/wiring.js';
import { BybitExchange } from '../../src/exchange.js';
import { resolveOptions } from '../../src/options.js';
import type { BybitSimulator, BybitSimulatorOptions } from '../../src/testing/index.js';

/** The periodic private-state re-read the target runs with, declared to the kit as is (CK-FT-08). */
const RECONCILE_INTERVAL_MS = 10_000;
/** How long a dropped socket keeps reconnecting: the kit's 30 s refusal window plus the 10 s backoff cap plus margin (CK-FT-10), short enough for CI. */
const RECONNECT_BUDGET_MS = 45_000;

/**
 * The simulator the conformance runs use: the venue's idle cut and heartbeat interval scaled down
 * 150× / 20× (10 min → 4 s, 20 s → 1 s) so CK-ST-04 holds a connection for 3× the idle timeout in
 * seconds; the adapter pings at the same 1 s (`heartbeatMs` below). Everything else as the venue.
 */
export const CONFORMANCE_SIM: BybitSimulatorOptions = { seed: 'conformance', idleTimeoutMs: 4_000, heartbeatIntervalMs: 1_000 };

export function bybitTarget(sim: BybitSimulator, tuning: { readonly heartbeatMs?: number } = { heartbeatMs: CONFORMANCE_SIM.heartbeatIntervalMs }): ConformanceTarget {
  const credentials = { apiKey: sim.apiKey, apiSecret: sim.apiSecret };
  return {
    name: 'bybit',
    env: 'sim',
    control: sim.control,
    credentials,
    createExchange: async (o) =>
      new BybitExchange(
        resolveOptions({
        environment: 'custom',
        urls: {
          rest: sim.restUrl,
          publicWs: { linear: sim.wsPublicUrl('linear'), spot: sim.wsPublicUrl('spot') },
          privateWs: sim.wsPrivateUrl,
          tradeWs: sim.wsTradeUrl,
        },
        credentials: o.credentials ?? credentials,
        logger: o.logger,
        category: ['linear', 'spot'],
        reconcileIntervalMs: RECONCILE_INTERVAL_MS,
        reconnectBudgetMs: RECONNECT_BUDGET_MS,
        ...(o.disableClockSync === true ? { timeSync: false } : {}),
        }),
        tuning.heartbeatMs === undefined ? {} : { heartbeat: { intervalMs: tuning.heartbeatMs } },
      ),
    declared: {
      postOnlyCross: 'cancel',
      reduceOnlyWithoutPosition: 'reject',
      haltedMarketRejection: 'InvalidOrder',
      // the adapter lists positions by settleCoin: open positions only
      flatPosition: 'absent',
      repeatCancel: 'notFound',
      gridPolicy: 'reject',
      cancelAllIncludesConditional: true,
      feeCurrency: 'settle',
      reconciliationIntervalMs: RECONCILE_INTERVAL_MS,
      timestampTruncation: 'floor',
      serverTimeSource: 'endpoint',
      maxBookDepth: 1000,
      candlePageLimit: 1000,
      retryBudgetMs: RETRY_BUDGET_MS,
      reconnectBudgetMs: RECONNECT_BUDGET_MS,
      // §5 instruments-info has no contract multiplier: linear/spot quantities are base coin (CK-PR-04)
      contractSizedMarkets: false,
    },
    errorCodeMap: [
      { code: 10003, error: AuthenticationError },
      { code: 10004, error: AuthenticationError },
      { code: 10005, error: PermissionError, operation: 'placeOrder' },
      { code: 10006, error: RateLimitError },
      { code: 110007, error: InsufficientFundsError, operation: 'placeOrder' },
      { code: 110094, error: InvalidOrderError, operation: 'placeOrder' },
      { code: 110001, error: OrderNotFoundError, operation: 'cancelOrder' },
    ],
    symbols: { perp: 'BTC/USDT:USDT', second: 'ETH/USDT:USDT' },
  };
}
