import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import { orderAckSchema, type WireOrderAck } from '../schemas/order.js';
import type { PlaceOrderBody } from '../schemas/requests.js';

/**
 * POST trade/place_order (10/s/UID) → `{orderId, clientId}`, an acknowledgement only (bitunix.md §5).
 * Never repeated by the transport: placement retries go through `placeOrderWithRetry` with the same `clientId`.
 */
export const PLACE_ORDER = endpoint({ method: 'POST', path: '/api/v1/futures/trade/place_order', signed: true, bucket: 'trade:place_order', schema: orderAckSchema, idempotent: false });

export function placeOrder(rest: BitunixRest, body: PlaceOrderBody, options?: CallOptions): Promise<WireOrderAck> {
  return rest.request(PLACE_ORDER, body, options);
}
