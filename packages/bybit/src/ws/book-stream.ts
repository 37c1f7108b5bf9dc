import { LocalOrderBook, consecutiveSequence, stepDecimals, type BookResyncEvent, type Clock, type Market, type OrderBook } from '@exkit/core';
import { parseFrame } from './parse.js';
import { wsOrderBookFrameSchema } from './schemas/public.js';
import type { TopicControl, TopicState } from './stream-hub.js';

/** Depths the venue streams for spot and linear (reference §6: 1, 50, 200, 1000). */
export const WS_BOOK_DEPTHS = [1, 50, 200, 1000] as const;
/** Levels per side when the caller names no depth. */
export const DEFAULT_STREAM_BOOK_DEPTH = 50;

/** The smallest venue depth holding `requested` levels (1000 at most). */
export function venueBookDepth(requested: number): number {
  return WS_BOOK_DEPTHS.find((d) => d >= requested) ?? 1000;
}

export interface BookStateOptions {
  readonly market: Market;
  readonly venueDepth: number;
  readonly clock?: Clock;
  readonly onResync: (event: BookResyncEvent) => void;
}

/**
 * The local book behind `orderbook.{depth}.{symbol}` (reference §6 "Processing rules"):
 * - a `snapshot` always replaces the book (first frame, a later one, level-1 re-pushes);
 * - deltas must continue `u` by exactly 1; `u == 1` is a restart snapshot (core's
 *   `consecutiveSequence({ resetAt: 1 })`); a `u` at or below the book's is stale and ignored;
 * - size `"0"` deletes a level, an unknown price inserts, a known one is replaced;
 * - a gap or a crossed book invalidates the book — nothing is emitted from it — and the topic is
 *   resubscribed, which makes the venue send a fresh snapshot. A REST snapshot would only line up
 *   for depth 1000 (the REST `u` is the 1000-level stream's), so resubscribing is the one way for all depths.
 */
export function createBookState(options: BookStateOptions, control: TopicControl): TopicState<OrderBook> {
  const { market, venueDepth } = options;
  const book = new LocalOrderBook({
    symbol: market.symbol,
    sequence: consecutiveSequence({ resetAt: 1 }),
    depth: venueDepth,
    priceDecimals: Math.min(15, stepDecimals(market.tickSize)),
    sizeDecimals: Math.min(15, stepDecimals(market.stepSize)),
    ...(options.clock !== undefined && { clock: options.clock }),
    onResync: (event) => {
      options.onResync(event);
      control.resubscribe(event.reason);
    },
  });
  const what = `orderbook.${venueDepth}.${market.id}`;
  return {
    onMessage(message, emit) {
      const frame = parseFrame(wsOrderBookFrameSchema, message, what);
      const { b, a, u } = frame.data;
      const status =
        frame.type === 'snapshot'
          ? book.applySnapshot({ bids: b, asks: a, seq: u, timestamp: frame.ts })
          : book.applyDelta({ bids: b, asks: a, seq: u, timestamp: frame.ts });
      if (status !== 'applied') return;
      const state = book.toOrderBook();
      if (state !== undefined) emit(state);
    },
    current: () => book.toOrderBook(),
  };
}

/** A consumer's view: at most `depth` levels per side of the shared book. */
export function truncateBook(book: OrderBook, depth: number): OrderBook {
  if (book.bids.length <= depth && book.asks.length <= depth) return book;
  return { ...book, bids: book.bids.slice(0, depth), asks: book.asks.slice(0, depth) };
}
