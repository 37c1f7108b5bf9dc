/** The conformance target: `createBitunix` against `startBitunixSimulator`, with the adapter's declared choices. */
import {
  AuthenticationError,
  BadSymbolError,
  ExchangeUnavailableError,
  InsufficientFundsError,
  InvalidArgumentError,
  InvalidOrderError,
  OrderNotFoundError,
  PermissionError,
  RateLimitError,
} from '@exkit/core';
import type { ConformanceTarget } from '@exkit/core/testing';
import { createBitunix, type BitunixOptions } from '../../src/index.js';
import type { BitunixSimulator, BitunixSimulatorOptions } from '../../src/testing/index.js';

/** The simulator as every conformance run starts it: a 5 s receive window on signed requests (README, open points). */
export const CONFORMANCE_SIM: BitunixSimulatorOptions = { seed: 'conformance', receiveWindowMs: 5_000 };

/** Adapter options a test file may tune to fit its time budget (a shorter idle cut needs a shorter ping period). */
export type TargetTuning = Pick<BitunixOptions, 'heartbeatIntervalMs' | 'reconnectBudgetMs'>;

export function bitunixTarget(sim: BitunixSimulator, tuning: TargetTuning = {}): ConformanceTarget {
  const credentials = { apiKey: sim.apiKey, apiSecret: sim.apiSecret };
  return {
    name: 'bitunix',
    env: 'sim',
    control: sim.control,
    credentials,
    ...(tuning.reconnectBudgetMs !== undefined && { reconnectBudgetMs: tuning.reconnectBudgetMs }),
    createExchange: async (o) =>
      createBitunix({
        environment: sim.environment,
        credentials: o.credentials ?? credentials,
        logger: o.logger,
        ...tuning,
        ...(o.disableClockSync === true ? { clockSync: false } : {}),
      }),
    declared: {
      // the engine cancels a crossing post-only order (POST_ONLY ends CANCELED)
      postOnlyCross: 'cancel',
      // 30018 → InvalidOrderError
      reduceOnlyWithoutPosition: 'reject',
      // the adapter refuses an inactive market itself (InvalidOrderError) before sending
      haltedMarketRejection: 'InvalidOrder',
      // get_pending_positions lists open positions only
      flatPosition: 'absent',
      // a cancel_orders failureList item → OrderNotFoundError
      repeatCancel: 'notFound',
      gridPolicy: 'reject',
      cancelAllIncludesConditional: false,
      feeCurrency: 'settle',
      reconciliationIntervalMs: 10_000,
      timestampTruncation: 'floor',
      // the HTTP Date header (no time endpoint, §3)
      serverTimeSource: 'derived',
      maxBookDepth: 100,
      candlePageLimit: 200,
      // trading_pairs has no contract size: USDT-M quantities are base coin (bitunix.md §5; CCXT contractSize 1)
      contractSizedMarkets: false,
      // the `trade` channel carries no trade id (§6): the adapter mints `<ts>-<index>` ids
      tradeIds: 'none',
    },
    errorCodeMap: [
      { code: 10007, error: AuthenticationError },
      { code: 10003, error: AuthenticationError },
      { code: 403, error: PermissionError, operation: 'placeOrder' },
      { code: 10006, error: RateLimitError },
      { code: 10005, error: RateLimitError },
      { code: 20003, error: InsufficientFundsError, operation: 'placeOrder' },
      { code: 30042, error: InvalidOrderError, operation: 'placeOrder' },
      { code: 30017, error: InvalidOrderError, operation: 'placeOrder' },
      { code: 20007, error: OrderNotFoundError, operation: 'fetchOrder' },
      { code: 20015, error: BadSymbolError, operation: 'fetchOrderBook' },
      { code: 10001, error: ExchangeUnavailableError },
      { code: 10002, error: InvalidArgumentError, operation: 'fetchBalances' },
    ],
    symbols: { perp: 'BTC/USDT:USDT', second: 'ETH/USDT:USDT' },
  };
}
