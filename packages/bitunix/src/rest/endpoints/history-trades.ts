import type { z } from 'zod';
import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import { historyTradesSchema } from '../schemas/order.js';

/** GET trade/get_history_trades (the account's fills): `symbol`, `orderId`, `positionId`, `startTime`, `endTime`, `skip`, `limit` ≤ 100; newest first. */
export const HISTORY_TRADES = endpoint({ method: 'GET', path: '/api/v1/futures/trade/get_history_trades', signed: true, bucket: 'trade:history_trades', schema: historyTradesSchema });

export interface HistoryTradesParams {
  readonly symbol?: string;
  readonly orderId?: string;
  readonly positionId?: string;
  readonly startTime?: number;
  readonly endTime?: number;
  readonly skip?: number;
  readonly limit?: number;
}

export function getHistoryTrades(rest: BitunixRest, params: HistoryTradesParams = {}, options?: CallOptions): Promise<z.output<typeof historyTradesSchema>> {
  return rest.request(HISTORY_TRADES, params, options);
}
