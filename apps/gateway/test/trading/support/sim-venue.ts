// A real simulated venue for gateway tests: the Bybit simulator front (loopback REST + WS) over a
// virtual-clock SimVenue, the Bybit adapter pointed at it, and a VenueRegistry holding it.
import { createBybit } from '@exkit/bybit';
import { startBybitSimulator, type BybitSimulator } from '@exkit/bybit/testing';
import type { Clock, Exchange } from '@exkit/core';
import { SimVenue } from '@exkit/sim';
import type { Venue, VenueRegistry } from '../../../src/contracts/venues.js';

export const SYMBOL = 'BTC/USDT:USDT';

export interface TestVenue {
  readonly venue: SimVenue;
  readonly sim: BybitSimulator;
  readonly registry: VenueRegistry;
  /** The venue's virtual clock (engines and adapters run on it). */
  readonly clock: Clock;
  /** A new adapter instance on the same simulator (a second gateway instance, a restart). */
  newClient(): Exchange;
  /** A registry over a new adapter instance. */
  newRegistry(): { registry: VenueRegistry; client: Exchange };
  close(): Promise<void>;
}

export function registryOf(client: Exchange, clock: Clock, id = 'bybit-sim'): VenueRegistry {
  const v: Venue = { id, exchange: 'bybit', env: 'sim', client, health: () => ({ reachable: true, connected: true, checkedAt: clock.now() }) };
  return {
    list: () => [v],
    get: (want?: string) => {
      if (want === undefined || want === id) return v;
      throw new Error(`unknown venue ${want}`);
    },
  };
}

export async function startTestVenue(seed = 'gateway-engine'): Promise<TestVenue> {
  const venue = new SimVenue({ seed, virtual: true, frozen: true });
  const sim = await startBybitSimulator({ venue, enforceLimits: false });
  const clock: Clock = { now: () => venue.now() };
  const clients: Exchange[] = [];
  const newClient = (): Exchange => {
    const c = createBybit({
      environment: 'custom',
      urls: { rest: sim.restUrl, publicWs: { linear: sim.wsPublicUrl('linear'), spot: sim.wsPublicUrl('spot') }, privateWs: sim.wsPrivateUrl, tradeWs: sim.wsTradeUrl },
      credentials: { apiKey: sim.apiKey, apiSecret: sim.apiSecret },
      clock,
      timeoutMs: 5_000,
      reconcileIntervalMs: 0,
    });
    clients.push(c);
    return c;
  };
  const first = newClient();
  return {
    venue,
    sim,
    clock,
    registry: registryOf(first, clock),
    newClient,
    newRegistry: () => {
      const client = newClient();
      return { registry: registryOf(client, clock), client };
    },
    close: async () => {
      await Promise.allSettled(clients.map((c) => c.close()));
      await sim.close();
      venue.close();
    },
  };
}

/** Last traded price of the market now. */
export function lastPrice(venue: SimVenue, symbol = SYMBOL): number {
  return Number(venue.ticker(symbol).last.toString());
}

/** Prints one trade at `price` and closes the minute: the candle stream delivers a closed candle at that close. */
export function closeMinuteAt(venue: SimVenue, price: string, symbol = SYMBOL): void {
  venue.printTrades(symbol, [{ price, size: '0.001', side: 'buy' }]);
  const now = venue.now();
  venue.advanceClock(60_000 - (now % 60_000));
}
