/** A Bybit simulator front on loopback and an exkit client pointed at it (custom environment). */
import type { Market } from '@exkit/core';
import { createBybit, type BybitExchange } from '@exkit/bybit';
import { startBybitSimulator, type BybitSimulator } from '@exkit/bybit/testing';

export const BYBIT_SYMBOL = 'BTC/USDT:USDT';

export interface BybitRig {
  readonly sim: BybitSimulator;
  readonly exchange: BybitExchange;
  readonly market: Market;
  close(): Promise<void>;
}

export async function startBybitRig(seed = 'bench'): Promise<BybitRig> {
  // Limits off at the front: the suites pace themselves, and two clients share one key here.
  const sim = await startBybitSimulator({ seed, enforceLimits: false });
  const exchange = createBybit({
    environment: 'custom',
    urls: {
      rest: sim.restUrl,
      publicWs: { linear: sim.wsPublicUrl('linear'), spot: sim.wsPublicUrl('spot') },
      privateWs: sim.wsPrivateUrl,
      tradeWs: sim.wsTradeUrl,
    },
    credentials: { apiKey: sim.apiKey, apiSecret: sim.apiSecret },
    reconcileIntervalMs: 0,
  });
  const market = (await exchange.loadMarkets()).find((m) => m.symbol === BYBIT_SYMBOL);
  if (market === undefined) throw new Error(`the simulator lists no ${BYBIT_SYMBOL}`);
  return {
    sim,
    exchange,
    market,
    close: async () => {
      await exchange.close();
      await sim.close();
    },
  };
}
