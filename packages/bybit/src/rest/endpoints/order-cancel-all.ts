import type { RestRequest } from '@exkit/core';
import type { z } from 'zod';
import type { BybitCategory } from '../../environments.js';
import type { BybitRest } from '../client.js';
import { privateCost } from '../limits.js';
import { cancelAllResponseSchema } from '../schemas/trade.js';

export type CancelAllResponse = z.infer<typeof cancelAllResponseSchema>;

/**
 * The body of POST /v5/order/cancel-all (reference §5; DOCS `docs/v5/order/cancel-all.mdx`):
 * linear needs `symbol` or `settleCoin` and, without `orderFilter`, cancels every kind (active,
 * conditional, TP/SL); spot needs neither but cancels only `Order` unless told `StopOrder`.
 */
export interface CancelAllBody {
  readonly category: BybitCategory;
  readonly symbol?: string;
  readonly settleCoin?: string;
  readonly orderFilter?: 'Order' | 'StopOrder';
}

export function cancelAllRequest(body: CancelAllBody): RestRequest<CancelAllResponse> {
  return {
    method: 'POST',
    path: '/v5/order/cancel-all',
    body,
    signed: true,
    schema: cancelAllResponseSchema,
    cost: privateCost('order/cancel-all', body.category),
    label: 'order/cancel-all',
  };
}

export function cancelAllOrders(rest: BybitRest, body: CancelAllBody): Promise<CancelAllResponse> {
  return rest.private.request(cancelAllRequest(body));
}
