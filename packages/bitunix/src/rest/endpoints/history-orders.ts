import type { z } from 'zod';
import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import { orderListSchema } from '../schemas/order.js';
import type { OrderListParams } from './pending-orders.js';

/**
 * GET trade/get_history_orders: as pending plus `type`, `queryCanceled` (default false: non-canceled orders of
 * the last 90 days; true: canceled ones of the last 3 days) — bitunix.md §5.
 */
export const HISTORY_ORDERS = endpoint({ method: 'GET', path: '/api/v1/futures/trade/get_history_orders', signed: true, bucket: 'trade:history_orders', schema: orderListSchema });

export function getHistoryOrders(rest: BitunixRest, params: OrderListParams & { readonly queryCanceled?: boolean } = {}, options?: CallOptions): Promise<z.output<typeof orderListSchema>> {
  return rest.request(HISTORY_ORDERS, params, options);
}
