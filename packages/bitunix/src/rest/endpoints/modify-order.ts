import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import { orderAckSchema, type WireOrderAck } from '../schemas/order.js';
import type { ModifyOrderBody } from '../schemas/requests.js';

/** POST trade/modify_order: `orderId`|`clientId`, `qty` and `price` (both required by the table) → ack `{orderId, clientId}`. */
export const MODIFY_ORDER = endpoint({ method: 'POST', path: '/api/v1/futures/trade/modify_order', signed: true, bucket: 'trade:modify_order', schema: orderAckSchema, idempotent: false });

export function modifyOrder(rest: BitunixRest, body: ModifyOrderBody, options?: CallOptions): Promise<WireOrderAck> {
  return rest.request(MODIFY_ORDER, body, options);
}
