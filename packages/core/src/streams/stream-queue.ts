import { StreamOverflowError } from '../errors/error-classes.js';
import type { ExchangeError } from '../errors/exchange-error.js';
import type { DeliveryMode } from '../exchange/subscription.js';
import { Deque } from './deque.js';

export interface StreamQueueOptions {
  /** `conflate`: keep only the newest unread item. `queue`: keep every item, in order, up to `capacity`. */
  readonly mode: DeliveryMode;
  /** Unread items a `queue` holds before it overflows (default 10_000). Ignored when conflating. */
  readonly capacity?: number;
  /** For the overflow error: the exchange id and what the stream is. */
  readonly exchange?: string;
  readonly topic?: string;
}

interface Waiter<T> {
  readonly resolve: (result: IteratorResult<T>) => void;
  readonly reject: (error: ExchangeError) => void;
}

const DONE: IteratorResult<never> = Object.freeze({ done: true, value: undefined });

/**
 * The buffer between a producer (socket frames) and one async-iterating reader. Memory is bounded
 * in both modes: conflate holds one item, queue holds `capacity`, and an overflow ends the stream
 * with StreamOverflowError after the buffered items — never a silent drop.
 */
export class StreamQueue<T> {
  readonly #mode: DeliveryMode;
  readonly #capacity: number;
  readonly #options: StreamQueueOptions;
  readonly #items = new Deque<T>();
  readonly #waiters = new Deque<Waiter<T>>();
  #error: ExchangeError | undefined;
  #ended = false;

  constructor(options: StreamQueueOptions) {
    this.#options = options;
    this.#mode = options.mode;
    this.#capacity = Math.max(1, options.capacity ?? 10_000);
  }

  /** Unread items. */
  get size(): number {
    return this.#items.length;
  }

  /** True once ended, failed or overflowed: pushes are refused. */
  get done(): boolean {
    return this.#ended || this.#error !== undefined;
  }

  /** Storage slots held (leak tests). */
  get allocated(): number {
    return this.#items.capacity + this.#waiters.capacity;
  }

  /**
   * Offers an item. Returns the overflow error when this push overflowed the queue (the stream is
   * now failed), otherwise undefined.
   */
  push(item: T): StreamOverflowError | undefined {
    if (this.done) return undefined;
    const waiter = this.#waiters.shift();
    if (waiter) {
      waiter.resolve({ done: false, value: item });
      return undefined;
    }
    if (this.#mode === 'conflate') {
      this.#items.clear();
      this.#items.push(item);
      return undefined;
    }
    if (this.#items.length >= this.#capacity) {
      const error = new StreamOverflowError(
        `${this.#options.topic ?? 'stream'}: reader fell ${this.#capacity} items behind; the stream was ended instead of dropping items`,
        { exchange: this.#options.exchange ?? 'exkit', details: { capacity: this.#capacity } },
      );
      this.fail(error);
      return error;
    }
    this.#items.push(item);
    return undefined;
  }

  /** Ends with an error: buffered items are still read, then `next()` rejects once, then it is done. */
  fail(error: ExchangeError): void {
    if (this.done) return;
    this.#error = error;
    if (this.#items.length === 0) this.#settleWaiters();
  }

  /** Ends now: unread items are dropped and every pending `next()` resolves done. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#error = undefined;
    this.#items.clear();
    this.#settleWaiters();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.#items.length > 0) return Promise.resolve({ done: false, value: this.#items.shift() as T });
    if (this.#ended) return Promise.resolve(DONE);
    const error = this.#error;
    if (error) {
      this.#ended = true; // the error is thrown once; afterwards the iterator is simply done
      return Promise.reject(error);
    }
    return new Promise<IteratorResult<T>>((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  #settleWaiters(): void {
    let error = this.#error;
    for (const waiter of this.#waiters.drain()) {
      if (error) {
        waiter.reject(error);
        this.#ended = true;
        error = undefined;
      } else waiter.resolve(DONE);
    }
  }
}
