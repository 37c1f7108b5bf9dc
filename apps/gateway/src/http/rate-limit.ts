// The contract's layered limits: per caller by role (per IP without auth), per route, and an API key's own
// hourly limit. Every bucket is counted; the tightest one is reported in X-RateLimit-*; any over → 429.
// A store failure (Redis down) lets requests through and is reported: availability over strictness.
import type { Principal, Role } from '../contracts/auth.js';
import type { RateStore, WindowCount } from './rate-store.js';

export interface Limit {
  readonly max: number;
  readonly windowMs: number;
}

export const MINUTE = 60_000;
export const HOUR = 3_600_000;

/** Seed 003 "Rate Limits by Permission". SUPER_ADMIN's 10/hour is the key-creation route's own limit. */
export const ROLE_LIMITS: Readonly<Record<Role | 'anonymous', Limit>> = {
  anonymous: { max: 20, windowMs: MINUTE },
  READ_ONLY: { max: 100, windowMs: MINUTE },
  CONTROL: { max: 60, windowMs: MINUTE },
  ADMIN: { max: 30, windowMs: MINUTE },
  SUPER_ADMIN: { max: 30, windowMs: MINUTE },
};

export interface RouteLimit extends Limit {
  /** `ip`: counted per client address even when authenticated (login, refresh). */
  readonly per: 'caller' | 'ip';
}

export interface Verdict {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Epoch ms of the reported bucket's reset. */
  readonly resetAt: number;
  /** Seconds until a refused request may succeed. */
  readonly retryAfter: number;
  /** Fraction used of the most used bucket (alerts when near). */
  readonly usage: number;
}

interface Bucket {
  readonly key: string;
  readonly limit: Limit;
}

export class RateLimiter {
  constructor(
    private readonly store: RateStore,
    private readonly scale: number,
    private readonly onStoreError: (error: unknown) => void,
  ) {}

  async check(routeId: string, routeLimit: RouteLimit | null, principal: Principal | null, ip: string, now: number, apiKeyHourly?: number): Promise<Verdict | null> {
    const buckets = this.#buckets(routeId, routeLimit, principal, ip, apiKeyHourly);
    let counts: WindowCount[];
    try {
      counts = await Promise.all(buckets.map((b) => this.store.hit(b.key, b.limit.windowMs, now)));
    } catch (e) {
      this.onStoreError(e);
      return null;
    }
    return this.#verdict(buckets, counts, now);
  }

  /** The same as `check`, answered at once when the store counts in memory; undefined otherwise. */
  checkSync(routeId: string, routeLimit: RouteLimit | null, principal: Principal | null, ip: string, now: number, apiKeyHourly?: number): Verdict | null | undefined {
    const store = this.store;
    if (store.hitSync === undefined) return undefined;
    const buckets = this.#buckets(routeId, routeLimit, principal, ip, apiKeyHourly);
    const counts = buckets.map((b) => store.hitSync?.(b.key, b.limit.windowMs, now) ?? { count: 0, resetAt: now });
    return this.#verdict(buckets, counts, now);
  }

  #buckets(routeId: string, routeLimit: RouteLimit | null, principal: Principal | null, ip: string, apiKeyHourly?: number): Bucket[] {
    const caller = principal ? `${principal.kind}:${principal.id}` : `ip:${ip}`;
    const buckets: Bucket[] = [{ key: `caller:${caller}`, limit: ROLE_LIMITS[principal?.role ?? 'anonymous'] }];
    if (routeLimit) buckets.push({ key: `route:${routeId}:${routeLimit.per === 'ip' ? `ip:${ip}` : caller}`, limit: routeLimit });
    if (apiKeyHourly !== undefined) buckets.push({ key: `key:${caller}`, limit: { max: apiKeyHourly, windowMs: HOUR } });
    return buckets;
  }

  #verdict(buckets: readonly Bucket[], counts: readonly WindowCount[], now: number): Verdict | null {
    let report: Verdict | undefined;
    let allowed = true;
    let retryAfter = 0;
    let usage = 0;
    buckets.forEach((b, i) => {
      const c = counts[i];
      if (!c) return;
      const max = Math.max(1, Math.floor(b.limit.max * this.scale));
      const remaining = Math.max(0, max - c.count);
      usage = Math.max(usage, c.count / max);
      if (c.count > max) {
        allowed = false;
        retryAfter = Math.max(retryAfter, Math.ceil((c.resetAt - now) / 1000));
      }
      if (!report || remaining < report.remaining || (remaining === report.remaining && max < report.limit)) {
        report = { allowed: true, limit: max, remaining, resetAt: c.resetAt, retryAfter: 0, usage: 0 };
      }
    });
    if (!report) return null;
    return { ...report, allowed, retryAfter: Math.max(retryAfter, allowed ? 0 : 1), usage };
  }
}
