import type { RestRequest } from '@exkit/core';
import type { z } from 'zod';
import type { BybitRest } from '../client.js';
import { PUBLIC_COST } from '../limits.js';
import { fundingHistoryResponseSchema } from '../schemas/market.js';

export type FundingHistoryResponse = z.infer<typeof fundingHistoryResponseSchema>;

/** Page size (reference §5: 1–200, default 200). */
export const FUNDING_PAGE_SIZE = 200;

/**
 * GET /v5/market/funding/history. Passing only `startTime` is an error (reference §5), so a page
 * is always asked by `endTime` (newest first, up to 200 records at or before it).
 */
export function fundingHistoryRequest(symbol: string, endTime: number | undefined): RestRequest<FundingHistoryResponse> {
  return {
    path: '/v5/market/funding/history',
    query: { category: 'linear', symbol, endTime, limit: FUNDING_PAGE_SIZE },
    schema: fundingHistoryResponseSchema,
    cost: PUBLIC_COST,
    label: 'market/funding/history',
  };
}

export function getFundingHistory(rest: BybitRest, symbol: string, endTime: number | undefined): Promise<FundingHistoryResponse> {
  return rest.public.request(fundingHistoryRequest(symbol, endTime));
}
