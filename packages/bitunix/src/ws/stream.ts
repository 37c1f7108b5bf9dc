import { createSubscription, ExchangeError, UnexpectedResponseError, type DeliveryMode, type Subscription, type TopicLease, type TopicManager } from '@exkit/core';

export interface TopicStreamOptions<T> {
  readonly exchange: string;
  /** What the subscription calls itself (`ticker BTC/USDT:USDT`). */
  readonly topic: string;
  readonly mode: DeliveryMode;
  readonly manager: TopicManager;
  /**
   * Resolves the venue topic once the market is known (markets may still be loading when the stream is asked for);
   * a rejection (BadSymbolError…) ends the stream before anything is subscribed.
   */
  readonly venueTopic: () => Promise<string>;
  /** One frame → items (none, one or several). A throw is reported on the manager and the frame is dropped. */
  readonly map: (message: unknown, emit: (item: T) => void) => void;
  /** Proof the venue has read the subscribe (it acknowledges none): awaited after the frame is written. */
  readonly settled?: () => Promise<void>;
}

/**
 * A subscription over one venue topic whose market may not be resolved yet: like core's `openStream`, but the
 * topic lease is taken only after `venueTopic()` resolves, so an unknown symbol never reaches the venue.
 */
export function openTopicStream<T>(o: TopicStreamOptions<T>): Subscription<T> {
  let lease: TopicLease | undefined;
  let ended = false;
  let push: (item: T) => void = () => undefined;
  let fail: (error: ExchangeError) => void = () => undefined;
  const ready = o.venueTopic().then((venueTopic) => {
    if (ended) return;
    lease = o.manager.subscribe(venueTopic, {
      onMessage: (message) => {
        try {
          o.map(message, push);
        } catch (err) {
          o.manager.report(asError(err, o.exchange, `${o.topic}: could not map a frame`));
        }
      },
      onError: (error) => fail(error),
    });
    const settled = o.settled;
    return settled === undefined ? lease.ready : lease.ready.then(() => (ended ? undefined : settled()));
  });
  const sink = createSubscription<T>({
    topic: o.topic,
    mode: o.mode,
    exchange: o.exchange,
    ready,
    onClose: () => {
      ended = true;
      lease?.release();
    },
    onListenerError: (err) => o.manager.report(asError(err, o.exchange, `${o.topic}: an onItem listener threw`)),
  });
  push = sink.push;
  fail = sink.fail;
  return sink.subscription;
}

export function asError(err: unknown, exchange: string, what: string): ExchangeError {
  if (err instanceof ExchangeError) return err;
  return new UnexpectedResponseError(`${what}: ${err instanceof Error ? err.message : String(err)}`, { exchange, cause: err });
}
