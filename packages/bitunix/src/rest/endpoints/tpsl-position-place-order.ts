import type { z } from 'zod';
import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import type { TpslPositionPlaceBody } from '../schemas/requests.js';
import { tpslAckSchema } from '../schemas/tpsl.js';

/** POST tpsl/position/place_order: whole-position TP/SL, closed at market, one per position → `{orderId}`. */
export const TPSL_POSITION_PLACE_ORDER = endpoint({ method: 'POST', path: '/api/v1/futures/tpsl/position/place_order', signed: true, bucket: 'tpsl:position_place_order', schema: tpslAckSchema, idempotent: false });

export function placePositionTpsl(rest: BitunixRest, body: TpslPositionPlaceBody, options?: CallOptions): Promise<z.output<typeof tpslAckSchema>> {
  return rest.request(TPSL_POSITION_PLACE_ORDER, body, options);
}
