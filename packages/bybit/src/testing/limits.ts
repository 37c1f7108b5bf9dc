/**
 * Per-UID, per-endpoint limits (reference §3, DOCS rate-limit.mdx "UTA 2.0 Pro" defaults): a rolling
 * 1 s window per account and path, reported on every private response as `X-Bapi-Limit`,
 * `X-Bapi-Limit-Status` and `X-Bapi-Limit-Reset-Timestamp`; beyond it → retCode 10006.
 */
import { RateMeter } from '@exkit/sim';

const WINDOW_MS = 1_000;

/** The IP limit (reference §3 "IP limits"): 600 HTTP requests per rolling 5 s; beyond it HTTP 403 "access too frequent". */
export const IP_LIMIT = 600;
export const IP_WINDOW_MS = 5_000;

/** [linear, spot] requests per second. */
const TABLE: Readonly<Record<string, readonly [number, number]>> = {
  '/v5/order/create': [10, 20],
  '/v5/order/amend': [10, 10],
  '/v5/order/cancel': [10, 20],
  '/v5/order/cancel-all': [10, 20],
  '/v5/order/realtime': [50, 50],
  '/v5/order/history': [50, 50],
  '/v5/execution/list': [50, 50],
  '/v5/position/list': [50, 50],
  '/v5/position/set-leverage': [10, 10],
  '/v5/account/wallet-balance': [50, 50],
  '/v5/account/fee-rate': [5, 5],
};

export function endpointLimit(path: string, category: string | undefined): number {
  const row = TABLE[path] ?? [50, 50];
  return category === 'spot' ? row[1] : row[0];
}

export interface LimitVerdict {
  readonly allowed: boolean;
  readonly headers: Record<string, string>;
}

export class BybitLimits {
  readonly #meter = new RateMeter();
  /** false: count and report, never refuse. */
  enforce: boolean;

  constructor(enforce = true) {
    this.enforce = enforce;
  }

  /** Counts one request; `forced` enforces even when `enforce` is off (the `enforceRateLimits` fault). */
  hit(uid: string, path: string, category: string | undefined, now: number, forced = false): LimitVerdict {
    const limit = endpointLimit(path, category);
    const enforce = this.enforce || forced;
    const key = `${uid} ${path} ${category === 'spot' ? 'spot' : 'linear'}`;
    const v = this.#meter.hit(key, enforce ? limit : Number.MAX_SAFE_INTEGER, WINDOW_MS, now);
    const remaining = enforce ? v.remaining : Math.max(0, limit - this.#meter.count(key, WINDOW_MS, now));
    return {
      allowed: v.allowed,
      headers: {
        'X-Bapi-Limit': String(limit),
        'X-Bapi-Limit-Status': String(remaining),
        'X-Bapi-Limit-Reset-Timestamp': String(v.allowed ? now : v.resetAt),
      },
    };
  }

  /**
   * Counts one HTTP request against the IP limit (every path, signed or not); false when it is beyond
   * it and enforced. The venue's 10-minute ban after a breach is not modelled: later requests within
   * the limit go through.
   */
  hitIp(ip: string, now: number, forced = false): boolean {
    const enforce = this.enforce || forced;
    return this.#meter.hit(`ip ${ip}`, enforce ? IP_LIMIT : Number.MAX_SAFE_INTEGER, IP_WINDOW_MS, now).allowed;
  }

  clear(): void {
    this.#meter.clear();
  }
}
