import type { z } from 'zod';
import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import { tpslHistorySchema } from '../schemas/tpsl.js';

/** GET tpsl/get_history_orders: `{orderList: [… + status, ctime, triggerTime], total}` per the table. */
export const TPSL_HISTORY_ORDERS = endpoint({ method: 'GET', path: '/api/v1/futures/tpsl/get_history_orders', signed: true, bucket: 'tpsl:history_orders', schema: tpslHistorySchema });

export function getHistoryTpslOrders(
  rest: BitunixRest,
  params: { readonly symbol?: string; readonly positionId?: string; readonly startTime?: number; readonly endTime?: number; readonly skip?: number; readonly limit?: number } = {},
  options?: CallOptions,
): Promise<z.output<typeof tpslHistorySchema>> {
  return rest.request(TPSL_HISTORY_ORDERS, params, options);
}
