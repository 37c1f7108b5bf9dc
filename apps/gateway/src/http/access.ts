// Who may call a route and how often: declared on each route (`config.access`) and collected into the route
// table the authorization tests are generated from.
import type { Principal, Role } from '../contracts/auth.js';
import type { RouteLimit } from './rate-limit.js';

/** `none`: public. `any`: any authenticated caller. `refresh`: public, the body carries a refresh token. */
export type RouteRole = Role | 'none' | 'any' | 'refresh';

export interface Access {
  readonly role: RouteRole;
  /** Per-route limit on top of the caller's role limit; null: only the role limit. */
  readonly limit: RouteLimit | null;
  /** false: no counting at all (health probes, docs, scrapes). */
  readonly rateLimited: boolean;
  /** A route that also accepts the Prometheus scrape token. */
  readonly scrapeToken?: boolean;
}

export interface RouteTableEntry {
  readonly method: string;
  readonly url: string;
  readonly access: Access;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export const perMinute = (max: number, per: RouteLimit['per'] = 'caller'): RouteLimit => ({ max, windowMs: 60_000, per });
export const perHour = (max: number): RouteLimit => ({ max, windowMs: 3_600_000, per: 'caller' });

export const access = (role: RouteRole, limit: RouteLimit | null, rateLimited = true): Access => ({ role, limit, rateLimited });
