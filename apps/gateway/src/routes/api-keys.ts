// GET/POST /api/keys and DELETE /api/keys/{key_id}: a key is shown once at creation, only its HMAC is kept,
// and a revoked key stops working at once (the revocation drops it from every instance's principal cache before it is answered).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { generateApiKey, hashApiKey } from '../auth/api-key-codec.js';
import { ROLES, roleAtLeast, type Role } from '../contracts/auth.js';
import { access, perHour, perMinute } from '../http/access.js';
import { iso, type GatewayApp, type GatewayContext } from '../http/context.js';
import { ApiError } from '../http/errors.js';
import { ERROR_RESPONSES } from '../http/schemas.js';
import type { ApiKeyRecord } from '../store/api-keys.js';

const keySchema = z.object({
  key_id: z.string(),
  name: z.string(),
  permissions: z.array(z.enum(ROLES)),
  rate_limit: z.number().int(),
  created_at: z.string(),
  last_used: z.string().nullable(),
  expires_at: z.string().nullable(),
  enabled: z.boolean(),
});

const keyJson = (k: ApiKeyRecord) => ({
  key_id: k.id,
  name: k.name,
  permissions: [...k.permissions],
  rate_limit: k.rateLimit,
  created_at: k.createdAt,
  last_used: k.lastUsed,
  expires_at: k.expiresAt,
  enabled: k.enabled,
});

const permissionsParam = z
  .string()
  .max(200)
  .transform((s, c) => {
    const parts = [...new Set(s.split(',').map((p) => p.trim()).filter((p) => p.length > 0))];
    const bad = parts.filter((p) => !(ROLES as readonly string[]).includes(p));
    if (parts.length === 0 || bad.length > 0) {
      c.addIssue({ code: 'custom', message: `permissions: comma-separated list of ${ROLES.join(', ')}` });
      return z.NEVER;
    }
    return parts as Role[];
  });

export function apiKeyRoutes(app: GatewayApp, ctx: GatewayContext): void {
  app.get(
    '/api/keys',
    {
      config: { access: access('ADMIN', perMinute(30)) },
      schema: { tags: ['keys'], summary: 'List API keys (never the key itself)', response: { 200: z.object({ api_keys: z.array(keySchema) }), ...ERROR_RESPONSES } },
    },
    async () => ({ api_keys: (await ctx.store.apiKeys.list()).map(keyJson) }),
  );

  app.post(
    '/api/keys',
    {
      config: { access: access('SUPER_ADMIN', perHour(10)) },
      schema: {
        tags: ['keys'],
        summary: 'Create an API key; `api_key` is shown once',
        querystring: z
          .object({
            name: z.string().trim().min(1).max(100),
            permissions: permissionsParam,
            rate_limit: z.coerce.number().int().min(1).max(1_000_000).default(1000),
            expires_days: z.coerce.number().int().min(1).max(3650).optional(),
          })
          .strict(),
        response: {
          201: z.object({
            key_id: z.string(),
            api_key: z.string(),
            name: z.string(),
            permissions: z.array(z.enum(ROLES)),
            rate_limit: z.number().int(),
            created_at: z.string(),
            expires_at: z.string().nullable(),
          }),
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const principal = request.principal;
      // A key never carries more than its creator holds.
      if (principal && q.permissions.some((p) => !roleAtLeast(principal.role, p))) {
        throw new ApiError('insufficient_permissions', 'a key cannot carry a role above its creator');
      }
      const now = ctx.now();
      const { key, prefix } = generateApiKey();
      const record: ApiKeyRecord = {
        id: `key_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
        prefix,
        hash: hashApiKey(ctx.apiKeyPepper, key),
        name: q.name,
        permissions: q.permissions,
        rateLimit: q.rate_limit,
        createdAt: iso(now),
        createdBy: principal ? `${principal.kind}:${principal.name}` : 'unknown',
        lastUsed: null,
        expiresAt: q.expires_days === undefined ? null : iso(now + q.expires_days * 86_400_000),
        enabled: true,
      };
      await ctx.store.apiKeys.insert(record);
      reply.code(201);
      return { key_id: record.id, api_key: key, name: record.name, permissions: [...record.permissions], rate_limit: record.rateLimit, created_at: record.createdAt, expires_at: record.expiresAt };
    },
  );

  app.delete(
    '/api/keys/:key_id',
    {
      config: { access: access('SUPER_ADMIN', perHour(10)) },
      schema: {
        tags: ['keys'],
        summary: 'Revoke an API key (at once, on every instance)',
        params: z.object({ key_id: z.string().min(1).max(64) }),
        response: { 200: z.object({ success: z.literal(true), key_id: z.string(), revoked: z.boolean() }), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const id = request.params.key_id;
      const existing = await ctx.store.apiKeys.byId(id);
      if (!existing) throw new ApiError('not_found', `no API key ${id}`);
      const revoked = await ctx.store.apiKeys.revoke(id);
      await ctx.authenticator.credentialChanged('api_key', id);
      return { success: true as const, key_id: id, revoked };
    },
  );
}
