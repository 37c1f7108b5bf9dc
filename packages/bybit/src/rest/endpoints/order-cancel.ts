import type { RestRequest } from '@exkit/core';
import type { BybitCategory } from '../../environments.js';
import type { BybitRest } from '../client.js';
import { privateCost } from '../limits.js';
import { orderAckResponseSchema } from '../schemas/trade.js';
import type { OrderAckResponse } from './order-create.js';

/**
 * The body of POST /v5/order/cancel (reference §5). `orderFilter` is spot only and defaults to
 * `Order` there, so a spot conditional order needs `StopOrder` (DOCS `docs/v5/order/cancel-order.mdx`).
 */
export interface CancelOrderBody {
  readonly category: BybitCategory;
  readonly symbol: string;
  readonly orderId?: string;
  readonly orderLinkId?: string;
  readonly orderFilter?: 'Order' | 'StopOrder';
}

export function cancelOrderRequest(body: CancelOrderBody): RestRequest<OrderAckResponse> {
  return {
    method: 'POST',
    path: '/v5/order/cancel',
    body,
    signed: true,
    schema: orderAckResponseSchema,
    cost: privateCost('order/cancel', body.category),
    label: 'order/cancel',
  };
}

export function cancelOrder(rest: BybitRest, body: CancelOrderBody): Promise<OrderAckResponse> {
  return rest.private.request(cancelOrderRequest(body));
}
