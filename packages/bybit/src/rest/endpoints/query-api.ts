import type { RestRequest } from '@exkit/core';
import type { z } from 'zod';
import type { BybitRest } from '../client.js';
import { privateCost } from '../limits.js';
import { apiKeyInfoResponseSchema } from '../schemas/user.js';

export type ApiKeyInfoResponse = z.infer<typeof apiKeyInfoResponseSchema>;

/** GET /v5/user/query-api: the signing key's own information (any permission may call it; see schemas/user.ts). */
export function queryApiKeyRequest(): RestRequest<ApiKeyInfoResponse> {
  return {
    path: '/v5/user/query-api',
    signed: true,
    schema: apiKeyInfoResponseSchema,
    cost: privateCost('user/query-api', 'linear'),
    label: 'user/query-api',
  };
}

export function getApiKeyInfo(rest: BybitRest): Promise<ApiKeyInfoResponse> {
  return rest.private.request(queryApiKeyRequest());
}
