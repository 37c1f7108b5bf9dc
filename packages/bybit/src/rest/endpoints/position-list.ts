import type { RestRequest } from '@exkit/core';
import type { z } from 'zod';
import { collectPages, type BybitRest } from '../client.js';
import { privateCost } from '../limits.js';
import { positionListResponseSchema, type WirePosition } from '../schemas/account.js';

export type PositionListResponse = z.infer<typeof positionListResponseSchema>;

/** Page size (reference §5: 1–200). */
export const POSITION_PAGE_SIZE = 200;

/**
 * GET /v5/position/list, category=linear: needs `symbol` or `settleCoin` (reference §5). With a
 * symbol a row comes back even when flat; with settleCoin only rows with size > 0.
 */
export function positionListRequest(by: { readonly symbol: string } | { readonly settleCoin: string }, cursor?: string): RestRequest<PositionListResponse> {
  return {
    path: '/v5/position/list',
    query: { category: 'linear', ...by, limit: POSITION_PAGE_SIZE, cursor },
    signed: true,
    schema: positionListResponseSchema,
    cost: privateCost('position/list', 'linear'),
    label: 'position/list',
  };
}

export function getPositions(rest: BybitRest, by: { readonly symbol: string } | { readonly settleCoin: string }): Promise<WirePosition[]> {
  return collectPages(async (cursor) => (await rest.private.request(positionListRequest(by, cursor))).result);
}
