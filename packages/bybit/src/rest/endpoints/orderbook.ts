import type { RestRequest } from '@exkit/core';
import type { z } from 'zod';
import type { BybitCategory } from '../../environments.js';
import type { BybitRest } from '../client.js';
import { PUBLIC_COST } from '../limits.js';
import { orderBookResponseSchema } from '../schemas/market.js';

export type OrderBookResponse = z.infer<typeof orderBookResponseSchema>;

/** Largest `limit` for spot and linear (reference §5: 1–1000). */
export const MAX_REST_BOOK_DEPTH = 1000;
/** Asked for when the caller gives no depth (linear's own default; spot's default is 1). */
export const DEFAULT_REST_BOOK_DEPTH = 25;

/** GET /v5/market/orderbook. */
export function orderBookRequest(category: BybitCategory, symbol: string, limit: number): RestRequest<OrderBookResponse> {
  return { path: '/v5/market/orderbook', query: { category, symbol, limit }, schema: orderBookResponseSchema, cost: PUBLIC_COST, label: 'market/orderbook' };
}

export function getOrderBook(rest: BybitRest, category: BybitCategory, symbol: string, depth: number | undefined): Promise<OrderBookResponse> {
  const limit = Math.min(MAX_REST_BOOK_DEPTH, Math.max(1, depth ?? DEFAULT_REST_BOOK_DEPTH));
  return rest.public.request(orderBookRequest(category, symbol, limit));
}
