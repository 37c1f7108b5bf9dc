// GET/POST /users and PATCH /users/{id}: ADMIN manages users; granting ADMIN or above (or changing such a
// user) takes SUPER_ADMIN. Passwords are stored as argon2 hashes only.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { hashPassword } from '../auth/passwords.js';
import { ROLES, roleAtLeast, type Principal, type Role } from '../contracts/auth.js';
import { access, perMinute } from '../http/access.js';
import { iso, type GatewayApp, type GatewayContext } from '../http/context.js';
import { ApiError } from '../http/errors.js';
import { ERROR_RESPONSES } from '../http/schemas.js';
import type { UserRecord } from '../store/users.js';

const userSchema = z.object({ id: z.string(), username: z.string(), role: z.enum(ROLES), enabled: z.boolean(), created_at: z.string(), updated_at: z.string() });
const userJson = (u: UserRecord) => ({ id: u.id, username: u.username, role: u.role, enabled: u.enabled, created_at: u.createdAt, updated_at: u.updatedAt });

const password = z.string().min(8, 'password: at least 8 characters').max(256);

function mayGrant(principal: Principal | null, role: Role): void {
  if (roleAtLeast(role, 'ADMIN') && !(principal && roleAtLeast(principal.role, 'SUPER_ADMIN'))) {
    throw new ApiError('insufficient_permissions', 'granting or changing ADMIN or above requires SUPER_ADMIN', { required: 'SUPER_ADMIN' });
  }
}

export function userRoutes(app: GatewayApp, ctx: GatewayContext): void {
  app.get(
    '/users',
    {
      config: { access: access('ADMIN', perMinute(30)) },
      schema: { tags: ['users'], summary: 'List users', response: { 200: z.object({ users: z.array(userSchema) }), ...ERROR_RESPONSES } },
    },
    async () => ({ users: (await ctx.store.users.list()).map(userJson) }),
  );

  app.post(
    '/users',
    {
      config: { access: access('ADMIN', perMinute(30)) },
      schema: {
        tags: ['users'],
        summary: 'Create a user',
        body: z.object({ username: z.string().regex(/^[A-Za-z0-9_.-]{3,64}$/, 'username: 3-64 letters, digits, "_", "." or "-"'), password, role: z.enum(ROLES).default('READ_ONLY') }).strict(),
        response: { 201: userSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const { username, role } = request.body;
      mayGrant(request.principal, role);
      const at = iso(ctx.now());
      const user: UserRecord = { id: randomUUID(), username, passwordHash: await hashPassword(request.body.password), role, enabled: true, createdAt: at, updatedAt: at };
      if (!(await ctx.store.users.insert(user))) throw new ApiError('validation_error', `username ${username} is taken`, { field: 'username' });
      reply.code(201);
      return userJson(user);
    },
  );

  app.patch(
    '/users/:id',
    {
      config: { access: access('ADMIN', perMinute(30)) },
      schema: {
        tags: ['users'],
        summary: 'Change a user: role, password, enabled',
        params: z.object({ id: z.string().min(1).max(64) }),
        body: z
          .object({ role: z.enum(ROLES).optional(), password: password.optional(), enabled: z.boolean().optional() })
          .strict()
          .refine((b) => b.role !== undefined || b.password !== undefined || b.enabled !== undefined, 'nothing to change'),
        response: { 200: userSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const target = await ctx.store.users.byId(request.params.id);
      if (!target) throw new ApiError('not_found', `no user ${request.params.id}`);
      mayGrant(request.principal, target.role);
      if (request.body.role !== undefined) mayGrant(request.principal, request.body.role);
      const now = ctx.now();
      const updated = await ctx.store.users.update(
        target.id,
        {
          ...(request.body.role !== undefined && { role: request.body.role }),
          ...(request.body.enabled !== undefined && { enabled: request.body.enabled }),
          ...(request.body.password !== undefined && { passwordHash: await hashPassword(request.body.password) }),
        },
        iso(now),
      );
      await ctx.authenticator.credentialChanged('user', target.id);
      // A new password or a disabled account ends the user's sessions.
      if (request.body.password !== undefined || request.body.enabled === false) await ctx.store.refreshTokens.revokeAllOf(target.id, iso(now));
      if (!updated) throw new ApiError('not_found', `no user ${request.params.id}`);
      return userJson(updated);
    },
  );
}
