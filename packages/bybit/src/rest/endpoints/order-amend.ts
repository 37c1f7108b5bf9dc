import type { RestRequest } from '@exkit/core';
import type { BybitCategory } from '../../environments.js';
import type { BybitRest } from '../client.js';
import { privateCost } from '../limits.js';
import { orderAckResponseSchema } from '../schemas/trade.js';
import type { OrderAckResponse } from './order-create.js';

/** The body of POST /v5/order/amend (reference §5): one of orderId / orderLinkId, then what changes. */
export interface AmendOrderBody {
  readonly category: BybitCategory;
  readonly symbol: string;
  readonly orderId?: string;
  readonly orderLinkId?: string;
  readonly qty?: string;
  readonly price?: string;
  readonly triggerPrice?: string;
}

export function amendOrderRequest(body: AmendOrderBody): RestRequest<OrderAckResponse> {
  return {
    method: 'POST',
    path: '/v5/order/amend',
    body,
    signed: true,
    schema: orderAckResponseSchema,
    cost: privateCost('order/amend', body.category),
    label: 'order/amend',
  };
}

export function amendOrder(rest: BybitRest, body: AmendOrderBody): Promise<OrderAckResponse> {
  return rest.private.request(amendOrderRequest(body));
}
