/**
 * A minimal Subscription for the fake adapter (the real streams machinery lives in src/streams):
 * conflating or bounded queue delivery, `latest`, `ready`, listeners, close.
 */
import { StreamOverflowError } from '../../../src/errors/error-classes.js';
import type { DeliveryMode, Subscription } from '../../../src/exchange/subscription.js';

export class SimpleSubscription<T> implements Subscription<T> {
  readonly ready: Promise<void>;
  latest: T | undefined;
  closed = false;
  #resolveReady!: () => void;
  #rejectReady!: (e: unknown) => void;
  #queue: T[] = [];
  #waiter?: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void };
  #error?: unknown;
  readonly #listeners = new Set<(item: T) => void>();

  constructor(
    readonly topic: string,
    readonly mode: DeliveryMode,
    private readonly onClose: () => void | Promise<void>,
    private readonly maxQueue = 10_000,
    private readonly exchangeId = 'fakex',
  ) {
    this.ready = new Promise<void>((resolve, reject) => {
      this.#resolveReady = resolve;
      this.#rejectReady = reject;
    });
    this.ready.catch(() => undefined);
  }

  confirm(): void {
    this.#resolveReady();
  }

  refuse(error: unknown): void {
    this.#rejectReady(error);
    this.fail(error);
  }

  push(item: T): void {
    if (this.closed || this.#error !== undefined) return;
    this.latest = item;
    for (const l of this.#listeners) l(item);
    if (this.#waiter) {
      const w = this.#waiter;
      this.#waiter = undefined;
      w.resolve({ value: item, done: false });
      return;
    }
    if (this.mode === 'conflate') this.#queue = [item];
    else if (this.#queue.length >= this.maxQueue) this.fail(new StreamOverflowError(`${this.topic}: consumer fell ${this.maxQueue} items behind`, { exchange: this.exchangeId, method: 'stream' }));
    else this.#queue.push(item);
  }

  /** Ends the iterator with an error (after what is already queued). */
  fail(error: unknown): void {
    if (this.closed || this.#error !== undefined) return;
    this.#error = error;
    if (this.#waiter) {
      const w = this.#waiter;
      this.#waiter = undefined;
      w.reject(error);
    }
  }

  /** Ends the iterator quietly; queued items are dropped (nothing is delivered after close). */
  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.#queue = [];
    this.#listeners.clear();
    this.#rejectReady(new Error('closed before ready'));
    if (this.#waiter) {
      const w = this.#waiter;
      this.#waiter = undefined;
      w.resolve({ value: undefined, done: true });
    }
  }

  onItem(listener: (item: T) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.end();
    await this.onClose();
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.closed) return Promise.resolve({ value: undefined, done: true });
        const item = this.#queue.shift();
        if (item !== undefined) return Promise.resolve({ value: item, done: false });
        if (this.#error !== undefined) {
          const e = this.#error;
          return Promise.reject(e);
        }
        return new Promise((resolve, reject) => {
          this.#waiter = { resolve, reject };
        });
      },
      return: async () => {
        await this.close();
        return { value: undefined, done: true };
      },
    };
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
