/** Shared by the fault tests: a frozen simulator (only the test moves the book) and an adapter against it. */
import { createBitunix, type BitunixExchange, type BitunixOptions } from '../../src/index.js';
import { startBitunixSimulator, type BitunixSimulator, type BitunixSimulatorOptions } from '../../src/testing/index.js';

export const BTC = 'BTC/USDT:USDT';

export interface Rig {
  readonly sim: BitunixSimulator;
  readonly ex: BitunixExchange;
  close(): Promise<void>;
}

export async function startRig(simOptions: BitunixSimulatorOptions, options: Omit<BitunixOptions, 'environment' | 'credentials'> = {}): Promise<Rig> {
  const sim = await startBitunixSimulator(simOptions);
  sim.venue.freeze(true);
  const ex = createBitunix({ environment: sim.environment, credentials: { apiKey: sim.apiKey, apiSecret: sim.apiSecret }, ...options });
  await ex.loadMarkets();
  return {
    sim,
    ex,
    close: async () => {
      await ex.close();
      await sim.close();
    },
  };
}

/** Collects a subscription's items in the background (the loop ends when the subscription does). */
export function collect<T>(sub: AsyncIterable<T>): T[] {
  const items: T[] = [];
  void (async () => {
    for await (const x of sub) items.push(x);
  })().catch(() => undefined);
  return items;
}
