import type { RestRequest } from '@exkit/core';
import type { z } from 'zod';
import type { BybitCategory } from '../../environments.js';
import type { BybitRest } from '../client.js';
import { privateCost } from '../limits.js';
import { orderAckResponseSchema } from '../schemas/trade.js';

export type OrderAckResponse = z.infer<typeof orderAckResponseSchema>;

/**
 * The body of POST /v5/order/create (reference §5; also the `args[0]` of WS `order.create`, §7).
 * Values are strings, exactly as they go on the wire; absent keys are not sent.
 */
export interface CreateOrderBody {
  readonly category: BybitCategory;
  readonly symbol: string;
  readonly side: 'Buy' | 'Sell';
  readonly orderType: 'Market' | 'Limit';
  readonly qty: string;
  readonly price?: string;
  readonly timeInForce?: 'GTC' | 'IOC' | 'FOK' | 'PostOnly';
  readonly orderLinkId?: string;
  readonly reduceOnly?: boolean;
  /** 0 = one-way mode (linear). */
  readonly positionIdx?: 0;
  readonly triggerPrice?: string;
  /** 1 = rise to trigger, 2 = fall to trigger (linear conditional orders). */
  readonly triggerDirection?: 1 | 2;
  readonly triggerBy?: 'LastPrice' | 'IndexPrice' | 'MarkPrice';
  /** Spot market orders: the unit of `qty`; the adapter always sends `baseCoin` (core amounts are base). */
  readonly marketUnit?: 'baseCoin';
  /** Spot conditional orders live under `StopOrder`. */
  readonly orderFilter?: 'Order' | 'StopOrder';
}

/** Never idempotent: core's placement retry repeats it only with the same `orderLinkId` after a lookup. */
export function createOrderRequest(body: CreateOrderBody): RestRequest<OrderAckResponse> {
  return {
    method: 'POST',
    path: '/v5/order/create',
    body,
    signed: true,
    idempotent: false,
    schema: orderAckResponseSchema,
    cost: privateCost('order/create', body.category),
    label: 'order/create',
  };
}

export function createOrder(rest: BybitRest, body: CreateOrderBody): Promise<OrderAckResponse> {
  return rest.private.request(createOrderRequest(body));
}
