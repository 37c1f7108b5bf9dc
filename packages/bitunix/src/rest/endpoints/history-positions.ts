import type { z } from 'zod';
import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import { historyPositionsSchema } from '../schemas/position.js';

/** GET position/get_history_positions (private): `symbol`, `positionId`, `startTime`/`endTime` (create time), `skip`, `limit` ≤ 100. */
export const HISTORY_POSITIONS = endpoint({ method: 'GET', path: '/api/v1/futures/position/get_history_positions', signed: true, bucket: 'position:history', schema: historyPositionsSchema });

export interface HistoryPositionsParams {
  readonly symbol?: string;
  readonly positionId?: string;
  readonly startTime?: number;
  readonly endTime?: number;
  readonly skip?: number;
  readonly limit?: number;
}

export function getHistoryPositions(rest: BitunixRest, params: HistoryPositionsParams = {}, options?: CallOptions): Promise<z.output<typeof historyPositionsSchema>> {
  return rest.request(HISTORY_POSITIONS, params, options);
}
