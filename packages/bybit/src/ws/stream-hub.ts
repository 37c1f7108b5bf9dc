import {
  ClosedError,
  ExchangeError,
  UnexpectedResponseError,
  createSubscription,
  preview,
  scrubbedPreview,
  type DeliveryMode,
  type Subscription,
  type SubscriptionSink,
  type TopicLease,
  type TopicListener,
  type TopicManager,
} from '@exkit/core';

/** What one venue topic keeps between frames (a merged ticker, a local book), shared by its consumers. */
export interface TopicState<W> {
  /** Handles one frame; calls `emit` for each item (state streams: the new state). May throw: the frame is reported and dropped. */
  onMessage(message: unknown, emit: (item: W) => void): void;
  /** The current state, handed to a consumer that joins late (state streams); undefined for event streams. */
  current?(): W | undefined;
}

/** What a topic state may ask of the hub. */
export interface TopicControl {
  /** Drops the venue subscription and takes it again: the venue answers with a fresh snapshot. */
  resubscribe(reason: string): void;
  report(error: ExchangeError): void;
}

export interface StreamSpec<W, T> {
  readonly manager: TopicManager;
  /** The venue topic, e.g. `orderbook.50.BTCUSDT`. */
  readonly venueTopic: string;
  readonly createState: (control: TopicControl) => TopicState<W>;
  /** Per consumer: the shared item → what this consumer gets (undefined: skip). */
  readonly project: (item: W) => T | undefined;
}

export interface OpenOptions<W, T> {
  /** What the subscription calls itself, e.g. `orderBook BTC/USDT:USDT`. */
  readonly label: string;
  readonly mode: DeliveryMode;
  readonly capacity?: number;
  /** Resolved after the markets are known; a rejection ends the stream with that error. */
  readonly spec: () => Promise<StreamSpec<W, T>>;
  /**
   * Runs once the venue confirmed the topic, for this consumer only: e.g. a REST snapshot of a
   * state the venue does not push on subscribe. A failure is reported, the stream goes on.
   */
  readonly afterReady?: (push: (item: T) => void) => Promise<void>;
}

interface Consumer<W> {
  readonly sink: SubscriptionSink<unknown>;
  readonly project: (item: W) => unknown;
}

interface Entry<W> {
  readonly key: string;
  readonly manager: TopicManager;
  readonly venueTopic: string;
  readonly consumers: Set<Consumer<W>>;
  readonly listener: TopicListener;
  state: TopicState<W>;
  lease: TopicLease;
  ready: Promise<void>;
  resubscribing: boolean;
  closed: boolean;
}

const managerIds = new WeakMap<TopicManager, number>();
let nextManagerId = 1;
function managerKey(manager: TopicManager): number {
  let id = managerIds.get(manager);
  if (id === undefined) {
    id = nextManagerId++;
    managerIds.set(manager, id);
  }
  return id;
}

/**
 * One venue subscription per topic whatever the number of consumers, like core's `openStream`,
 * plus state kept per topic (not per consumer): a consumer that joins after the snapshot still
 * gets the current ticker or book, and a book can ask for a fresh snapshot by resubscribing.
 */
export class StreamHub {
  readonly #exchange: string;
  readonly #onFrame: ((message: unknown) => void) | undefined;
  readonly #entries = new Map<string, Entry<unknown>>();
  #closed = false;

  /** `onFrame` sees every frame a topic receives, before its state does. */
  constructor(exchange: string, onFrame?: (message: unknown) => void) {
    this.#exchange = exchange;
    this.#onFrame = onFrame;
  }

