import {
  BadSymbolError,
  createSubscription,
  LocalOrderBook,
  stepDecimals,
  systemClock,
  unsequenced,
  type BookLevelInput,
  type BookResyncEvent,
  type Clock,
  type ExchangeError,
  type Market,
  type OrderBook,
  type Subscription,
  type TopicLease,
  type TopicManager,
} from '@exkit/core';
import { parseFrame } from './parse.js';
import { topicKey } from './protocol.js';
import { depthTextFrameSchema } from './schemas/public.js';
import { asError } from './stream.js';

/** Depth windows the venue pushes as whole snapshots (bitunix.md §6); `depth_books` (whole book, ~460 KB a frame, PROBE) is not used. */
export const BOOK_WINDOWS = [1, 5, 15] as const;

export function bookWindowFor(depth: number | undefined): (typeof BOOK_WINDOWS)[number] {
  return BOOK_WINDOWS.find((w) => w >= (depth ?? 15)) ?? 15;
}

export interface BookStreamOptions {
  readonly exchange: string;
  readonly manager: TopicManager;
  readonly market: Promise<Market>;
  readonly label: string;
  /** Levels per side the caller wants (≤ 15 served). */
  readonly depth?: number;
  /** No push for this long → the book is stale: invalidated, resynced, resubscribed. */
  readonly staleMs: number;
  readonly clock?: Clock;
  /** Where resync events go (the exchange's `events`). */
  readonly onResync: (event: BookResyncEvent) => void;
}

const EMPTY = (l: readonly unknown[]): boolean => l[0] === '' || l[1] === '';

/**
 * A maintained book from `depth_book<N>` pushes. Every push is a full window of N levels without a sequence number
 * (PROBE: pushed every ~310 ms even when unchanged), so each one replaces the book (`unsequenced` rule). The book
 * proves it is current by its age: when no push came for `staleMs` it is invalidated (a `resync` event) and the
 * channel is unsubscribed and subscribed again. A window older (`ts`) than the one applied is a repeat and is ignored;
 * a crossed window invalidates the book (a `resync` event) until the next good one replaces it. An all-empty frame (`["",""]` levels: unknown, delisted or PREVIEW
 * symbol, PROBE) ends the stream with BadSymbolError — the venue sends nothing after it.
 */
export function openBookStream(o: BookStreamOptions): Subscription<OrderBook> {
  const clock = o.clock ?? systemClock;
  const window = bookWindowFor(o.depth);
  const want = Math.min(o.depth ?? window, window);
  let book: LocalOrderBook | undefined;
  let lease: TopicLease | undefined;
  let venueTopic: string | undefined;
  let ended = false;
  let watchedSince = clock.now();
  /** `ts` of the newest window applied since the last subscribe: an older one arriving later is a stale repeat. */
  let newestTs: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let push: (item: OrderBook) => void = () => undefined;
  let fail: (error: ExchangeError) => void = () => undefined;

  const onMessage = (message: unknown): void => {
    if (book === undefined) return;
    try {
      const frame = parseFrame(depthTextFrameSchema, message, o.exchange, 'depth');
      const bids = frame.data.b.filter((l) => !EMPTY(l)).map((l) => [l[0], l[1]] as BookLevelInput);
      const asks = frame.data.a.filter((l) => !EMPTY(l)).map((l) => [l[0], l[1]] as BookLevelInput);
      if (bids.length === 0 && asks.length === 0 && frame.data.b.length + frame.data.a.length > 0) {
        fail(new BadSymbolError(`${o.exchange}: the venue has no book for ${frame.symbol} (empty depth levels: unknown, delisted or not yet trading)`, { exchange: o.exchange }));
        return;
      }
      // No sequence number: the push time orders windows; an older window than the one applied is ignored.
      if (newestTs !== undefined && frame.ts < newestTs) return;
      newestTs = frame.ts;
      if (book.applySnapshot({ bids, asks, timestamp: frame.ts }) === 'applied') {
        const out = book.toOrderBook(want);
        if (out !== undefined) push(out);
      }
    } catch (err) {
      o.manager.report(asError(err, o.exchange, `${o.label}: could not map a frame`));
    }
  };

  const subscribe = (): Promise<void> => {
    if (venueTopic === undefined || ended) return Promise.resolve();
    watchedSince = clock.now();
    newestTs = undefined;
    lease = o.manager.subscribe(venueTopic, { onMessage, onError: (e) => fail(e) });
    return lease.ready;
  };

  const check = (): void => {
    if (ended || book === undefined) return;
    const now = clock.now();
    const quietFor = Math.min(book.ageMs(), now - watchedSince);
    if (quietFor <= o.staleMs) return;
    book.invalidate(`stale: no depth push for ${Math.round(quietFor)} ms`);
    // Unsubscribe, let the manager send it, then subscribe again: the venue starts pushing afresh.
    lease?.release();
    lease = undefined;
    watchedSince = now;
    setTimeout(() => {
      subscribe().catch(() => undefined);
    }, 0).unref();
  };

  const ready = o.market.then((market) => {
    if (ended) return;
    venueTopic = topicKey(`depth_book${window}`, market.id);
    book = new LocalOrderBook({
      symbol: market.symbol,
      sequence: unsequenced,
      depth: window,
      priceDecimals: Math.min(15, stepDecimals(market.tickSize)),
      sizeDecimals: Math.min(15, stepDecimals(market.stepSize)),
      clock,
      onResync: o.onResync,
    });
    timer = setInterval(check, Math.max(100, Math.min(1_000, Math.floor(o.staleMs / 2)))).unref();
    return subscribe();
  });

  const sink = createSubscription<OrderBook>({
    topic: o.label,
    mode: 'conflate',
    exchange: o.exchange,
    ready,
    onClose: () => {
      ended = true;
      if (timer !== undefined) clearInterval(timer);
      lease?.release();
    },
    onListenerError: (err) => o.manager.report(asError(err, o.exchange, `${o.label}: an onItem listener threw`)),
  });
  push = sink.push;
  fail = sink.fail;
  return sink.subscription;
}
