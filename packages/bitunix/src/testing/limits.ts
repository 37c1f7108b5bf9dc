/**
 * The venue's rate limits (bitunix.md §3): sliding 1 s per endpoint, public market data per IP, private
 * endpoints per UID (account); WebSocket ≤ 5 client messages/s per connection, ≤ 300 channels, idle cut ~60 s (§6).
 */
import type { VenueLimits, VenueOperation, VenueRateBucket } from '@exkit/core/testing';

export interface RouteLimit {
  /** Bucket key prefix; counted per IP (public) or per UID (private). */
  readonly bucket: string;
  readonly scope: 'ip' | 'uid';
  readonly limit: number;
}

export const WINDOW_MS = 1_000;
export const WS_MESSAGES_PER_SECOND = 5;
export const WS_MAX_CHANNELS = 300;
export const WS_IDLE_TIMEOUT_MS = 60_000;
/** batch_order: ≤ 5 orders and 1/s (2026 docs, §3; the older ≤ 20 and 5/s is an open point). */
export const BATCH_MAX = 5;

export const PUBLIC: RouteLimit = { bucket: 'public', scope: 'ip', limit: 10 };
export const PRIVATE: RouteLimit = { bucket: 'private', scope: 'uid', limit: 10 };
export const SLOW: RouteLimit = { bucket: 'slow', scope: 'uid', limit: 5 };
export const ONE: RouteLimit = { bucket: 'one', scope: 'uid', limit: 1 };

/** What the kit sees (`VenueControl.limits`): each endpoint is its own bucket. */
export function venueLimits(options: { idleTimeoutMs: number; receiveWindowMs?: number }): VenueLimits {
  const bucket = (name: string, limit: number, operations: readonly VenueOperation[]): VenueRateBucket => ({ name, scope: 'endpoint', operations, limit, windowMs: WINDOW_MS });
  return {
    idleTimeoutMs: options.idleTimeoutMs,
    heartbeatIntervalMs: 20_000,
    topicsPerConnection: WS_MAX_CHANNELS,
    ...(options.receiveWindowMs === undefined ? {} : { receiveWindowMs: options.receiveWindowMs }),
    buckets: [
      bucket('public market data, per IP and endpoint', 10, ['loadMarkets', 'fetchTicker', 'fetchTickers', 'fetchOrderBook', 'fetchCandles', 'fetchFundingRate', 'fetchServerTime']),
      bucket('private, per UID and endpoint', 10, ['fetchBalances', 'fetchPositions', 'setLeverage', 'placeOrder', 'amendOrder', 'cancelAllOrders', 'fetchOrder', 'fetchOpenOrders', 'fetchOrderHistory', 'fetchFills']),
      bucket('cancel_orders, per UID', 5, ['cancelOrder']),
    ],
  };
}
