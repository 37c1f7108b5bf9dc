import { EventEmitter } from 'eventemitter3';
import { ClosedError, NetworkError } from '../errors/error-classes.js';
import { ExchangeError } from '../errors/exchange-error.js';
import { silentLogger, type Logger } from '../logging/logger.js';
import { systemClock, type Clock } from '../time/clock.js';
import { ReconnectingSocket } from './reconnecting-socket.js';
import type { ConnectionContext, ReconnectingSocketEvents, ReconnectingSocketOptions } from './socket-types.js';
import { batchTopics } from './topic-batches.js';
import { safeCause } from '../transport/scrub.js';
import type { SubscriptionAck, TopicProtocol } from './topic-protocol.js';

/** One consumer of one topic. */
export interface TopicListener {
  /** A data frame of the topic (as parsed JSON; the adapter maps it). */
  onMessage(message: unknown): void;
  /** The topic ended for good (refused, connection gave up, manager closed); nothing follows. */
  onError(error: ExchangeError): void;
}

/** A consumer's hold on a topic. */
export interface TopicLease {
  readonly topic: string;
  /** Resolves when the venue confirmed the topic; rejects with the typed refusal. */
  readonly ready: Promise<void>;
  /** Drops this consumer (idempotent); the last one out unsubscribes at the venue. */
  release(): void;
}

export interface TopicManagerOptions {
  /** Connection name; extra connections are named `<name>#2`, `<name>#3`, … */
  readonly name: string;
  readonly protocol: TopicProtocol;
  /** Options for every connection the manager opens (url, heartbeat, authenticate, …). */
  readonly socket: Omit<ReconnectingSocketOptions, 'name' | 'resubscribe'>;
}

/** The manager forwards every socket event except raw messages, and adds its own `error`s. */
export type TopicManagerEvents = Omit<ReconnectingSocketEvents, 'message'>;

interface Entry {
  readonly topic: string;
  readonly slot: Slot;
  readonly listeners: Set<TopicListener>;
  /** The connection epoch this topic was last sent on (0: never). */
  sentEpoch: number;
  confirmed: boolean;
  readonly ready: Promise<void>;
  readonly settle: { resolve: () => void; reject: (e: ExchangeError) => void };
}

interface Request {
  readonly reqId: string;
  readonly op: 'subscribe' | 'unsubscribe';
  readonly epoch: number;
  readonly entries: readonly Entry[];
  readonly timer: NodeJS.Timeout;
  readonly done: (error?: ExchangeError) => void;
}

/** One connection and the topics it carries. */
interface Slot {
  readonly socket: ReconnectingSocket;
  readonly entries: Map<string, Entry>;
  readonly requests: Map<string, Request>;
  /** The epoch whose subscriptions are all sent (0: none yet, or the connection is down). */
  liveEpoch: number;
  /** The epoch whose resync hook is running (0: none). */
  syncing: number;
  flushQueued: boolean;
  nextReq: number;
}

const noop = (): void => undefined;

/**
 * Ref-counted topics over one or more reconnecting sockets (siebly's WsStore idea): one venue
 * subscription per topic however many consumers; frames batched within venue limits; topics spread
 * over connections when one is full; subscribe/unsubscribe acks correlated; after a reconnect exactly
 * the topics still wanted are subscribed again, each once.
 */
export class TopicManager extends EventEmitter<TopicManagerEvents> {
  readonly #o: TopicManagerOptions;
  readonly #p: TopicProtocol;
  readonly #exchange: string;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #slots: Slot[] = [];
  readonly #entries = new Map<string, Entry>();
  #created = 0;
  #closing: Promise<void> | undefined;

  constructor(options: TopicManagerOptions) {
    super();
    this.#o = options;
    this.#p = options.protocol;
    this.#exchange = options.socket.exchange ?? 'exkit';
    this.#clock = options.socket.clock ?? systemClock;
    this.#log = options.socket.logger ?? silentLogger;
  }

