import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import { klinesSchema, type WireKline } from '../schemas/market.js';

/**
 * GET kline (public, 10/s/IP): `symbol`, `interval` (1m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M — no 3m on
 * REST), `startTime`/`endTime` ms, `limit` ≤ 200, `type` LAST_PRICE | MARK_PRICE (bitunix.md §5). Ordering of the
 * reply is undocumented (§9): the candle pager accepts either.
 */
export const KLINE = endpoint({ method: 'GET', path: '/api/v1/futures/market/kline', signed: false, bucket: 'market:kline', schema: klinesSchema });

export interface KlineParams {
  readonly symbol: string;
  readonly interval: string;
  readonly startTime?: number;
  readonly endTime?: number;
  readonly limit?: number;
  readonly type?: 'LAST_PRICE' | 'MARK_PRICE';
}

export function getKline(rest: BitunixRest, params: KlineParams, options?: CallOptions): Promise<WireKline[]> {
  return rest.request(KLINE, params, options);
}
