/**
 * The conformance target: `create__Name__` with the adapter's declared choices.
 *
 * No simulator front exists yet (step 6), so the target runs as `live` without a `control`: the
 * kit runs the cases that need no simulator and reports the others SKIP-env. When the front
 * exists, switch to `env: 'sim'` with its `control` and credentials, like
 * `packages/bitunix/test/testing/conformance-target.ts`.
 */
import type { ConformanceTarget } from '@exkit/core/testing';
import { create__Name__ } from '../../src/index.js';

export function __id__Target(): ConformanceTarget {
  return {
    name: '__id__ (scaffold)',
    env: 'live',
    createExchange: async (o) => create__Name__({ logger: o.logger }),
    // Placeholder keys (no venue holds them): the kit derives a wrong secret from them (CK-ER-01)
    // and scans for leaks. The simulator front issues real ones (step 6).
    credentials: { apiKey: '__id__-scaffold-key', apiSecret: '__id__-scaffold-secret' },
    // Where the spec lets an adapter choose, state the venue's outcome here as it is implemented.
    declared: {
      postOnlyCross: 'reject',
      reduceOnlyWithoutPosition: 'reject',
      haltedMarketRejection: 'InvalidOrder',
      flatPosition: 'absent',
      repeatCancel: 'notFound',
      gridPolicy: 'reject',
      cancelAllIncludesConditional: true,
      feeCurrency: 'settle',
      reconciliationIntervalMs: 10_000,
      timestampTruncation: 'floor',
      serverTimeSource: 'endpoint',
      maxBookDepth: 50,
    },
    // Every venue code the adapter maps, with the class it must surface as (CK-ER-06).
    errorCodeMap: [],
    symbols: { perp: 'BTC/USDT:USDT', second: 'ETH/USDT:USDT' },
  };
}