  /** Topics currently wanted (each once). */
  get topics(): readonly string[] {
    return [...this.#entries.keys()];
  }

  /** Open connections. */
  get connections(): readonly ReconnectingSocket[] {
    return this.#slots.map((s) => s.socket);
  }

  /** Opens the first connection now, before any topic (e.g. a private socket a venue pushes to after login). */
  connect(): void {
    if (!this.#closing && this.#slots.length === 0) this.#openSlot();
  }

  /** Adds a consumer of `topic`; the first one subscribes at the venue. */
  subscribe(topic: string, listener: TopicListener): TopicLease {
    if (this.#closing) {
      const error = new ClosedError(`${this.#o.name} is closed`, { exchange: this.#exchange });
      const ready = Promise.reject(error);
      ready.catch(noop);
      queueMicrotask(() => this.#deliverError(listener, error));
      return { topic, ready, release: noop };
    }
    let entry = this.#entries.get(topic);
    if (!entry) {
      entry = this.#createEntry(topic, this.#slotWithRoom());
      this.#schedule(entry.slot);
    }
    entry.listeners.add(listener);
    const held = entry;
    let released = false;
    return {
      topic,
      ready: held.ready,
      release: () => {
        if (released) return;
        released = true;
        held.listeners.delete(listener);
        if (held.listeners.size === 0) this.#schedule(held.slot);
      },
    };
  }

  /** Emits a non-terminal `error` event for this manager (e.g. a frame an adapter could not map). */
  report(error: ExchangeError): void {
    this.#emit('error', { connection: this.#o.name, error, terminal: false, at: this.#clock.now() });
  }

  /** Closes every connection; consumers still holding topics get ClosedError. Idempotent. */
  close(): Promise<void> {
    if (this.#closing) return this.#closing;
    const error = new ClosedError(`${this.#o.name} is closed`, { exchange: this.#exchange });
    for (const entry of [...this.#entries.values()]) this.#fail(entry, error);
    const slots = this.#slots.splice(0);
    for (const slot of slots) this.#clearRequests(slot, error);
    this.#closing = Promise.all(slots.map((s) => s.socket.close())).then(() => {
      this.removeAllListeners();
    });
    return this.#closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  // ---- connections ------------------------------------------------------------------------------

  #slotWithRoom(): Slot {
    const cap = this.#p.maxTopicsPerConnection ?? Infinity;
    return this.#slots.find((s) => s.entries.size < cap) ?? this.#openSlot();
  }

  #openSlot(): Slot {
    this.#created++;
    const name = this.#created === 1 ? this.#o.name : `${this.#o.name}#${this.#created}`;
    const socket = new ReconnectingSocket({ ...this.#o.socket, name, resubscribe: (ctx) => this.#resync(slot, ctx) });
    const slot: Slot = { socket, entries: new Map(), requests: new Map(), liveEpoch: 0, syncing: 0, flushQueued: false, nextReq: 0 };
    this.#slots.push(slot);
    socket.on('message', (m) => this.#onMessage(slot, m));
    socket.on('reconnecting', (e) => {
      slot.liveEpoch = 0; // nothing is subscribed until the hook of the next connection ran
      // Replies to these can never come; clearing them keeps FIFO matching honest on the next connection.
      this.#clearRequests(slot, new NetworkError(`${name}: connection lost (${e.reason})`, { exchange: this.#exchange, cause: safeCause('ConnectionLost', e.reason) }));
    });
    socket.on('error', (e) => {
      if (e.terminal) this.#abandon(slot, e.error);
    });
    // Lifecycle events pass through unchanged (same payloads), so an exchange forwards one emitter.
    const untyped = socket as EventEmitter;
    for (const event of ['open', 'ready', 'reconnecting', 'resubscribed', 'closed', 'error', 'dropped'] as const) {
      untyped.on(event, (e: unknown) => this.#emitUntyped(event, e));
    }
    socket.start();
    return slot;
  }

  /** The socket gave up: its topics end with its terminal error; a later subscribe opens a fresh connection. */
  #abandon(slot: Slot, error: ExchangeError): void {
    const i = this.#slots.indexOf(slot);
    if (i >= 0) this.#slots.splice(i, 1);
    this.#clearRequests(slot, error);
    for (const entry of [...slot.entries.values()]) this.#fail(entry, error);
  }

  // ---- subscribing ------------------------------------------------------------------------------

  #createEntry(topic: string, slot: Slot): Entry {
    let settle!: Entry['settle'];
    const ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    ready.catch(noop); // consumers may never look at `ready`; a refusal still reaches them through onError
    const entry: Entry = { topic, slot, listeners: new Set(), sentEpoch: 0, confirmed: false, ready, settle };
    slot.entries.set(topic, entry);
    this.#entries.set(topic, entry);
    return entry;
  }

  /** Batches everything decided in this tick (many `subscribe` calls in a loop → one frame). */
  #schedule(slot: Slot): void {
    if (slot.flushQueued) return;
    slot.flushQueued = true;
    queueMicrotask(() => this.#flush(slot));
  }

  #isLive(slot: Slot): boolean {
    return slot.syncing === 0 && slot.liveEpoch !== 0 && slot.liveEpoch === slot.socket.epoch && !this.#closing;
  }

  #flush(slot: Slot): void {
    slot.flushQueued = false;
    if (this.#closing || !this.#slots.includes(slot)) return;
    if (slot.syncing !== 0) return; // the resync loop sends new topics; it reschedules us for releases
    const live = this.#isLive(slot);
    const gone: Entry[] = [];
    for (const entry of slot.entries.values()) if (entry.listeners.size === 0) gone.push(entry);
    for (const entry of gone) this.#remove(entry);
    if (!live) return; // down: dropped topics are simply not resubscribed, new ones wait for the next connection
    const epoch = slot.liveEpoch;
    const unsubscribe = this.#p.unsubscribe;
    const wasSent = gone.filter((e) => e.sentEpoch === epoch);
    if (unsubscribe && wasSent.length > 0) {
      for (const batch of this.#batches(wasSent)) {
        this.#request(slot, 'unsubscribe', batch, epoch).catch(noop); // lost connection: nothing left to unsubscribe
      }
    }
    const fresh = [...slot.entries.values()].filter((e) => e.sentEpoch !== epoch);
    for (const batch of this.#batches(fresh)) {
      // Rejects only when the connection is lost: the next connection's resync sends these again.
      this.#request(slot, 'subscribe', batch, epoch).catch(noop);
    }
  }

  /** The resubscribe hook of every connection of `slot`: subscribe everything still wanted, each once. */
  async #resync(slot: Slot, ctx: ConnectionContext): Promise<readonly string[]> {
    slot.syncing = ctx.epoch;
    try {
      for (;;) {
        // Released before being sent here: just forget it. Released after: the flush below unsubscribes it.
        for (const entry of [...slot.entries.values()]) if (entry.listeners.size === 0 && entry.sentEpoch !== ctx.epoch) this.#remove(entry);
        const todo = [...slot.entries.values()].filter((e) => e.sentEpoch !== ctx.epoch);
        if (todo.length === 0) break;
        // Refusals and ack timeouts settle their own topics; only a lost connection rejects (and ends this hook).
        await Promise.all(this.#batches(todo).map((batch) => this.#request(slot, 'subscribe', batch, ctx.epoch)));
      }
      slot.liveEpoch = ctx.epoch;
      return [...slot.entries.values()].filter((e) => e.confirmed && e.sentEpoch === ctx.epoch && e.listeners.size > 0).map((e) => e.topic);
    } finally {
      if (slot.syncing === ctx.epoch) slot.syncing = 0; // a newer connection's resync may be running
      this.#schedule(slot); // releases and subscribes that arrived while syncing
    }
  }

  #batches(entries: readonly Entry[]): Entry[][] {
    const byTopic = new Map(entries.map((e) => [e.topic, e]));
    return batchTopics([...byTopic.keys()], this.#p.maxTopicsPerFrame, this.#p.maxFrameChars).map((b) =>
      b.map((t) => byTopic.get(t) as Entry),
    );
  }

  /**
   * Sends one frame and settles its topics: confirmed on ack (or on write with `confirm: 'write'`),
   * failed on refusal or when no ack comes in time (a retryable NetworkError — no reconnect loop over
   * a topic the venue ignores). Rejects only when the connection is lost before the frame is written.
   */
  #request(slot: Slot, op: 'subscribe' | 'unsubscribe', entries: readonly Entry[], epoch: number): Promise<void> {
    const reqId = String(++slot.nextReq);
    const topics = entries.map((e) => e.topic);
    const failAll = (error: ExchangeError): void => {
      if (op !== 'subscribe') {
        this.#report(slot, error);
        return;
      }
      for (const e of entries) if (e.sentEpoch === epoch && slot.entries.get(e.topic) === e) this.#fail(e, error);
    };
    let frame;
    try {
      frame = op === 'subscribe' ? this.#p.subscribe(topics, reqId) : this.#p.unsubscribe?.(topics, reqId);
    } catch (err) {
      if (op === 'subscribe') for (const e of entries) e.sentEpoch = epoch;
      failAll(this.#asError(err, `could not build the ${op} frame`));
      return Promise.resolve();
    }
    if (frame === undefined) return Promise.resolve();
    if (op === 'subscribe') for (const e of entries) e.sentEpoch = epoch;
    const written = slot.socket.sendNow(frame, epoch);
    if ((this.#p.confirm ?? 'ack') === 'write') {
      return written.then(() => {
        if (op === 'subscribe') for (const e of entries) if (e.sentEpoch === epoch) this.#confirm(e);
      });
    }
    return new Promise<void>((resolve, reject) => {
      const timeoutMs = this.#p.ackTimeoutMs ?? 10_000;
      const request: Request = {
        reqId,
        op,
        epoch,
        entries,
        timer: setTimeout(() => {
          slot.requests.delete(reqId);
          const error = new NetworkError(`${slot.socket.name}: ${op} of ${topics.length} topic(s) not acknowledged within ${timeoutMs} ms`, {
            exchange: this.#exchange,
            code: 'ack_timeout',
            cause: safeCause('TimeoutError', `the ${op} ack timer of ${timeoutMs} ms fired`),
            details: { connection: slot.socket.name, topics: topics.slice(0, 20) },
          });
          if (op === 'subscribe') failAll(error);
          else this.#log.debug({ connection: slot.socket.name, topics }, 'unsubscribe not acknowledged');
          resolve();
        }, timeoutMs).unref(),
        done: (error) => (error ? reject(error) : resolve()),
      };
      slot.requests.set(reqId, request);
      written.catch((err: unknown) => {
        if (!slot.requests.delete(reqId)) return;
        clearTimeout(request.timer);
        reject(this.#asError(err, `${op} not written`));
      });
    });
  }

  // ---- inbound ----------------------------------------------------------------------------------

  #onMessage(slot: Slot, message: unknown): void {
    let ack: SubscriptionAck | undefined;
    let topics: string | readonly string[] | undefined;
    try {
      ack = this.#p.parseAck?.(message);
      if (!ack) topics = this.#p.topicOf(message);
    } catch (err) {
      this.#report(slot, this.#asError(err, 'the protocol could not read a frame'));
      return;
    }
    if (ack) {
      this.#onAck(slot, ack);
      return;
    }
    if (topics === undefined) return;
    for (const topic of typeof topics === 'string' ? [topics] : topics) {
      const entry = slot.entries.get(topic);
      if (!entry) continue; // late data for a released topic
      for (const listener of entry.listeners) {
        try {
          listener.onMessage(message);
        } catch (err) {
          this.#report(slot, this.#asError(err, `a listener of ${topic} threw`));
        }
      }
    }
  }

  #onAck(slot: Slot, ack: SubscriptionAck): void {
    let request: Request | undefined;
    if (ack.reqId !== undefined) request = slot.requests.get(ack.reqId);
    else for (const r of slot.requests.values()) if (r.op === ack.op) {
      request = r;
      break;
    }
    if (!request || request.op !== ack.op) {
      // Not ours to correlate: a late refusal that names its topics still ends them.
      if (ack.error && ack.refused) {
        for (const topic of ack.refused) {
          const entry = slot.entries.get(topic);
          if (entry) this.#fail(entry, ack.error);
        }
      } else if (ack.error) this.#report(slot, ack.error);
      return;
    }
    slot.requests.delete(request.reqId);
    clearTimeout(request.timer);
    if (request.op === 'subscribe') {
      const refused = ack.error ? new Set(ack.refused ?? request.entries.map((e) => e.topic)) : undefined;
      for (const entry of request.entries) {
        if (entry.sentEpoch !== request.epoch || slot.entries.get(entry.topic) !== entry) continue;
        if (refused?.has(entry.topic)) this.#fail(entry, ack.error as ExchangeError);
        else this.#confirm(entry);
      }
    } else if (ack.error) {
      this.#report(slot, ack.error);
    }
    request.done();
  }

  // ---- settling ---------------------------------------------------------------------------------

  #confirm(entry: Entry): void {
    if (entry.confirmed) return;
    entry.confirmed = true;
    entry.settle.resolve();
  }

  /** Ends a topic for all its consumers. */
  #fail(entry: Entry, error: ExchangeError): void {
    this.#remove(entry);
    entry.settle.reject(error);
    const listeners = [...entry.listeners];
    entry.listeners.clear();
    for (const listener of listeners) this.#deliverError(listener, error);
  }

  #remove(entry: Entry): void {
    if (entry.slot.entries.get(entry.topic) === entry) entry.slot.entries.delete(entry.topic);
    if (this.#entries.get(entry.topic) === entry) this.#entries.delete(entry.topic);
  }

  #deliverError(listener: TopicListener, error: ExchangeError): void {
    try {
      listener.onError(error);
    } catch (err) {
      this.#log.error({ err }, 'a topic listener threw in onError');
    }
  }

  #clearRequests(slot: Slot, error: ExchangeError): void {
    for (const request of slot.requests.values()) {
      clearTimeout(request.timer);
      request.done(error);
    }
    slot.requests.clear();
  }

  #report(slot: Slot, error: ExchangeError): void {
    this.#emit('error', { connection: slot.socket.name, error, terminal: false, at: this.#clock.now() });
  }

  #emit<E extends keyof TopicManagerEvents>(event: E, ...args: Parameters<TopicManagerEvents[E]>): void {
    try {
      (this.emit as (event: E, ...args: Parameters<TopicManagerEvents[E]>) => boolean)(event, ...args);
    } catch (err) {
      this.#log.error({ err, event }, 'a topic manager listener threw');
    }
  }

  #emitUntyped(event: keyof TopicManagerEvents, payload: unknown): void {
    try {
      (this as EventEmitter).emit(event, payload);
    } catch (err) {
      this.#log.error({ err, event }, 'a topic manager listener threw');
    }
  }

  #asError(err: unknown, what: string): ExchangeError {
    if (err instanceof ExchangeError) return err;
    const message = err instanceof Error ? err.message : String(err);
    const redactor = this.#o.socket.redactor;
    return new ExchangeError(`${this.#o.name}: ${what}: ${redactor ? redactor.scrub(message) : message}`, {
      exchange: this.#exchange,
      cause: err,
    });
  }
}
