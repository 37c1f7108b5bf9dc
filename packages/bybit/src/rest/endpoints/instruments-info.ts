import type { RestRequest } from '@exkit/core';
import type { z } from 'zod';
import { collectPages, type BybitRest } from '../client.js';
import { PUBLIC_COST } from '../limits.js';
import {
  linearInstrumentsResponseSchema,
  spotInstrumentsResponseSchema,
  type WireLinearInstrument,
  type WireSpotInstrument,
} from '../schemas/market.js';

export type LinearInstrumentsResponse = z.infer<typeof linearInstrumentsResponseSchema>;
export type SpotInstrumentsResponse = z.infer<typeof spotInstrumentsResponseSchema>;

/**
 * The `status` filter (reference §5/§8; DOCS api-explorer v5/market/instrument: PreLaunch, Trading,
 * Settling, Delivering, Closed). Without it linear and spot answer `Trading` instruments only.
 */
export type InstrumentStatus = 'PreLaunch' | 'Trading' | 'Settling' | 'Delivering' | 'Closed';

/**
 * GET /v5/market/instruments-info (reference §5): linear has more than 500 symbols, so it is
 * paged with `limit=1000` + `cursor` until `nextPageCursor` is `""`; spot ignores both.
 */
export function linearInstrumentsRequest(cursor?: string, status?: InstrumentStatus): RestRequest<LinearInstrumentsResponse> {
  return {
    path: '/v5/market/instruments-info',
    query: { category: 'linear', limit: 1000, cursor, status },
    schema: linearInstrumentsResponseSchema,
    cost: PUBLIC_COST,
    label: 'market/instruments-info',
  };
}

export function spotInstrumentsRequest(status?: InstrumentStatus): RestRequest<SpotInstrumentsResponse> {
  return { path: '/v5/market/instruments-info', query: { category: 'spot', status }, schema: spotInstrumentsResponseSchema, cost: PUBLIC_COST, label: 'market/instruments-info' };
}

export function getLinearInstruments(rest: BybitRest, status?: InstrumentStatus): Promise<WireLinearInstrument[]> {
  return collectPages(async (cursor) => (await rest.public.request(linearInstrumentsRequest(cursor, status))).result);
}

export async function getSpotInstruments(rest: BybitRest, status?: InstrumentStatus): Promise<WireSpotInstrument[]> {
  return [...(await rest.public.request(spotInstrumentsRequest(status))).result.list];
}
