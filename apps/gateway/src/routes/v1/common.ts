// Shared by the /api/v1 routes: the envelope, venue choice and symbol resolution (unified or native).
import type { Market } from '@exkit/core';
import type { GatewayContext } from '../../http/context.js';
import type { ManagedVenue } from '../../venues/registry.js';

export function envelope<T>(ctx: GatewayContext, data: T): { success: true; data: T; timestamp: string } {
  return { success: true, data, timestamp: new Date(ctx.now()).toISOString() };
}

export function venueOf(ctx: GatewayContext, exchange: string | undefined): ManagedVenue {
  return ctx.venues.get(exchange);
}

/** The market for a unified (`BTC/USDT:USDT`) or native (`BTCUSDT`) symbol; BadSymbolError → 404. */
export async function marketOf(venue: ManagedVenue, symbol: string): Promise<Market> {
  await venue.client.loadMarkets();
  return venue.client.markets.resolve(symbol);
}
