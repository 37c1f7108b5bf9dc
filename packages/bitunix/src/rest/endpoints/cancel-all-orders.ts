import { z } from 'zod';
import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import { batchResultSchema, type WireBatchResult } from '../schemas/order.js';

/**
 * POST trade/cancel_all_orders: `{symbol}` optional (omitted = every symbol); "same response shape as
 * cancel_orders" (bitunix.md §5). An empty `data` ("" or null, as other write endpoints send) is read as nothing listed.
 */
const cancelAllSchema = z.union([batchResultSchema, z.literal(''), z.null()]).transform((v): WireBatchResult => (v === '' || v === null ? { successList: [], failureList: [] } : v));

export const CANCEL_ALL_ORDERS = endpoint({ method: 'POST', path: '/api/v1/futures/trade/cancel_all_orders', signed: true, bucket: 'trade:cancel_all_orders', schema: cancelAllSchema, idempotent: true });

export function cancelAllOrders(rest: BitunixRest, body: { readonly symbol?: string } = {}, options?: CallOptions): Promise<WireBatchResult> {
  return rest.request(CANCEL_ALL_ORDERS, body, options);
}
