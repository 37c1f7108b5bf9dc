import type { RestRequest } from '@exkit/core';
import type { z } from 'zod';
import type { BybitCategory } from '../../environments.js';
import { collectPages, type BybitRest } from '../client.js';
import { privateCost } from '../limits.js';
import { executionListResponseSchema, type WireExecution } from '../schemas/trade.js';

export type ExecutionListResponse = z.infer<typeof executionListResponseSchema>;

/** Page size (reference §5: 1–100). */
export const EXECUTION_PAGE_SIZE = 100;

/**
 * GET /v5/execution/list (reference §5; DOCS `docs/v5/order/execution.mdx`): window ≤ 7 days,
 * none → the last 7 days; newest first.
 */
export interface ExecutionQuery {
  readonly category: BybitCategory;
  readonly symbol?: string;
  readonly orderId?: string;
  readonly startTime?: number;
  readonly endTime?: number;
}

export function executionListRequest(q: ExecutionQuery, cursor?: string): RestRequest<ExecutionListResponse> {
  return {
    path: '/v5/execution/list',
    query: { category: q.category, symbol: q.symbol, orderId: q.orderId, startTime: q.startTime, endTime: q.endTime, limit: EXECUTION_PAGE_SIZE, cursor },
    signed: true,
    schema: executionListResponseSchema,
    cost: privateCost('execution/list', q.category),
    label: 'execution/list',
  };
}

export function getExecutions(rest: BybitRest, q: ExecutionQuery, stop?: (items: readonly WireExecution[]) => boolean): Promise<WireExecution[]> {
  return collectPages(async (cursor) => (await rest.private.request(executionListRequest(q, cursor))).result, stop === undefined ? {} : { stop });
}
