import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import { tickersSchema, type WireTicker } from '../schemas/market.js';

/** GET tickers (public, 10/s/IP): `symbols` optional; no bid/ask and no time in the reply (bitunix.md §5). */
export const TICKERS = endpoint({ method: 'GET', path: '/api/v1/futures/market/tickers', signed: false, bucket: 'market:tickers', schema: tickersSchema });

export function getTickers(rest: BitunixRest, params: { readonly symbols?: string } = {}, options?: CallOptions): Promise<WireTicker[]> {
  return rest.request(TICKERS, params, options);
}
