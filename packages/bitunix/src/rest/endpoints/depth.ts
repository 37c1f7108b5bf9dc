import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import { depthSchema, type WireDepth } from '../schemas/market.js';

/** GET depth (public, 10/s/IP): `limit` ∈ 1, 5, 15, 50, max (others → 10008, PROBE). */
export const DEPTH = endpoint({ method: 'GET', path: '/api/v1/futures/market/depth', signed: false, bucket: 'market:depth', schema: depthSchema });

export const DEPTH_LIMITS = [1, 5, 15, 50] as const;
export type DepthLimit = (typeof DEPTH_LIMITS)[number] | 'max';

/** The smallest venue window that holds `depth` levels ('max' beyond 50, the whole book when undefined). */
export function depthLimitFor(depth: number | undefined): DepthLimit {
  if (depth === undefined) return 'max';
  return DEPTH_LIMITS.find((d) => d >= depth) ?? 'max';
}

export function getDepth(rest: BitunixRest, params: { readonly symbol: string; readonly limit: DepthLimit }, options?: CallOptions): Promise<WireDepth> {
  return rest.request(DEPTH, { symbol: params.symbol, limit: String(params.limit) }, options);
}
