// The onRequest guard every route with `config.access` passes, before its input is even parsed:
// who is calling (401), how often (429, X-RateLimit-* on every answer), and whether the role suffices (403).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticator, Principal } from '../contracts/auth.js';
import { roleAtLeast } from '../contracts/auth.js';
import type { ApiKeyPrincipal } from '../auth/authenticator.js';
import type { Access } from './access.js';
import type { GatewayApp } from './context.js';
import { ApiError } from './errors.js';
import type { RateLimiter, Verdict } from './rate-limit.js';

export interface GuardOptions {
  readonly authenticator: Authenticator;
  readonly limiter: RateLimiter;
  readonly now: () => number;
  readonly scrapeToken?: string;
  /** A caller used most of a limit (alerts). */
  readonly onNearLimit?: (principal: Principal | null, ip: string, verdict: Verdict) => void;
}

/** The credential of a request: `Authorization: Bearer <jwt|key>` or `X-API-Key: <key>`. */
export function credentialOf(request: FastifyRequest): string | null | 'malformed' {
  const key = request.headers['x-api-key'];
  if (typeof key === 'string' && key.length > 0) return key;
  const auth = request.headers.authorization;
  if (auth === undefined) return null;
  const m = /^Bearer ([^\s]+)$/i.exec(auth);
  return m?.[1] ?? 'malformed';
}

function setHeaders(reply: FastifyReply, v: Verdict): void {
  reply.header('X-RateLimit-Limit', v.limit);
  reply.header('X-RateLimit-Remaining', v.remaining);
  reply.header('X-RateLimit-Reset', Math.ceil(v.resetAt / 1000));
}

const NEAR = 0.8;

export function installGuard(app: GatewayApp, options: GuardOptions): void {
  app.decorateRequest('principal', null);

  /** Applies a rate verdict and the role check; throws the refusal. */
  const decide = (request: FastifyRequest, reply: FastifyReply, acc: Access, credential: string | null, principal: Principal | null, scrape: boolean, ip: string, verdict: Verdict | null): void => {
    if (verdict) {
      setHeaders(reply, verdict);
      if (verdict.usage >= NEAR) options.onNearLimit?.(principal, ip, verdict);
      if (!verdict.allowed) {
        reply.header('Retry-After', verdict.retryAfter);
        throw new ApiError('rate_limit_exceeded', 'Too many requests', {
          retry_after: verdict.retryAfter,
          limit: verdict.limit,
          reset: Math.ceil(verdict.resetAt / 1000),
        });
      }
    }
    if (acc.role === 'none' || acc.role === 'refresh' || scrape) return;
    if (credential === null) throw new ApiError('invalid_token', 'authentication required: send Authorization: Bearer <token> or X-API-Key');
    if (!principal) throw new ApiError('invalid_token', 'token invalid, expired or revoked');
    if (acc.role !== 'any' && !roleAtLeast(principal.role, acc.role)) {
      throw new ApiError('insufficient_permissions', `requires ${acc.role}`, { required: acc.role, role: principal.role });
    }
  };
  const routeId = (request: FastifyRequest) => `${request.routeOptions.method as string} ${request.routeOptions.url ?? ''}`;
  const hourlyOf = (principal: Principal | null) => (principal?.kind === 'api_key' ? (principal as ApiKeyPrincipal).rateLimit : undefined);

  const slow = async (request: FastifyRequest, reply: FastifyReply, acc: Access, credential: string | null, given: string | null, scrape: boolean): Promise<void> => {
    const principal = credential !== null && !scrape ? await options.authenticator.authenticate(credential) : null;
    request.principal = principal;
    const ip = request.ip ?? 'local';
    const verdict = acc.rateLimited ? await options.limiter.check(routeId(request), acc.limit, principal, ip, options.now(), hourlyOf(principal)) : null;
    decide(request, reply, acc, given, principal, scrape, ip, verdict);
  };

  // Callback style: a cached caller and in-memory counters are decided without a promise per step; anything
  // else (a store read, Redis) takes the async path. Both apply the same checks.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    const acc: Access | undefined = request.routeOptions.config.access;
    if (!acc) return done();
    const raw = credentialOf(request);
    const credential = raw === 'malformed' ? null : raw;
    const scrape = credential !== null && acc.scrapeToken === true && options.scrapeToken !== undefined && credential === options.scrapeToken;
    // A malformed header answers "token invalid", a missing one "authentication required".
    const given = raw === 'malformed' ? 'malformed' : credential;
    const principal = credential === null || scrape ? null : options.authenticator.cachedPrincipal?.(credential);
    if (principal !== undefined) {
      const ip = request.ip ?? 'local';
      const verdict = acc.rateLimited ? options.limiter.checkSync(routeId(request), acc.limit, principal, ip, options.now(), hourlyOf(principal)) : null;
      if (verdict !== undefined) {
        request.principal = principal;
        try {
          decide(request, reply, acc, given, principal, scrape, ip, verdict);
        } catch (e) {
          return done(e as Error);
        }
        return done();
      }
    }
    slow(request, reply, acc, credential, given, scrape).then(
      () => done(),
      (e: unknown) => done(e as Error),
    );
  });
}
