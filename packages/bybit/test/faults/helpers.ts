/** A simulator and an adapter on it, with test-short reconnect backoff and read-back waits. */
import { BybitExchange, type BybitInternals } from '../../src/exchange.js';
import { resolveOptions, type BybitOptions } from '../../src/options.js';
import { startBybitSimulator, type BybitSimulator } from '../../src/testing/index.js';

export const PERP = 'BTC/USDT:USDT';
export const PERP_ID = 'BTCUSDT';

export async function startSim(seed: string): Promise<BybitSimulator> {
  return startBybitSimulator({ seed });
}

export function adapterOn(sim: BybitSimulator, options: BybitOptions = {}, internals: BybitInternals = {}): BybitExchange {
  return new BybitExchange(
    resolveOptions({
      environment: 'custom',
      urls: {
        rest: sim.restUrl,
        publicWs: { linear: sim.wsPublicUrl('linear'), spot: sim.wsPublicUrl('spot') },
        privateWs: sim.wsPrivateUrl,
        tradeWs: sim.wsTradeUrl,
      },
      credentials: { apiKey: sim.apiKey, apiSecret: sim.apiSecret },
      category: ['linear'],
      ...options,
    }),
    { backoff: { initialDelayMs: 50, maxDelayMs: 200, random: () => 0.5 }, ackPollDelaysMs: [5, 20], ...internals },
  );
}

/** Polls until `check` holds (or throws after `ms`). */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
