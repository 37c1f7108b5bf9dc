import { createSubscription, type Capabilities, type Clock, type Exchange, type Logger, type ExchangeStreams, type Market, type Subscription, type TimestampSource } from '@exkit/core';
import type { BybitCategory } from '../environments.js';
import { EXCHANGE_ID, type ResolvedBybitOptions } from '../options.js';
import type { ReconcileSource } from '../reconcile/reconcile.js';
import { bybitHeartbeat } from '../ws/heartbeat.js';
import { PrivateStreams } from '../ws/private-streams.js';
import { PublicStreams } from '../ws/public-streams.js';
import { TradeApi } from '../ws/trade-api.js';
import type { BybitInternals } from './internals.js';
import type { BybitWiring } from './wiring.js';

/** The WebSocket side of one exchange: public and private streams, and WS order entry when enabled. */
export interface BybitSockets {
  readonly public: PublicStreams;
  readonly private: PrivateStreams;
  readonly trade: TradeApi | undefined;
}

/** What the sockets need from the exchange itself. */
export interface SocketHooks {
  readonly events: Exchange['events'];
  readonly logger: Logger;
  readonly clock: Clock;
  /** Resolves a symbol for a stream (refusing once closed). */
  readonly market: (symbol: string) => Promise<Market>;
  readonly ensureMarkets: () => Promise<void>;
  readonly marketFor: (category: BybitCategory, nativeId: string) => Market | undefined;
  /** REST reads for the private streams' initial state and reconciliation. */
  readonly source: ReconcileSource;
}

/**
 * Reconnect backoff: 0.5 s first, doubling, capped at 10 s (core's default cap is 30 s). A trading
 * client wants its streams back within seconds of the venue's recovery, and a 10 s cap keeps one
 * socket to ≤ 30 attempts per 5 min, far inside Bybit's 500 new connections per 5 min per IP
 * (reference §3 "IP limits"). With it a refusal window shorter than the reconnect budget minus 10 s
 * is always ridden out (CK-FT-10).
 */
export const RECONNECT_BACKOFF = { initialDelayMs: 500, maxDelayMs: 10_000 } as const;

export function createSockets(options: ResolvedBybitOptions, internals: BybitInternals, wiring: BybitWiring, hooks: SocketHooks): BybitSockets {
  const { events, logger, clock } = hooks;
  const { redactor, venueClock } = wiring;
  const heartbeat = bybitHeartbeat(internals.heartbeat);
  const reconnect = {
    backoff: internals.backoff ?? RECONNECT_BACKOFF,
    ...(options.reconnectBudgetMs > 0 && { budget: { maxDowntimeMs: options.reconnectBudgetMs } }),
  };
  const publicStreams = new PublicStreams({
    exchange: EXCHANGE_ID,
    urls: options.urls,
    events,
    heartbeat,
    ...reconnect,
    redactor,
    logger,
    clock,
    market: hooks.market,
    observeTime: (t) => wiring.observedTime.observe(t),
  });
  const privateStreams = new PrivateStreams({
    exchange: EXCHANGE_ID,
    urls: options.urls,
    events,
    heartbeat,
    ...reconnect,
    redactor,
    logger,
    clock,
    ...(options.credentials !== undefined && { credentials: options.credentials }),
    recvWindow: options.recvWindow,
    venueNow: () => venueClock.now(),
    categories: options.categories,
    market: hooks.market,
    ensureMarkets: hooks.ensureMarkets,
    marketFor: hooks.marketFor,
    source: hooks.source,
    reconcileIntervalMs: options.reconcileIntervalMs,
  });
  // WS order entry where asked for and offered (demo has none: REST, reference §1/§7).
  const trade =
    options.orderEntry === 'websocket' && options.urls.tradeWs !== undefined && options.credentials !== undefined
      ? new TradeApi({
          exchange: EXCHANGE_ID,
          url: options.urls.tradeWs,
          credentials: options.credentials,
          redactor,
          events,
          heartbeat,
          ...reconnect,
          logger,
          clock,
          venueNow: () => venueClock.now(),
          ...(venueClock.resync !== undefined && { resync: () => (venueClock.resync as NonNullable<TimestampSource['resync']>)('timestamp rejected') }),
          recvWindow: options.recvWindow,
          limiter: wiring.limiter,
          timeoutMs: options.timeoutMs,
        })
      : undefined;
  return { public: publicStreams, private: privateStreams, trade };
}

/** Opens a stream after the closed/capability checks; a refused one is a subscription whose `ready` rejects. */
export type StreamGate = <T>(capability: keyof Capabilities, label: string, open: () => Subscription<T>) => Subscription<T>;

export function createStreamGate(check: (capability: keyof Capabilities, label: string) => void): StreamGate {
  return <T>(capability: keyof Capabilities, label: string, open: () => Subscription<T>): Subscription<T> => {
    try {
      check(capability, label);
    } catch (err) {
      const sink = createSubscription<T>({ topic: label, method: `streams.${label.split(' ')[0] ?? 'stream'}`, mode: 'queue', exchange: EXCHANGE_ID, ready: Promise.reject(err) });
      return sink.subscription;
    }
    return open();
  };
}

/** The exchange's `streams`: each one gated, then opened on the public or private connection. */
export function bybitStreams(sockets: BybitSockets, gate: StreamGate): ExchangeStreams {
  const pub = sockets.public;
  const priv = sockets.private;
  return {
    ticker: (symbol) => gate('streamTicker', `ticker ${symbol}`, () => pub.ticker(symbol)),
    orderBook: (symbol, o) => gate('streamOrderBook', `orderBook ${symbol}`, () => pub.orderBook(symbol, o)),
    trades: (symbol) => gate('streamTrades', `trades ${symbol}`, () => pub.trades(symbol)),
    candles: (symbol, timeframe) => gate('streamCandles', `candles ${symbol}`, () => pub.candles(symbol, timeframe)),
    orders: (symbol) => gate('streamOrders', 'orders', () => priv.orders(symbol)),
    fills: (symbol) => gate('streamFills', 'fills', () => priv.fills(symbol)),
    positions: (symbol) => gate('streamPositions', 'positions', () => priv.positions(symbol)),
    balances: () => gate('streamBalances', 'balances', () => priv.balances()),
  };
}
