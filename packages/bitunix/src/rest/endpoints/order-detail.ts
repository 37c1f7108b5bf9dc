import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import { orderSchema, type WireOrder } from '../schemas/order.js';

/** GET trade/get_order_detail: `orderId` | `clientId` → one order (20007 when unknown). */
export const ORDER_DETAIL = endpoint({ method: 'GET', path: '/api/v1/futures/trade/get_order_detail', signed: true, bucket: 'trade:order_detail', schema: orderSchema });

export function getOrderDetail(rest: BitunixRest, params: { readonly orderId?: string; readonly clientId?: string }, options?: CallOptions): Promise<WireOrder> {
  return rest.request(ORDER_DETAIL, params, options);
}
