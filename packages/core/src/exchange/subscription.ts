/**
 * One consumer's subscription to one stream. Iterate it (`for await`), read `latest`, close it.
 * Closing ends the iterator; the venue subscription is dropped when its last consumer closes.
 *
 * Delivery: state streams (ticker, order book, positions, balances) conflate — a slow reader gets
 * the current state, not a backlog. Event streams (trades, candles, orders, fills) deliver every
 * item in order; their queue is bounded and an overflow ends the iterator with StreamOverflowError,
 * never silent loss.
 */
export interface Subscription<T> extends AsyncIterable<T>, AsyncDisposable {
  /** e.g. `ticker BTC/USDT:USDT`. */
  readonly topic: string;
  /** Resolves when the venue confirmed the subscription; rejects with the typed error if it refused. */
  readonly ready: Promise<void>;
  /** The most recent item, or undefined before the first. */
  readonly latest: T | undefined;
  readonly closed: boolean;
  /** Also receive items by callback; returns a function that removes the listener. */
  onItem(listener: (item: T) => void): () => void;
  close(): Promise<void>;
}

export type DeliveryMode = 'conflate' | 'queue';
