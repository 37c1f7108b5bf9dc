// Access tokens (JWT HS256 through @fastify/jwt) and refresh tokens (random, stored as SHA-256, one use).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { JWT } from '@fastify/jwt';
import { z } from 'zod';
import type { Role } from '../contracts/auth.js';
import { ROLES } from '../contracts/auth.js';
import type { Store } from '../store/store.js';
import type { UserRecord } from '../store/users.js';

export const accessClaimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string(),
  role: z.enum(ROLES),
  typ: z.literal('access'),
  iat: z.number(),
  exp: z.number(),
});
export type AccessClaims = z.infer<typeof accessClaimsSchema>;

export interface IssuedTokens {
  readonly access_token: string;
  readonly token_type: 'bearer';
  readonly expires_in: number;
  readonly refresh_token: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export class TokenService {
  constructor(
    private readonly jwt: JWT,
    private readonly store: Store,
    private readonly clock: () => number,
    private readonly accessSeconds: number,
    private readonly refreshSeconds: number,
  ) {}

  /** An access token for `user`; `at` (epoch ms) lets tests mint already-expired tokens. */
  signAccess(user: { id: string; username: string; role: Role }, at = this.clock()): string {
    const iat = Math.floor(at / 1000);
    return this.jwt.sign({ sub: user.id, name: user.username, role: user.role, typ: 'access', iat, exp: iat + this.accessSeconds, jti: randomUUID() });
  }

  verifyAccess(token: string): AccessClaims | null {
    try {
      // No per-call options: @fastify/jwt would build a new verifier for each call (slow). Expiry is checked
      // against the system clock by the verifier, and against the injected clock here.
      const claims = accessClaimsSchema.safeParse(this.jwt.verify(token));
      if (claims.success && claims.data.exp * 1000 <= this.clock()) return null;
      return claims.success ? claims.data : null;
    } catch {
      return null;
    }
  }

  async issue(user: UserRecord): Promise<IssuedTokens> {
    const refresh = `rt_${randomBytes(32).toString('base64url')}`;
    const now = this.clock();
    await this.store.refreshTokens.insert({
      id: sha256(refresh),
      userId: user.id,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + this.refreshSeconds * 1000).toISOString(),
    });
    return { access_token: this.signAccess(user, now), token_type: 'bearer', expires_in: this.accessSeconds, refresh_token: refresh };
  }

  /** The user of a live refresh token, which is used up; null when unknown, used, revoked or expired. */
  async consumeRefresh(token: string): Promise<string | null> {
    return this.store.refreshTokens.consume(sha256(token), new Date(this.clock()).toISOString());
  }

  async revokeRefresh(token: string, userId: string): Promise<boolean> {
    return this.store.refreshTokens.revoke(sha256(token), userId, new Date(this.clock()).toISOString());
  }
}
