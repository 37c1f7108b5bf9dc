/**
 * Bitunix frames → typed neutral objects, through the adapter's own stream code, fed by hand:
 * a stand-in TopicManager hands the stream its topic listener, and each frame goes through core's
 * `decodeFrame` (what the socket layer runs) into that listener, as TopicManager would.
 * - depth: `openBookStream` (zod-checked text levels → exact LocalOrderBook snapshot → OrderBook).
 * - ticker: `PublicStreams.ticker` (zod-checked `tickers` frame, Decimal fields → Ticker).
 * The floor is `JSON.parse` of the same bytes.
 */
import { decodeFrame, type ExchangeError, type Market, type OrderBook, type Subscription, type Ticker, type TopicListener, type TopicManager } from '@exkit/core';
import { BitunixPublicStreams, openBitunixBookStream } from './venue-internals.js';

export interface FedStream<T> {
  readonly subscription: Subscription<T>;
  /** Delivers one frame (socket bytes) to the stream. */
  feed(frame: Buffer): void;
  close(): Promise<void>;
}

/** The part of TopicManager the streams use: subscribe hands back the listener; report records. */
function standInManager(): { manager: TopicManager; listener: () => TopicListener; reported: ExchangeError[] } {
  let listener: TopicListener | undefined;
  const reported: ExchangeError[] = [];
  const manager = {
    subscribe(topic: string, l: TopicListener) {
      listener = l;
      return { topic, ready: Promise.resolve(), release: () => undefined };
    },
    report(error: ExchangeError) {
      reported.push(error);
    },
  } as unknown as TopicManager;
  return {
    manager,
    reported,
    listener: () => {
      if (listener === undefined) throw new Error('the stream has not subscribed yet');
      return listener;
    },
  };
}

async function fed<T>(open: (manager: TopicManager) => Subscription<T>): Promise<FedStream<T>> {
  const m = standInManager();
  const subscription = open(m.manager);
  await subscription.ready;
  const listener = m.listener();
  return {
    subscription,
    feed(frame) {
      const decoded = decodeFrame(frame);
      if (!decoded.ok) throw new Error(decoded.reason);
      listener.onMessage(decoded.value);
      if (m.reported.length > 0) throw m.reported[0]!;
    },
    close: () => subscription.close(),
  };
}

export function exkitDepth(market: Market): Promise<FedStream<OrderBook>> {
  return fed((manager) =>
    openBitunixBookStream({
      exchange: 'bitunix',
      manager,
      market: Promise.resolve(market),
      label: `orderBook ${market.symbol}`,
      depth: 15,
      staleMs: 600_000, // no stale-book resync during the run
      onResync: () => undefined,
    }),
  );
}

export function exkitTicker(market: Market): Promise<FedStream<Ticker>> {
  return fed((manager) => new BitunixPublicStreams({ exchange: 'bitunix', manager }).ticker(Promise.resolve(market), `ticker ${market.symbol}`));
}

/** The floor: what any client must do at least. */
export function jsonParse(frame: Buffer): unknown {
  return JSON.parse(frame.toString('utf8'));
}
