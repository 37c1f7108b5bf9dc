import type { RestRequest } from '@exkit/core';
import type { z } from 'zod';
import type { BybitCategory } from '../../environments.js';
import type { BybitRest } from '../client.js';
import { PUBLIC_COST } from '../limits.js';
import { tickersResponseSchema } from '../schemas/market.js';

export type TickersResponse = z.infer<typeof tickersResponseSchema>;

/** GET /v5/market/tickers (reference §5): without `symbol`, every symbol of the category. */
export function tickersRequest(category: BybitCategory, symbol?: string): RestRequest<TickersResponse> {
  return { path: '/v5/market/tickers', query: { category, symbol }, schema: tickersResponseSchema, cost: PUBLIC_COST, label: 'market/tickers' };
}

export function getTickers(rest: BybitRest, category: BybitCategory, symbol?: string): Promise<TickersResponse> {
  return rest.public.request(tickersRequest(category, symbol));
}
