import {
  ExchangeError,
  InvalidArgumentError,
  NotSupportedError,
  type Balance,
  type Candle,
  type CapabilityKey,
  type ExchangeBase,
  type ExchangeStreams,
  type Fill,
  type Market,
  type Order,
  type OrderBook,
  type Position,
  type Subscription,
  type Ticker,
  type Timeframe,
  type Trade,
} from '@exkit/core';
import { WS_INTERVAL } from '../map/candle.js';
import type { ResolvedOptions } from '../options.js';
import { openBookStream } from '../ws/book-stream.js';
import type { PrivateHub } from '../ws/private-streams.js';
import type { BitunixContext } from './context.js';
import type { BitunixSockets } from './sockets.js';

/** What the streams need from the exchange: its parts and its closed/capability gate. */
export interface StreamDeps {
  readonly ctx: BitunixContext;
  readonly options: ResolvedOptions;
  readonly sockets: BitunixSockets;
  readonly timeframes: readonly Timeframe[];
  readonly events: ExchangeBase['events'];
  /** Throws ClosedError once the exchange is closed. */
  assertOpen(method: string): void;
  /** Throws NotSupportedError without the capability. */
  assertCapability(capability: CapabilityKey, method: string): void;
}

/** The exchange's `streams`: public ones on the public socket, private ones on the hub. */
export function bitunixStreams(d: StreamDeps): ExchangeStreams {
  const { ctx, sockets } = d;
  return {
    ticker: (symbol): Subscription<Ticker> => {
      guard(d, 'streamTicker', 'streams.ticker');
      const { market, label } = streamMarket(ctx, symbol, 'streams.ticker');
      return sockets.publicSide().ticker(market, `ticker ${label}`);
    },
    orderBook: (symbol, options): Subscription<OrderBook> => {
      guard(d, 'streamOrderBook', 'streams.orderBook');
      const { market, label } = streamMarket(ctx, symbol, 'streams.orderBook');
      if (options?.depth !== undefined && (!Number.isInteger(options.depth) || options.depth < 1)) {
        throw new InvalidArgumentError(`depth must be a positive integer, got ${options.depth}`, { exchange: ctx.id, method: 'streams.orderBook' });
      }
      return openBookStream({
        exchange: ctx.id,
        manager: sockets.publicManager(),
        market,
        label: `orderBook ${label}`,
        ...(options?.depth !== undefined && { depth: options.depth }),
        staleMs: d.options.bookStaleMs,
        clock: ctx.clock,
        onResync: (e) => d.events.emit('resync', e),
      });
    },
    trades: (symbol): Subscription<Trade> => {
      guard(d, 'streamTrades', 'streams.trades');
      const { market, label } = streamMarket(ctx, symbol, 'streams.trades');
      return sockets.publicSide().trades(market, `trades ${label}`);
    },
    candles: (symbol, timeframe): Subscription<Candle> => {
      guard(d, 'streamCandles', 'streams.candles');
      const interval = WS_INTERVAL[timeframe];
      if (interval === undefined || !d.timeframes.includes(timeframe)) {
        throw new NotSupportedError(`timeframe ${timeframe} is not served (have ${d.timeframes.join(', ')})`, { exchange: ctx.id, method: 'streams.candles' });
      }
      const { market, label } = streamMarket(ctx, symbol, 'streams.candles');
      return sockets.publicSide().candles(market, timeframe, interval, `candles ${label} ${timeframe}`);
    },
    orders: (symbol): Subscription<Order> => privateStream<Order>(d, 'orders', 'streamOrders', symbol),
    fills: (symbol): Subscription<Fill> => privateStream<Fill>(d, 'fills', 'streamFills', symbol),
    positions: (symbol): Subscription<Position> => privateStream<Position>(d, 'positions', 'streamPositions', symbol),
    balances: (): Subscription<Balance> => privateStream<Balance>(d, 'balances', 'streamBalances', undefined),
  };
}

/** A stream's market: resolved now when markets are loaded (a bad symbol throws here), else once they are. */
function streamMarket(ctx: BitunixContext, symbol: string, method: string): { market: Promise<Market>; label: string } {
  const markets = ctx.registry();
  if (markets.size > 0) {
    let market: Market;
    try {
      market = markets.resolve(symbol);
    } catch (err) {
      if (err instanceof ExchangeError) throw err.withMethod(method);
      throw err;
    }
    return { market: Promise.resolve(market), label: market.symbol };
  }
  const market = ctx.market(symbol).catch((err: unknown) => {
    throw err instanceof ExchangeError ? err.withMethod(method) : err;
  });
  market.catch(() => undefined);
  return { market, label: symbol };
}

function guard(d: StreamDeps, capability: CapabilityKey, method: string): void {
  d.assertOpen(method);
  try {
    d.assertCapability(capability, method);
  } catch (err) {
    if (err instanceof ExchangeError) throw err.withMethod(method);
    throw err;
  }
}

function privateStream<T>(
  d: StreamDeps,
  kind: 'orders' | 'fills' | 'positions' | 'balances',
  capability: 'streamOrders' | 'streamFills' | 'streamPositions' | 'streamBalances',
  symbol: string | undefined,
): Subscription<T> {
  const method = `streams.${kind}`;
  guard(d, capability, method);
  const resolved = symbol === undefined ? undefined : streamMarket(d.ctx, symbol, method);
  let hub: PrivateHub;
  try {
    hub = d.sockets.privateHub();
  } catch (err) {
    if (err instanceof ExchangeError) throw err.withMethod(method);
    throw err;
  }
  return hub.open<T>(kind, resolved?.market, resolved === undefined ? kind : `${kind} ${resolved.label}`);
}
