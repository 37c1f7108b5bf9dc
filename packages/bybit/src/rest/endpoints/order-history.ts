import type { RestRequest } from '@exkit/core';
import type { BybitCategory } from '../../environments.js';
import { collectPages, type BybitRest } from '../client.js';
import { privateCost } from '../limits.js';
import { orderListResponseSchema, type WireOrder } from '../schemas/trade.js';
import { ORDER_PAGE_SIZE, type OrderListResponse } from './order-realtime.js';

/**
 * GET /v5/order/history (reference §5; DOCS `docs/v5/order/order-list.mdx`): `startTime` and
 * `endTime` go together and span ≤ 7 days; none → the last 7 days. Newest first.
 */
export interface OrderHistoryQuery {
  readonly category: BybitCategory;
  readonly symbol?: string;
  readonly orderId?: string;
  readonly orderLinkId?: string;
  readonly startTime?: number;
  readonly endTime?: number;
  /** Send once, no transport retry (a caller that repeats under its own budget). */
  readonly once?: boolean;
}

export function orderHistoryRequest(q: OrderHistoryQuery, cursor?: string): RestRequest<OrderListResponse> {
  return {
    path: '/v5/order/history',
    query: {
      category: q.category,
      symbol: q.symbol,
      orderId: q.orderId,
      orderLinkId: q.orderLinkId,
      startTime: q.startTime,
      endTime: q.endTime,
      limit: ORDER_PAGE_SIZE,
      cursor,
    },
    signed: true,
    ...(q.once === true && { idempotent: false }),
    schema: orderListResponseSchema,
    cost: privateCost('order/history', q.category),
    label: 'order/history',
  };
}

export function getOrderHistory(rest: BybitRest, q: OrderHistoryQuery, stop?: (items: readonly WireOrder[]) => boolean): Promise<WireOrder[]> {
  return collectPages(async (cursor) => (await rest.private.request(orderHistoryRequest(q, cursor))).result, stop === undefined ? {} : { stop });
}
