import type { RestRequest } from '@exkit/core';
import type { z } from 'zod';
import type { BybitCategory } from '../../environments.js';
import type { BybitRest } from '../client.js';
import { PUBLIC_COST } from '../limits.js';
import { recentTradesResponseSchema } from '../schemas/market.js';

export type RecentTradesResponse = z.infer<typeof recentTradesResponseSchema>;

/** Most trades one call returns (reference §5: spot 1–60, others 1–1000). No time range exists. */
export const MAX_RECENT_TRADES: Readonly<Record<BybitCategory, number>> = { spot: 60, linear: 1000 };

/** GET /v5/market/recent-trade. */
export function recentTradesRequest(category: BybitCategory, symbol: string, limit: number): RestRequest<RecentTradesResponse> {
  return { path: '/v5/market/recent-trade', query: { category, symbol, limit }, schema: recentTradesResponseSchema, cost: PUBLIC_COST, label: 'market/recent-trade' };
}

export function getRecentTrades(rest: BybitRest, category: BybitCategory, symbol: string, limit: number): Promise<RecentTradesResponse> {
  return rest.public.request(recentTradesRequest(category, symbol, Math.min(limit, MAX_RECENT_TRADES[category])));
}
