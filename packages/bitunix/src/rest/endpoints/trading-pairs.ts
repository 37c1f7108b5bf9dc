import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import { tradingPairsSchema, type WireTradingPair } from '../schemas/market.js';

/** GET trading_pairs (public, 10/s/IP): `symbols` optional, comma-separated; an unknown one → 20015 (bitunix.md §5). */
export const TRADING_PAIRS = endpoint({ method: 'GET', path: '/api/v1/futures/market/trading_pairs', signed: false, bucket: 'market:trading_pairs', schema: tradingPairsSchema });

export function getTradingPairs(rest: BitunixRest, params: { readonly symbols?: string } = {}, options?: CallOptions): Promise<WireTradingPair[]> {
  return rest.request(TRADING_PAIRS, params, options);
}