  open<W, T>(options: OpenOptions<W, T>): Subscription<T> {
    let attached: Consumer<W> | undefined;
    let entry: Entry<W> | undefined;
    const sinkRef: { sink?: SubscriptionSink<T> } = {};
    const ready = (async () => {
      if (this.#closed) throw new ClosedError(`${this.#exchange}: streams closed`, { exchange: this.#exchange });
      const spec = await options.spec();
      const sink = sinkRef.sink as SubscriptionSink<T>;
      if (sink.closed) return;
      if (this.#closed) throw new ClosedError(`${this.#exchange}: streams closed`, { exchange: this.#exchange });
      entry = this.#entry(spec);
      attached = { sink: sink as SubscriptionSink<unknown>, project: spec.project };
      entry.consumers.add(attached as Consumer<W>);
      const current = entry.state.current?.();
      if (current !== undefined) this.#deliver(attached as Consumer<W>, current, entry);
      await entry.ready;
      const after = options.afterReady;
      if (after !== undefined) {
        const manager = entry.manager;
        void after((item) => sink.push(item)).catch((err: unknown) => manager.report(this.#asError(err, `${options.label}: initial snapshot failed`)));
      }
    })();
    const sink = createSubscription<T>({
      topic: options.label,
      // `ticker BTC/USDT:USDT` → `streams.ticker`: the method errors of this stream name (CK-ER-08)
      method: `streams.${options.label.split(' ')[0] ?? 'stream'}`,
      mode: options.mode,
      ...(options.capacity !== undefined && { capacity: options.capacity }),
      exchange: this.#exchange,
      ready,
      onClose: () => {
        if (entry !== undefined && attached !== undefined) this.#detach(entry as Entry<unknown>, attached as Consumer<unknown>);
      },
      onListenerError: (err) => entry?.manager.report(this.#asError(err, `${options.label}: an onItem listener threw`)),
    });
    sinkRef.sink = sink;
    return sink.subscription;
  }

  /**
   * Delivers an item that did not come from the venue topic itself (a REST reconciliation) to the
   * consumers of `venueTopic` on `manager`, through their projections. Returns how many got it.
   */
  publish<W>(manager: TopicManager, venueTopic: string, item: W): number {
    const entry = this.#entries.get(`${managerKey(manager)}|${venueTopic}`) as Entry<W> | undefined;
    if (entry === undefined || entry.closed) return 0;
    for (const consumer of entry.consumers) this.#deliver(consumer, item, entry);
    return entry.consumers.size;
  }

  /** True while at least one consumer holds `venueTopic` on `manager`. */
  has(manager: TopicManager, venueTopic: string): boolean {
    const entry = this.#entries.get(`${managerKey(manager)}|${venueTopic}`);
    return entry !== undefined && !entry.closed && entry.consumers.size > 0;
  }

  /** Ends every stream on `manager` with `error` (e.g. its login was refused). */
  failManager(manager: TopicManager, error: ExchangeError): void {
    for (const entry of [...this.#entries.values()]) if (entry.manager === manager) this.#fail(entry, error);
  }

  /** Ends every stream with `error` (e.g. ClosedError on close). */
  closeAll(error: ExchangeError): void {
    this.#closed = true;
    for (const entry of [...this.#entries.values()]) this.#fail(entry, error);
  }

  #entry<W, T>(spec: StreamSpec<W, T>): Entry<W> {
    const key = `${managerKey(spec.manager)}|${spec.venueTopic}`;
    const existing = this.#entries.get(key) as Entry<W> | undefined;
    if (existing !== undefined && !existing.closed) return existing;
    const entry = {
      key,
      manager: spec.manager,
      venueTopic: spec.venueTopic,
      consumers: new Set<Consumer<W>>(),
      resubscribing: false,
      closed: false,
    } as Partial<Entry<W>> as Entry<W>;
    const control: TopicControl = {
      resubscribe: (reason) => this.#resubscribe(entry, reason),
      report: (error) => spec.manager.report(error),
    };
    entry.state = spec.createState(control);
    (entry as { listener: TopicListener }).listener = {
      onMessage: (message) => this.#onMessage(entry, message),
      onError: (error) => this.#fail(entry as Entry<unknown>, error),
    };
    entry.lease = spec.manager.subscribe(spec.venueTopic, entry.listener);
    entry.ready = entry.lease.ready;
    this.#entries.set(key, entry as Entry<unknown>);
    return entry;
  }

  #onMessage<W>(entry: Entry<W>, message: unknown): void {
    this.#onFrame?.(message);
    try {
      entry.state.onMessage(message, (item) => {
        for (const consumer of entry.consumers) this.#deliver(consumer, item, entry);
      });
    } catch (err) {
      entry.manager.report(
        err instanceof ExchangeError
          ? err
          : new UnexpectedResponseError(`${this.#exchange} ${entry.venueTopic}: could not map a frame: ${err instanceof Error ? err.message : String(err)}`, {
              exchange: this.#exchange,
              cause: err,
              details: { preview: scrubbedPreview(preview(message, 1_200), undefined) },
            }),
      );
    }
  }

  #deliver<W>(consumer: Consumer<W>, item: W, entry: Entry<W>): void {
    let projected: unknown;
    try {
      projected = consumer.project(item);
    } catch (err) {
      entry.manager.report(this.#asError(err, `${entry.venueTopic}: could not project an item`));
      return;
    }
    if (projected !== undefined) consumer.sink.push(projected);
  }

  #detach(entry: Entry<unknown>, consumer: Consumer<unknown>): void {
    entry.consumers.delete(consumer);
    if (entry.consumers.size > 0 || entry.closed) return;
    entry.closed = true;
    entry.lease.release();
    if (this.#entries.get(entry.key) === entry) this.#entries.delete(entry.key);
  }

  #fail(entry: Entry<unknown>, error: ExchangeError): void {
    if (entry.closed) return;
    entry.closed = true;
    entry.lease.release();
    if (this.#entries.get(entry.key) === entry) this.#entries.delete(entry.key);
    for (const consumer of [...entry.consumers]) consumer.sink.fail(error);
    entry.consumers.clear();
  }

  /**
   * Unsubscribes, then subscribes again once the manager has flushed the release (a microtask), so
   * the venue sees two frames and answers with a fresh snapshot (reference §6: "resubscribe to resync").
   */
  #resubscribe<W>(entry: Entry<W>, _reason: string): void {
    if (entry.closed || entry.resubscribing) return;
    entry.resubscribing = true;
    entry.lease.release();
    setTimeout(() => {
      entry.resubscribing = false;
      if (entry.closed) return;
      entry.lease = entry.manager.subscribe(entry.venueTopic, entry.listener);
      entry.lease.ready.catch(() => undefined);
    }, 0);
  }

  #asError(err: unknown, what: string): ExchangeError {
    if (err instanceof ExchangeError) return err;
    return new ExchangeError(`${this.#exchange}: ${what}: ${err instanceof Error ? err.message : String(err)}`, { exchange: this.#exchange, cause: err });
  }
}
