import {
  AuthenticationError,
  InvalidArgumentError,
  RateLimitError,
  type BucketConfig,
  type RateLimitCost,
  type RateLimitHeaderReader,
  type RateLimitUpdate,
  type StatusClassifier,
} from '@exkit/core';
import type { BybitCategory } from '../environments.js';

/**
 * Rate limits (reference §3; DOCS `docs/v5/rate-limit/rate-limit.mdx`, `docs/v5/error.mdx`).
 *
 * - `ip`: 600 requests per 5 s per IP across every REST call (NET models the same).
 * - `uid:<endpoint>[:<category>]`: the per-UID, per-endpoint quotas of the UTA 2.0 Pro table, a
 *   rolling 1 s window. Order endpoints have separate linear/spot columns, so they get one bucket
 *   per category; read endpoints share one bucket across categories (the stricter reading).
 * The venue's `X-Bapi-Limit*` headers correct these at run time (VIP tiers, other clients on the key).
 */
export const IP_BUCKET = 'ip';
/** Requests allowed to wait for the IP bucket before the limiter refuses more (local back-pressure). */
export const IP_MAX_QUEUE = 5_000;
/** How long DOCS say to stop after an HTTP 403 IP ban ("wait ≥ 10 minutes"). */
export const IP_BAN_MS = 10 * 60_000;

export type EndpointKey =
  | 'order/create'
  | 'order/amend'
  | 'order/cancel'
  | 'order/cancel-all'
  | 'order/realtime'
  | 'order/history'
  | 'execution/list'
  | 'position/list'
  | 'position/set-leverage'
  | 'account/wallet-balance'
  | 'user/query-api';

/** Quotas per endpoint: one number for both categories, or per category. */
const UID_LIMITS: Readonly<Record<EndpointKey, number | Readonly<Record<BybitCategory, number>>>> = {
  'order/create': { linear: 10, spot: 20 },
  'order/amend': { linear: 10, spot: 10 },
  'order/cancel': { linear: 10, spot: 20 },
  'order/cancel-all': { linear: 10, spot: 20 },
  'order/realtime': 50,
  'order/history': 50,
  'execution/list': 50,
  'position/list': 50,
  'position/set-leverage': 10,
  'account/wallet-balance': 50,
  // Bybit's rate-limit table lists the user endpoints at 10/s per UID.
  'user/query-api': 10,
};

export function uidBucket(endpoint: EndpointKey, category: BybitCategory): string {
  return typeof UID_LIMITS[endpoint] === 'number' ? `uid:${endpoint}` : `uid:${endpoint}:${category}`;
}

/** Every bucket, for `new RateLimiter({ buckets })`. */
export function bybitBuckets(): Record<string, BucketConfig> {
  // Every call waits in the IP bucket, so it may hold a long burst: 5 000 waiting is ~42 s of the
  // venue's rate (a burst of 3× the limit must queue, not fail: CK-FT-02); more is refused locally.
  const out: Record<string, BucketConfig> = { [IP_BUCKET]: { limit: 600, windowMs: 5_000, maxQueue: IP_MAX_QUEUE } };
  for (const [endpoint, limit] of Object.entries(UID_LIMITS)) {
    if (typeof limit === 'number') out[`uid:${endpoint}`] = { limit, windowMs: 1_000 };
    else for (const [category, n] of Object.entries(limit)) out[`uid:${endpoint}:${category}`] = { limit: n, windowMs: 1_000 };
  }
  return out;
}

/** Public market data: the IP limit only (`/v5/market/*`). */
export const PUBLIC_COST: RateLimitCost = Object.freeze({ [IP_BUCKET]: 1 });

export function privateCost(endpoint: EndpointKey, category: BybitCategory): RateLimitCost {
  return { [IP_BUCKET]: 1, [uidBucket(endpoint, category)]: 1 };
}

function intHeader(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value.trim());
}

/**
 * `X-Bapi-Limit` (quota per second), `X-Bapi-Limit-Status` (left in the window),
 * `X-Bapi-Limit-Reset-Timestamp` (venue ms) → an update of the request's `uid:` bucket.
 * SIEBLY `parseRateLimitHeaders` reads the same three headers.
 */
export const readRateLimitHeaders: RateLimitHeaderReader = (headers, ctx) => {
  const bucket = Object.keys(ctx.cost).find((k) => k.startsWith('uid:'));
  if (bucket === undefined) return undefined;
  const limit = intHeader(headers['x-bapi-limit']);
  const remaining = intHeader(headers['x-bapi-limit-status']);
  const resetAt = intHeader(headers['x-bapi-limit-reset-timestamp']);
  if (limit === undefined && remaining === undefined) return undefined;
  const update: RateLimitUpdate = {
    bucket,
    ...(limit !== undefined && limit >= 1 && { limit }),
    ...(remaining !== undefined && { remaining }),
    ...(resetAt !== undefined && { resetAt }),
  };
  return update;
};

/**
 * HTTP statuses the venue gives before (or instead of) its JSON envelope (DOCS `error.mdx`):
 * 403 = IP rate limit breached ("access too frequent": back off ≥ 10 minutes; also a GET with a
 * body or a US IP), 401 = key or auth headers missing/wrong, 400 = bad request, 404 = path not
 * found or category not matching the account mode. 429 and 5xx are left to core's defaults.
 */
export const classifyBybitStatus: StatusClassifier = (ctx) => {
  const where = `${ctx.exchange} ${ctx.method} ${ctx.path}`;
  const base = { exchange: ctx.exchange, code: ctx.status, details: { status: ctx.status, endpoint: ctx.path } };
  if (ctx.status === 403) {
    return new RateLimitError(`${where}: HTTP 403 — IP rate limit breached (600 requests / 5 s); Bybit lifts the ban after ≥ 10 minutes (403 is also sent to restricted regions)`, {
      ...base,
      retryAfterMs: IP_BAN_MS,
      details: { ...base.details, scope: IP_BUCKET },
    });
  }
  if (ctx.status === 401) return new AuthenticationError(`${where}: HTTP 401 — API key invalid or authentication headers missing`, base);
  if (ctx.status === 400) return new InvalidArgumentError(`${where}: HTTP 400 — bad request`, base);
  if (ctx.status === 404) return new InvalidArgumentError(`${where}: HTTP 404 — path not found, or category does not match the account mode`, base);
  return undefined;
};

/** Which buckets a RateLimitError pauses: the IP bucket for IP-level limits, else the endpoint's. */
export function pauseBucketsFor(error: RateLimitError, cost: RateLimitCost): readonly string[] {
  if (error.details?.['scope'] === IP_BUCKET) return [IP_BUCKET];
  const uid = Object.keys(cost).filter((k) => k.startsWith('uid:'));
  return uid.length > 0 ? uid : Object.keys(cost);
}
