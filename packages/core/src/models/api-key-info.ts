import { z } from 'zod';
import { epochMsSchema } from '../schemas/time-schemas.js';

/**
 * What an API key may do, exchange-neutral. `read` is always true (a key that can be asked about
 * itself can read). `withdraw` is the one to worry about: a trading bot's key should never have it.
 * `transfer` (moves between own accounts) is absent when the venue does not tell.
 */
export interface ApiKeyPermissions {
  readonly read: true;
  readonly trade: boolean;
  readonly withdraw: boolean;
  readonly transfer?: boolean;
}

export interface ApiKeyInfo {
  /** The venue's own read-only flag (no trading, no wallet writes). */
  readonly readOnly: boolean;
  readonly permissions: ApiKeyPermissions;
  /** IPs the key is bound to; absent or empty = not IP-restricted. */
  readonly ipWhitelist?: readonly string[];
  /** When the key expires, epoch ms. */
  readonly expiresAt?: number;
  /** The venue's permission groups as sent (group → granted permission names), for display. */
  readonly venuePermissions?: Readonly<Record<string, readonly string[]>>;
}

export const apiKeyPermissionsSchema: z.ZodType<ApiKeyPermissions> = z.object({
  read: z.literal(true),
  trade: z.boolean(),
  withdraw: z.boolean(),
  transfer: z.boolean().optional(),
});

export const apiKeyInfoSchema: z.ZodType<ApiKeyInfo> = z.object({
  readOnly: z.boolean(),
  permissions: apiKeyPermissionsSchema,
  ipWhitelist: z.array(z.string()).readonly().optional(),
  expiresAt: epochMsSchema.optional(),
  venuePermissions: z.record(z.string(), z.array(z.string()).readonly()).optional(),
});
