import type { RestRequest } from '@exkit/core';
import type { z } from 'zod';
import type { BybitRest } from '../client.js';
import { PUBLIC_COST } from '../limits.js';
import { serverTimeResponseSchema } from '../schemas/market.js';

export type ServerTimeResponse = z.infer<typeof serverTimeResponseSchema>;

/** GET /v5/market/time (reference §5): `timeNano` is the venue clock; the envelope `time` is ms. */
export function serverTimeRequest(signal?: AbortSignal): RestRequest<ServerTimeResponse> {
  return { path: '/v5/market/time', schema: serverTimeResponseSchema, cost: PUBLIC_COST, label: 'market/time', ...(signal !== undefined && { signal }) };
}

/** The venue's time in epoch ms (from `timeNano`, truncated to the ms). */
export async function getServerTime(rest: BybitRest, signal?: AbortSignal, via: 'public' | 'private' = 'public'): Promise<number> {
  const res = await rest[via].request(serverTimeRequest(signal));
  return Number(BigInt(res.result.timeNano) / 1_000_000n);
}
