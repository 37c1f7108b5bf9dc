import { ClosedError } from '../errors/error-classes.js';
import { ExchangeError } from '../errors/exchange-error.js';
import type { DeliveryMode, Subscription } from '../exchange/subscription.js';
import { StreamQueue } from './stream-queue.js';

export interface CreateSubscriptionOptions {
  /** What the stream is, e.g. `ticker BTC/USDT:USDT`. */
  readonly topic: string;
  /** `conflate` for state (ticker, book, positions, balances), `queue` for events (trades, candles, orders, fills). */
  readonly mode: DeliveryMode;
  /** Unread items a `queue` stream holds before it ends with StreamOverflowError (default 10_000). */
  readonly capacity?: number;
  /** The exchange id put on errors (default `exkit`). */
  readonly exchange?: string;
  /**
   * Named on every error the stream surfaces (refusal, give-up, overflow) that does not name one
   * yet, e.g. `streams.ticker`. Default `stream <topic>`.
   */
  readonly method?: string;
  /** The venue's confirmation (a TopicLease's `ready`); a rejection ends the stream with that error. Default: ready at once. */
  readonly ready?: Promise<void>;
  /** Runs once when the stream ends for any reason (close, overflow, failure): release the venue topic here. */
  readonly onClose?: () => void;
  /** Receives exceptions thrown by `onItem` listeners (they never reach the producer). */
  readonly onListenerError?: (error: unknown) => void;
}

/** The producer's side of a subscription. */
export interface SubscriptionSink<T> {
  readonly subscription: Subscription<T>;
  /** Delivers an item to `latest`, `onItem` listeners and the iterator. Ignored once closed. */
  push(item: T): void;
  /**
   * Ends the stream with a typed error (refusal, connection gave up, …): the iterator throws it
   * after buffered items. A ClosedError (the owner closed the exchange) ends the stream quietly instead.
   */
  fail(error: ExchangeError): void;
  readonly closed: boolean;
}

const noop = (): void => undefined;

class StreamSubscription<T> implements Subscription<T> {
  readonly topic: string;
  readonly ready: Promise<void>;
  readonly #queue: StreamQueue<T>;
  readonly #listeners = new Set<(item: T) => void>();
  readonly #options: CreateSubscriptionOptions;
  #latest: T | undefined;
  #closed = false;
  #iterators = 0;
  #hadListener = false;
  #rejectReady: ((error: ExchangeError) => void) | undefined;
  readonly #method: string;

  constructor(options: CreateSubscriptionOptions) {
    this.#options = options;
    this.topic = options.topic;
    this.#method = options.method ?? `stream ${options.topic}`;
    this.#queue = new StreamQueue<T>({
      mode: options.mode,
      ...(options.capacity !== undefined && { capacity: options.capacity }),
      exchange: options.exchange ?? 'exkit',
      topic: options.topic,
    });
    this.ready = new Promise<void>((resolve, reject) => {
      this.#rejectReady = reject;
      (options.ready ?? Promise.resolve()).then(
        () => {
          this.#rejectReady = undefined;
          resolve();
        },
        (err: unknown) => {
          this.#rejectReady = undefined;
          const error = (err instanceof ExchangeError ? err : new ExchangeError(String(err), { exchange: options.exchange ?? 'exkit', cause: err })).withMethod(
            this.#method,
          );
          reject(error);
          this.#fail(error);
        },
      );
    });
    this.ready.catch(noop); // a reader who only iterates learns of a refusal from the iterator
  }

  get latest(): T | undefined {
    return this.#latest;
  }

  get closed(): boolean {
    return this.#closed;
  }

  onItem(listener: (item: T) => void): () => void {
    if (this.#closed) return noop;
    this.#hadListener = true;
    // Wrap so the same function added twice is two listeners, each removed by its own handle.
    const wrapped = (item: T): void => listener(item);
    this.#listeners.add(wrapped);
    return () => void this.#listeners.delete(wrapped);
  }

  /** The producer's side: only reachable through the sink `create` returns. */
  static create<T>(options: CreateSubscriptionOptions): SubscriptionSink<T> {
    const sub = new StreamSubscription<T>(options);
    return {
      subscription: sub,
      push: (item) => sub.#push(item),
      fail: (error) => sub.#fail(error),
      get closed() {
        return sub.#closed;
      },
    };
  }

  #push(item: T): void {
    if (this.#closed) return;
    this.#latest = item;
    for (const listener of this.#listeners) {
      try {
        listener(item);
      } catch (err) {
        this.#options.onListenerError?.(err);
      }
    }
    // A callback-only consumer must not fill an event buffer nobody reads (it would overflow). A
    // state stream holds one item and cannot overflow: it keeps the current state for a reader
    // that iterates later (CK-ST-07: the next read after a pause is the current state).
    if (this.#iterators === 0 && this.#hadListener && this.#options.mode === 'queue') return;
    const overflow = this.#queue.push(item);
    if (overflow) this.#finish(overflow.withMethod(this.#method));
  }

  #fail(error: ExchangeError): void {
    if (this.#closed) return;
    // The exchange (or its connection manager) was closed by its owner: the stream ends, it does
    // not fail — the consumer did nothing wrong (CK-ST-09: iterators end on close()).
    if (error instanceof ClosedError) {
      this.#rejectReady?.(error.withMethod(this.#method));
      this.#rejectReady = undefined;
      void this.close();
      return;
    }
    this.#queue.fail(error.withMethod(this.#method));
    this.#finish(error);
  }

  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#queue.end();
    this.#finish();
    return Promise.resolve();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    this.#iterators++;
    let returned = false;
    const stop = (): void => {
      if (!returned) this.#iterators--;
      returned = true;
    };
    return {
      next: () => this.#queue.next().then(
        (r) => {
          if (r.done) stop();
          return r;
        },
        (err: unknown) => {
          stop();
          throw err;
        },
      ),
      // `break` (or a throw) in a for-await loop closes the subscription: nothing leaks.
      return: async (): Promise<IteratorResult<T>> => {
        stop();
        await this.close();
        return { done: true, value: undefined };
      },
    };
  }

  /** Stops delivery and releases the venue topic, once. A still-pending `ready` rejects with `error` (ClosedError on close). */
  #finish(error?: ExchangeError): void {
    this.#closed = true;
    this.#listeners.clear();
    this.#rejectReady?.(
      error ??
        new ClosedError(`${this.topic} was closed before the venue confirmed it`, { exchange: this.#options.exchange ?? 'exkit', method: this.#method }),
    );
    this.#rejectReady = undefined;
    try {
      this.#options.onClose?.();
    } catch (err) {
      this.#options.onListenerError?.(err);
    }
  }
}

/**
 * Builds a `Subscription<T>`: an async iterator over a bounded buffer, `latest`, `onItem`
 * listeners, `ready`, `close()` and `await using`. The producer keeps the sink; the consumer gets
 * `sink.subscription`.
 *
 * Iterator buffering starts at creation, so no item is missed between subscribing and the first
 * `for await`; if the consumer registers `onItem` and has no iterator open, event (`queue`) items
 * only go to the listeners (a callback-only consumer never overflows a buffer it does not read),
 * while a state (`conflate`) stream still keeps its one current item for a later reader.
 */
export function createSubscription<T>(options: CreateSubscriptionOptions): SubscriptionSink<T> {
  return StreamSubscription.create<T>(options);
}
