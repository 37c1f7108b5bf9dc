import type { z } from 'zod';
import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import { fundingRateHistorySchema } from '../schemas/market.js';

/** GET get_funding_rate_history (public): `symbol`, `starTime` (sic, DOC) / `endTime`, `limit` ≤ 200; rates are fractions, newest first. */
export const FUNDING_RATE_HISTORY = endpoint({ method: 'GET', path: '/api/v1/futures/market/get_funding_rate_history', signed: false, bucket: 'market:funding_rate_history', schema: fundingRateHistorySchema });

export function getFundingRateHistory(
  rest: BitunixRest,
  params: { readonly symbol: string; readonly startTime?: number; readonly endTime?: number; readonly limit?: number },
  options?: CallOptions,
): Promise<z.output<typeof fundingRateHistorySchema>> {
  // The doc spells the start parameter `starTime`; it is sent under that name.
  return rest.request(FUNDING_RATE_HISTORY, { symbol: params.symbol, starTime: params.startTime, endTime: params.endTime, limit: params.limit }, options);
}
