import { UnexpectedResponseError } from '../errors/error-classes.js';
import { ExchangeError } from '../errors/exchange-error.js';
import { preview } from '../errors/redact.js';
import type { DeliveryMode, Subscription } from '../exchange/subscription.js';
import { scrubbedPreview } from '../ws/frames.js';
import type { TopicManager } from '../ws/topic-manager.js';
import { createSubscription } from './create-subscription.js';

export interface OpenStreamOptions<T> {
  readonly manager: TopicManager;
  /** The venue topic key the manager subscribes (`tickers.BTCUSDT`, `ticker:BTCUSDT`). */
  readonly venueTopic: string;
  /** What the subscription calls itself (`ticker BTC/USDT:USDT`); default `venueTopic`. */
  readonly topic?: string;
  readonly mode: DeliveryMode;
  /** Unread items a `queue` stream holds before StreamOverflowError (default 10_000). */
  readonly capacity?: number;
  /** The exchange id put on errors (default `exkit`). */
  readonly exchange?: string;
  /** Named on the errors the stream surfaces, e.g. `streams.ticker` (default `stream <topic>`). */
  readonly method?: string;
  /**
   * Turns one topic frame into items: call `emit` once, several times (a batch of trades) or not at
   * all (a frame for another symbol). A throw is reported as a manager `error` event and that frame
   * is dropped; the stream goes on.
   */
  readonly map: (message: unknown, emit: (item: T) => void) => void;
}

/**
 * One consumer's typed stream over a shared venue topic: leases the topic from the manager (the
 * first consumer subscribes, the last one out unsubscribes), maps frames to items, and ends with
 * the manager's typed error when the topic is refused or its connection gives up.
 */
export function openStream<T>(options: OpenStreamOptions<T>): Subscription<T> {
  const { manager, venueTopic, map } = options;
  const exchange = options.exchange ?? 'exkit';
  const label = options.topic ?? venueTopic;
  let push: (item: T) => void = () => undefined;
  let fail: (error: ExchangeError) => void = () => undefined;
  const lease = manager.subscribe(venueTopic, {
    onMessage: (message) => {
      try {
        map(message, push);
      } catch (err) {
        manager.report(
          err instanceof ExchangeError
            ? err
            : new UnexpectedResponseError(`${label}: could not map a frame: ${err instanceof Error ? err.message : String(err)}`, {
                exchange,
                cause: err,
                details: { preview: scrubbedPreview(preview(message, 1_200), undefined) },
              }),
        );
      }
    },
    onError: (error) => fail(error),
  });
  const sink = createSubscription<T>({
    topic: label,
    mode: options.mode,
    ...(options.capacity !== undefined && { capacity: options.capacity }),
    exchange,
    ...(options.method !== undefined && { method: options.method }),
    ready: lease.ready,
    onClose: () => lease.release(),
    onListenerError: (err) =>
      manager.report(err instanceof ExchangeError ? err : new ExchangeError(`${label}: an onItem listener threw: ${String(err)}`, { exchange, cause: err })),
  });
  push = sink.push;
  fail = sink.fail;
  return sink.subscription;
}
