import { z } from 'zod';
import { okEnvelope } from '../envelope.js';

/**
 * `GET /v5/user/query-api` "Get API Key Information". Not in our reference; wire format from
 * Bybit's docs https://bybit-exchange.github.io/docs/v5/user/apikey-info and the bybit-api SDK's
 * `ApiKeyInfoV5` (lib/types/response/v5-user.d.ts, RestClientV5.getQueryApiKey). `readOnly`
 * 0 = read and write, 1 = read only; `permissions` maps a group (ContractTrade, Spot, Wallet,
 * Options, Derivatives, Exchange, Earn, …) to the granted names, e.g. Wallet: ["AccountTransfer",
 * "SubMemberTransfer", "Withdraw"]. The group list grows over time, so it is an open record.
 * `ips` is ["*"] when the key is not IP-bound; `expiredAt` is ISO-8601 (may be "" when it never expires).
 * Only the fields the mapper reads are checked; the rest (userID, vipLevel, …) pass through.
 */
export const apiKeyInfoResultSchema = z
  .object({
    id: z.string(),
    note: z.string(),
    apiKey: z.string(),
    readOnly: z.union([z.literal(0), z.literal(1)]),
    permissions: z.record(z.string(), z.array(z.string())),
    ips: z.array(z.string()),
    type: z.number().int().optional(),
    deadlineDay: z.number().int().optional(),
    expiredAt: z.string().optional(),
    createdAt: z.string().optional(),
  })
  .loose();
export type WireApiKeyInfo = z.infer<typeof apiKeyInfoResultSchema>;
export const apiKeyInfoResponseSchema = okEnvelope(apiKeyInfoResultSchema);
