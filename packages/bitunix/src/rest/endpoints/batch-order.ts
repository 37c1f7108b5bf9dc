import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import { batchResultSchema, type WireBatchResult } from '../schemas/order.js';
import type { BatchOrderBody } from '../schemas/requests.js';

/** POST trade/batch_order: `{symbol, orderList}` (≤ 5 per call, 1/s per the 2026 docs; §9) → success and failure lists, `code` 0 even when items fail. */
export const BATCH_ORDER = endpoint({ method: 'POST', path: '/api/v1/futures/trade/batch_order', signed: true, bucket: 'trade:batch_order', schema: batchResultSchema, idempotent: false });

export function batchOrder(rest: BitunixRest, body: BatchOrderBody, options?: CallOptions): Promise<WireBatchResult> {
  return rest.request(BATCH_ORDER, body, options);
}
