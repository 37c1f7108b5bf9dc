import type { BucketConfig } from '@exkit/core';

/**
 * Request quotas — bitunix.md §3 "Rate limits" (DOC per-page "Rate Limit" lines; TRANS; NET
 * `BitunixRateLimiters.cs` models every limit per endpoint, sliding 1 s). One bucket per endpoint;
 * public ones are per IP, private ones per UID. No limit headers exist; breaches come back as 10005/10006.
 */
export const BUCKETS = {
  // public market data: 10 req/s per IP, each endpoint
  'market:trading_pairs': { limit: 10, windowMs: 1_000 },
  'market:tickers': { limit: 10, windowMs: 1_000 },
  'market:depth': { limit: 10, windowMs: 1_000 },
  'market:kline': { limit: 10, windowMs: 1_000 },
  'market:funding_rate': { limit: 10, windowMs: 1_000 },
  'market:funding_rate_batch': { limit: 10, windowMs: 1_000 },
  'market:funding_rate_history': { limit: 10, windowMs: 1_000 },
  // private: 10 req/s per UID, each endpoint
  'account:account': { limit: 10, windowMs: 1_000 },
  'account:leverage_margin_mode': { limit: 10, windowMs: 1_000 },
  'account:change_leverage': { limit: 10, windowMs: 1_000 },
  'account:change_margin_mode': { limit: 10, windowMs: 1_000 },
  'account:change_position_mode': { limit: 10, windowMs: 1_000 },
  'position:pending': { limit: 10, windowMs: 1_000 },
  'position:history': { limit: 10, windowMs: 1_000 },
  'trade:place_order': { limit: 10, windowMs: 1_000 },
  'trade:modify_order': { limit: 10, windowMs: 1_000 },
  'trade:cancel_all_orders': { limit: 10, windowMs: 1_000 },
  'trade:order_detail': { limit: 10, windowMs: 1_000 },
  'trade:pending_orders': { limit: 10, windowMs: 1_000 },
  'trade:history_orders': { limit: 10, windowMs: 1_000 },
  'trade:history_trades': { limit: 10, windowMs: 1_000 },
  'tpsl:place_order': { limit: 10, windowMs: 1_000 },
  'tpsl:position_place_order': { limit: 10, windowMs: 1_000 },
  'tpsl:modify_order': { limit: 10, windowMs: 1_000 },
  'tpsl:cancel_order': { limit: 10, windowMs: 1_000 },
  'tpsl:pending_orders': { limit: 10, windowMs: 1_000 },
  'tpsl:history_orders': { limit: 10, windowMs: 1_000 },
  // 5 req/s per UID
  'trade:cancel_orders': { limit: 5, windowMs: 1_000 },
  // batch_order: the 2026 transcription (TRANS) says 1 req/s and ≤ 5 orders; the older DOC copy 5 req/s and ≤ 20 — the newer, stricter one is kept.
  'trade:batch_order': { limit: 1, windowMs: 1_000 },
} as const satisfies Readonly<Record<string, BucketConfig>>;

export type BucketKey = keyof typeof BUCKETS;

/**
 * Outbound WebSocket limit per connection: ≤ 5 client messages per second, pings and
 * subscribe/unsubscribe frames included; exceeding it disconnects (DOC change log 2026-06-15 via TRANS).
 */
export const WS_OUTBOUND_LIMIT = Object.freeze({ messages: 5, perMs: 1_000 });

/** Channel subscriptions per connection (DOC; PROBE saw the 301st refused). */
export const WS_MAX_CHANNELS = 300;

/** Page size caps (bitunix.md §5): list endpoints ≤ 100, kline and funding history ≤ 200. */
export const MAX_LIST_LIMIT = 100;
export const MAX_KLINE_LIMIT = 200;
