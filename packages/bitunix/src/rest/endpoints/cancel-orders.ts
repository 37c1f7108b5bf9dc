import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import { batchResultSchema, type WireBatchResult } from '../schemas/order.js';
import type { CancelOrdersBody } from '../schemas/requests.js';

/**
 * POST trade/cancel_orders (5/s/UID): `{symbol, orderList: [{orderId}|{clientId}]}` → success / failure lists;
 * `code` is 0 even when items fail (CCXT raises OrderNotFound on a non-empty failureList). Repeating a cancel is harmless.
 */
export const CANCEL_ORDERS = endpoint({ method: 'POST', path: '/api/v1/futures/trade/cancel_orders', signed: true, bucket: 'trade:cancel_orders', schema: batchResultSchema, idempotent: true });

export function cancelOrders(rest: BitunixRest, body: CancelOrdersBody, options?: CallOptions): Promise<WireBatchResult> {
  return rest.request(CANCEL_ORDERS, body, options);
}
