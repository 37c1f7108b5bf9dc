import type { RestRequest } from '@exkit/core';
import type { z } from 'zod';
import type { BybitCategory } from '../../environments.js';
import type { BybitRest } from '../client.js';
import { PUBLIC_COST } from '../limits.js';
import { klineResponseSchema } from '../schemas/market.js';

export type KlineResponse = z.infer<typeof klineResponseSchema>;

/**
 * Page size for GET /v5/market/kline. The reference (§5, DOCS @072c197d0c11) allows 1–1000; the
 * DOCS revisions stored here (`docs/v5/market/kline.mdx` @377c9952, @013aa2a1) say 1–200. core's
 * pager takes a short page as "that is all there is", so asking 1000 of a venue that caps at 200
 * would open holes; 200 is right under either reading (it only costs more requests).
 */
export const KLINE_PAGE_SIZE = 200;

export interface KlineParams {
  readonly category: BybitCategory;
  readonly symbol: string;
  readonly interval: string;
  /** Inclusive, ms. */
  readonly start: number;
  /** Inclusive, ms. */
  readonly end: number;
  readonly limit: number;
  readonly signal?: AbortSignal;
}

export function klineRequest(p: KlineParams): RestRequest<KlineResponse> {
  return {
    path: '/v5/market/kline',
    query: { category: p.category, symbol: p.symbol, interval: p.interval, start: p.start, end: p.end, limit: p.limit },
    schema: klineResponseSchema,
    cost: PUBLIC_COST,
    label: 'market/kline',
    ...(p.signal !== undefined && { signal: p.signal }),
  };
}

export function getKlines(rest: BybitRest, p: KlineParams): Promise<KlineResponse> {
  return rest.public.request(klineRequest(p));
}
