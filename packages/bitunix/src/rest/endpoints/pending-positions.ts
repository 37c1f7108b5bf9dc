import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import { pendingPositionsSchema, type WirePendingPosition } from '../schemas/position.js';

/** GET position/get_pending_positions (private): `symbol`, `positionId` optional. No mark price in the reply. */
export const PENDING_POSITIONS = endpoint({ method: 'GET', path: '/api/v1/futures/position/get_pending_positions', signed: true, bucket: 'position:pending', schema: pendingPositionsSchema });

export function getPendingPositions(rest: BitunixRest, params: { readonly symbol?: string; readonly positionId?: string } = {}, options?: CallOptions): Promise<WirePendingPosition[]> {
  return rest.request(PENDING_POSITIONS, params, options);
}
