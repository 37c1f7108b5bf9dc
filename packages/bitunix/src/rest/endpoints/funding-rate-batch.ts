import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import { fundingRatesSchema, type WireFundingRate } from '../schemas/market.js';

/** GET funding_rate/batch (public): every symbol, delisted ones with rate "0" and possibly `indexPrice: null` (PROBE). */
export const FUNDING_RATE_BATCH = endpoint({ method: 'GET', path: '/api/v1/futures/market/funding_rate/batch', signed: false, bucket: 'market:funding_rate_batch', schema: fundingRatesSchema });

export function getFundingRateBatch(rest: BitunixRest, options?: CallOptions): Promise<WireFundingRate[]> {
  return rest.request(FUNDING_RATE_BATCH, {}, options);
}
