import type { RestRequest } from '@exkit/core';
import type { z } from 'zod';
import type { BybitRest } from '../client.js';
import { PUBLIC_COST } from '../limits.js';
import { serverTimeResponseSchema } from '../schemas/market.js';

export type ServerTimeResponse = z.infer<typeof serverTimeResponseSchema>;

/** GET /v5/market/time (reference §5): `timeNano` is the venue clock; the envelope `time` is ms. */
export function serverTimeRequest(signal?: AbortSignal, once = false): RestRequest<ServerTimeResponse> {
  return {
    path: '/v5/market/time',
    schema: serverTimeResponseSchema,
    cost: PUBLIC_COST,
    label: 'market/time',
    ...(once && { idempotent: false }),
    ...(signal !== undefined && { signal }),
  };
}

/**
 * The venue's time in epoch ms (from `timeNano`, truncated to the ms). `once`: no transport retry —
 * the clock sync's probes, which must not hold a signed call through an outage (the sync falls
 * back to the local clock and the call's own retry policy decides).
 */
export async function getServerTime(rest: BybitRest, signal?: AbortSignal, via: 'public' | 'private' = 'public', once = false): Promise<number> {
  const res = await rest[via].request(serverTimeRequest(signal, once));
  return Number(BigInt(res.result.timeNano) / 1_000_000n);
}
