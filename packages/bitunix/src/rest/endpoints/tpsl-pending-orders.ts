import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import { tpslPendingSchema, type WireTpslOrder } from '../schemas/tpsl.js';

/**
 * GET tpsl/get_pending_orders: `symbol`, `positionId`, `skip`, `limit` → array. The int-coded `side` and
 * `positionMode` filters have no documented mapping (§9) and are never sent.
 */
export const TPSL_PENDING_ORDERS = endpoint({ method: 'GET', path: '/api/v1/futures/tpsl/get_pending_orders', signed: true, bucket: 'tpsl:pending_orders', schema: tpslPendingSchema });

export function getPendingTpslOrders(
  rest: BitunixRest,
  params: { readonly symbol?: string; readonly positionId?: string; readonly skip?: number; readonly limit?: number } = {},
  options?: CallOptions,
): Promise<WireTpslOrder[]> {
  return rest.request(TPSL_PENDING_ORDERS, params, options);
}
