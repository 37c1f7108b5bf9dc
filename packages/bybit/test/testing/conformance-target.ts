/**
 * The conformance target: `createBybit` (custom URLs, linear + spot) against `startBybitSimulator`.
 * The declared choices follow the adapter and the simulator as built; the error-code map lists
 * codes the simulator answers with (codes.ts) and the typed error the adapter must raise.
 */
import { AuthenticationError, InsufficientFundsError, InvalidOrderError, OrderNotFoundError, PermissionError, RateLimitError } from '@exkit/core';
import type { ConformanceTarget } from '@exkit/core/testing';
import { createBybit } from '../../src/index.js';
import type { BybitSimulator } from '../../src/testing/index.js';

export function bybitTarget(sim: BybitSimulator): ConformanceTarget {
  const credentials = { apiKey: sim.apiKey, apiSecret: sim.apiSecret };
  return {
    name: 'bybit',
    env: 'sim',
    control: sim.control,
    credentials,
    createExchange: async (o) =>
      createBybit({
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
        ...(o.disableClockSync === true ? { timeSync: false } : {}),
      }),
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
      reconciliationIntervalMs: 10_000,
      timestampTruncation: 'floor',
      serverTimeSource: 'endpoint',
      maxBookDepth: 1000,
      candlePageLimit: 1000,
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
