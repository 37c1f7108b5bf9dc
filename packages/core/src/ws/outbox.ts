import { NetworkError, RateLimitError } from '../errors/error-classes.js';
import type { ExchangeError } from '../errors/exchange-error.js';
import { Deque } from '../streams/deque.js';
import { safeCause } from '../transport/scrub.js';
import { SlidingWindow, type OutboundRateLimit } from './rate-window.js';

/** Marks a protocol-level ping in the queue (it goes through the rate limit like any frame). */
export const PROTOCOL_PING = Symbol('protocol-ping');
export type OutboxData = string | typeof PROTOCOL_PING;

/**
 * Lanes, in write priority:
 * - `ping`: heartbeats, never held back by the queue bound;
 * - `scoped`: frames for the current connection only (auth, subscribe): dropped with the connection,
 *   because the hooks resend what is still wanted on the next one;
 * - `held`: caller frames, kept across reconnects and written in order once the socket is ready.
 */
export type OutboxLane = 'ping' | 'scoped' | 'held';

interface Item {
  readonly data: OutboxData;
  readonly epoch: number | undefined;
  readonly resolve: () => void;
  readonly reject: (err: ExchangeError) => void;
}

export interface OutboxOptions {
  readonly exchange: string;
  readonly connection: string;
  /** Frames waiting (scoped + held) before `push` rejects with RateLimitError. */
  readonly maxQueued: number;
  readonly rateLimit?: OutboundRateLimit;
  readonly now: () => number;
}

/** The outbound side of a socket: bounded, ordered, optionally rate limited. */
export class Outbox {
  readonly #options: OutboxOptions;
  readonly #limiter: SlidingWindow | undefined;
  readonly #lanes = { ping: new Deque<Item>(), scoped: new Deque<Item>(), held: new Deque<Item>() };
  #writer: ((data: OutboxData) => Promise<void>) | undefined;
  #epoch = 0;
  #heldOpen = false;
  #timer: NodeJS.Timeout | undefined;
  #closedWith: ExchangeError | undefined;

  constructor(options: OutboxOptions) {
    this.#options = options;
    this.#limiter = options.rateLimit ? new SlidingWindow(options.rateLimit) : undefined;
  }

  get queued(): number {
    return this.#lanes.scoped.length + this.#lanes.held.length;
  }

  push(lane: OutboxLane, data: OutboxData, epoch?: number): Promise<void> {
    if (this.#closedWith) return Promise.reject(this.#closedWith);
    if (lane === 'scoped' && (this.#writer === undefined || epoch !== this.#epoch)) {
      return Promise.reject(this.#lost());
    }
    if (lane !== 'ping' && this.queued >= this.#options.maxQueued) {
      return Promise.reject(
        new RateLimitError(`outbound queue of ${this.#options.connection} is full (${this.#options.maxQueued} frames)`, {
          exchange: this.#options.exchange,
          code: 'outbound_queue_full',
          details: { connection: this.#options.connection },
        }),
      );
    }
    return new Promise<void>((resolve, reject) => {
      this.#lanes[lane].push({ data, epoch: lane === 'held' ? undefined : epoch, resolve, reject });
      this.#pump();
    });
  }

  /** The transport of connection `epoch` is open: ping and scoped frames may flow. */
  attach(epoch: number, writer: (data: OutboxData) => Promise<void>): void {
    this.#epoch = epoch;
    this.#writer = writer;
    this.#pump();
  }

  /** The connection finished its hooks: caller frames may flow too. */
  release(): void {
    this.#heldOpen = true;
    this.#pump();
  }

  /** The connection is gone: its own frames fail, caller frames wait for the next one. */
  detach(): void {
    this.#writer = undefined;
    this.#heldOpen = false;
    this.#clearTimer();
    const err = this.#lost();
    for (const item of this.#lanes.ping.drain()) item.reject(err);
    for (const item of this.#lanes.scoped.drain()) item.reject(err);
  }

  /** Rejects everything with `err`; later pushes reject with it too. */
  close(err: ExchangeError): void {
    this.#closedWith = err;
    this.#writer = undefined;
    this.#clearTimer();
    for (const lane of [this.#lanes.ping, this.#lanes.scoped, this.#lanes.held]) for (const item of lane.drain()) item.reject(err);
  }

  #next(): Deque<Item> | undefined {
    if (this.#lanes.ping.length > 0) return this.#lanes.ping;
    if (this.#lanes.scoped.length > 0) return this.#lanes.scoped;
    if (this.#heldOpen && this.#lanes.held.length > 0) return this.#lanes.held;
    return undefined;
  }

  #pump(): void {
    if (this.#timer) return; // a rate-limit wait is pending; it pumps when it fires
    for (;;) {
      const writer = this.#writer;
      const lane = this.#next();
      if (!writer || !lane) return;
      if (this.#limiter) {
        const wait = this.#limiter.waitMs(this.#options.now());
        if (wait > 0) {
          // unref: an open socket keeps the process alive; a closed one has no business waiting.
          this.#timer = setTimeout(() => {
            this.#timer = undefined;
            this.#pump();
          }, wait).unref();
          return;
        }
        this.#limiter.record(this.#options.now());
      }
      const item = lane.shift() as Item;
      if (item.epoch !== undefined && item.epoch !== this.#epoch) {
        item.reject(this.#lost());
        continue;
      }
      writer(item.data).then(item.resolve, item.reject);
    }
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #lost(): NetworkError {
    return new NetworkError(`${this.#options.connection}: connection lost before the frame was written`, {
      exchange: this.#options.exchange,
      cause: safeCause('ConnectionLost', `${this.#options.connection} closed with the frame still queued`),
      details: { connection: this.#options.connection },
    });
  }
}
