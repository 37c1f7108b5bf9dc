import type { RestRequest } from '@exkit/core';
import type { z } from 'zod';
import type { BybitCategory } from '../../environments.js';
import { collectPages, type BybitRest } from '../client.js';
import { privateCost } from '../limits.js';
import { orderListResponseSchema, type WireOrder } from '../schemas/trade.js';

export type OrderListResponse = z.infer<typeof orderListResponseSchema>;

/** Page size (reference §5: 1–50). */
export const ORDER_PAGE_SIZE = 50;

/**
 * GET /v5/order/realtime (reference §5; DOCS `docs/v5/order/open-order.mdx`). Linear needs one of
 * symbol / settleCoin. By orderId or orderLinkId it also finds recently closed orders (`openOnly`
 * is ignored then). Without `orderFilter` a unified account gets every kind of order; a classic
 * spot account only `Order`, hence the explicit `StopOrder` query for conditional orders.
 */
export interface RealtimeOrdersQuery {
  readonly category: BybitCategory;
  readonly symbol?: string;
  readonly settleCoin?: string;
  readonly orderId?: string;
  readonly orderLinkId?: string;
  readonly orderFilter?: 'Order' | 'StopOrder';
  /** Send once, no transport retry (a caller that repeats under its own budget). */
  readonly once?: boolean;
}

export function realtimeOrdersRequest(q: RealtimeOrdersQuery, cursor?: string): RestRequest<OrderListResponse> {
  return {
    path: '/v5/order/realtime',
    query: {
      category: q.category,
      symbol: q.symbol,
      settleCoin: q.settleCoin,
      orderId: q.orderId,
      orderLinkId: q.orderLinkId,
      orderFilter: q.orderFilter,
      limit: ORDER_PAGE_SIZE,
      cursor,
    },
    signed: true,
    ...(q.once === true && { idempotent: false }),
    schema: orderListResponseSchema,
    cost: privateCost('order/realtime', q.category),
    label: 'order/realtime',
  };
}

export function getRealtimeOrders(rest: BybitRest, q: RealtimeOrdersQuery): Promise<WireOrder[]> {
  return collectPages(async (cursor) => (await rest.private.request(realtimeOrdersRequest(q, cursor))).result);
}
