import { LocalOrderBook, type LocalOrderBookOptions } from '../../src/book/index.js';
import { consecutiveSequence } from '../../src/book/sequence.js';
import type { BookResyncEvent } from '../../src/book/types.js';
import type { OrderBook } from '../../src/models/order-book.js';
import { ManualClock } from '../../src/time/clock.js';

/** A book with a manual clock that records every resync it signals. */
export function makeBook(options: Partial<LocalOrderBookOptions> = {}): {
  book: LocalOrderBook;
  resyncs: BookResyncEvent[];
  clock: ManualClock;
} {
  const resyncs: BookResyncEvent[] = [];
  const clock = new ManualClock(1_000_000);
  const book = new LocalOrderBook({
    symbol: 'BTC/USDT:USDT',
    sequence: consecutiveSequence({ resetAt: 1 }),
    priceDecimals: 2,
    sizeDecimals: 3,
    clock,
    onResync: (e) => resyncs.push(e),
    ...options,
  });
  return { book, resyncs, clock };
}

/** Both sides as plain strings, best first: easy to compare exactly. */
export function sides(book: OrderBook | undefined): { bids: string[][]; asks: string[][] } | undefined {
  if (book === undefined) return undefined;
  const text = (levels: OrderBook['bids']) => levels.map((l) => [l.price.toFixed(), l.size.toFixed()]);
  return { bids: text(book.bids), asks: text(book.asks) };
}
