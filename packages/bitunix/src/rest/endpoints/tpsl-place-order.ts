import type { z } from 'zod';
import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import type { TpslPlaceBody } from '../schemas/requests.js';
import { tpslAckSchema } from '../schemas/tpsl.js';

/** POST tpsl/place_order: TP/SL on a position (`positionId` required; ≥ 1 price and ≥ 1 qty) → `{orderId}`. */
export const TPSL_PLACE_ORDER = endpoint({ method: 'POST', path: '/api/v1/futures/tpsl/place_order', signed: true, bucket: 'tpsl:place_order', schema: tpslAckSchema, idempotent: false });

export function placeTpslOrder(rest: BitunixRest, body: TpslPlaceBody, options?: CallOptions): Promise<z.output<typeof tpslAckSchema>> {
  return rest.request(TPSL_PLACE_ORDER, body, options);
}
