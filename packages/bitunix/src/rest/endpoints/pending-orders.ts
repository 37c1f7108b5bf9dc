import type { z } from 'zod';
import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import { orderListSchema } from '../schemas/order.js';

/** GET trade/get_pending_orders: `symbol`, `orderId`, `clientId`, `status` (NEW|PART_FILLED), `startTime`, `endTime`, `skip`, `limit` ≤ 100. */
export const PENDING_ORDERS = endpoint({ method: 'GET', path: '/api/v1/futures/trade/get_pending_orders', signed: true, bucket: 'trade:pending_orders', schema: orderListSchema });

export interface OrderListParams {
  readonly symbol?: string;
  readonly orderId?: string;
  readonly clientId?: string;
  readonly status?: string;
  readonly startTime?: number;
  readonly endTime?: number;
  readonly skip?: number;
  readonly limit?: number;
}

export function getPendingOrders(rest: BitunixRest, params: OrderListParams = {}, options?: CallOptions): Promise<z.output<typeof orderListSchema>> {
  return rest.request(PENDING_ORDERS, params, options);
}
