import type { z } from 'zod';
import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import { tpslAckSchema } from '../schemas/tpsl.js';

/** POST tpsl/cancel_order: `{symbol, orderId}` → `{orderId}`. */
export const TPSL_CANCEL_ORDER = endpoint({ method: 'POST', path: '/api/v1/futures/tpsl/cancel_order', signed: true, bucket: 'tpsl:cancel_order', schema: tpslAckSchema, idempotent: true });

export function cancelTpslOrder(rest: BitunixRest, body: { readonly symbol: string; readonly orderId: string }, options?: CallOptions): Promise<z.output<typeof tpslAckSchema>> {
  return rest.request(TPSL_CANCEL_ORDER, body, options);
}
