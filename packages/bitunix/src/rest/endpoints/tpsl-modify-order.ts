import type { z } from 'zod';
import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import type { TpslModifyBody } from '../schemas/requests.js';
import { tpslAckSchema } from '../schemas/tpsl.js';

/** POST tpsl/modify_order: `{orderId, tp…/sl…, tpQty, slQty}` → `{orderId}`. */
export const TPSL_MODIFY_ORDER = endpoint({ method: 'POST', path: '/api/v1/futures/tpsl/modify_order', signed: true, bucket: 'tpsl:modify_order', schema: tpslAckSchema, idempotent: false });

export function modifyTpslOrder(rest: BitunixRest, body: TpslModifyBody, options?: CallOptions): Promise<z.output<typeof tpslAckSchema>> {
  return rest.request(TPSL_MODIFY_ORDER, body, options);
}
