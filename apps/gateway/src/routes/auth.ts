// POST /auth/login, /auth/refresh (rotation), /auth/logout. Failed logins are throttled per IP and per
// username, and the answer never says which of the two was wrong.
import { z } from 'zod';
import { verifyPassword } from '../auth/passwords.js';
import { access, perMinute } from '../http/access.js';
import type { GatewayApp, GatewayContext } from '../http/context.js';
import { ApiError } from '../http/errors.js';
import { ERROR_RESPONSES } from '../http/schemas.js';

const tokensSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('bearer'),
  expires_in: z.number().int(),
  refresh_token: z.string(),
});

const credentialsBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict();
const refreshBody = z.object({ refresh_token: z.string().min(1).max(512) }).strict();

export function authRoutes(app: GatewayApp, ctx: GatewayContext): void {
  const { maxFailedLogins, loginWindowSeconds } = ctx.config.auth;
  const windowMs = loginWindowSeconds * 1000;

  app.post(
    '/auth/login',
    {
      config: { access: access('none', perMinute(20, 'ip')) },
      schema: { tags: ['auth'], summary: 'Log in with username and password', body: credentialsBody, response: { 200: tokensSchema, ...ERROR_RESPONSES } },
    },
    async (request) => {
      const { username, password } = request.body;
      const now = ctx.now();
      const keys = [`loginfail:user:${username}`, `loginfail:ip:${request.ip ?? 'local'}`];
      const seen = await Promise.all(keys.map((k) => ctx.rateStore.peek(k, windowMs, now)));
      const blocked = seen.find((c) => c.count >= maxFailedLogins);
      if (blocked) {
        const retry = Math.max(1, Math.ceil((blocked.resetAt - now) / 1000));
        throw new ApiError('rate_limit_exceeded', 'too many failed logins; try again later', { retry_after: retry, limit: maxFailedLogins, reset: Math.ceil(blocked.resetAt / 1000) });
      }
      const user = await ctx.store.users.byUsername(username);
      const ok = await verifyPassword(user?.passwordHash ?? null, password);
      if (!user || !ok || !user.enabled) {
        await Promise.all(keys.map((k) => ctx.rateStore.hit(k, windowMs, now)));
        throw new ApiError('invalid_credentials', 'invalid username or password');
      }
      return ctx.tokens.issue(user);
    },
  );

  app.post(
    '/auth/refresh',
    {
      config: { access: access('refresh', perMinute(20, 'ip')) },
      schema: { tags: ['auth'], summary: 'Trade a refresh token (used once) for new tokens', body: refreshBody, response: { 200: tokensSchema, ...ERROR_RESPONSES } },
    },
    async (request) => {
      const userId = await ctx.tokens.consumeRefresh(request.body.refresh_token);
      const user = userId === null ? null : await ctx.store.users.byId(userId);
      if (!user || !user.enabled) throw new ApiError('invalid_token', 'refresh token invalid, used, revoked or expired');
      return ctx.tokens.issue(user);
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: access('any', null) },
      schema: {
        tags: ['auth'],
        summary: 'Revoke a refresh token (or every refresh token of the caller)',
        body: z.object({ refresh_token: z.string().min(1).max(512).optional() }).strict().optional(),
        response: { 200: z.object({ success: z.literal(true), revoked: z.number().int() }), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const principal = request.principal;
      if (!principal || principal.kind !== 'user') throw new ApiError('validation_error', 'logout is for user sessions (API keys are revoked with DELETE /api/keys/{key_id})');
      const token = request.body?.refresh_token;
      if (token !== undefined) return { success: true as const, revoked: (await ctx.tokens.revokeRefresh(token, principal.id)) ? 1 : 0 };
      await ctx.store.refreshTokens.revokeAllOf(principal.id, new Date(ctx.now()).toISOString());
      return { success: true as const, revoked: 1 };
    },
  );
}
