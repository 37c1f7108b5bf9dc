import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import { fundingRatesSchema, type WireFundingRate } from '../schemas/market.js';

/** GET funding_rate (public): `symbol` required; `data` object (CCXT) or array (doc) — both accepted (§9). */
export const FUNDING_RATE = endpoint({ method: 'GET', path: '/api/v1/futures/market/funding_rate', signed: false, bucket: 'market:funding_rate', schema: fundingRatesSchema });

export function getFundingRate(rest: BitunixRest, params: { readonly symbol: string }, options?: CallOptions): Promise<WireFundingRate[]> {
  return rest.request(FUNDING_RATE, params, options);
}
