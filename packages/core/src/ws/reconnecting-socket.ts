import { EventEmitter } from 'eventemitter3';
import WebSocket, { type RawData } from 'ws';
import { ClosedError, InvalidArgumentError, NetworkError } from '../errors/error-classes.js';
import { ExchangeError } from '../errors/exchange-error.js';
import { silentLogger, type Logger } from '../logging/logger.js';
import { systemClock, type Clock } from '../time/clock.js';
import { backoffDelay, budgetExhausted } from './backoff.js';
import { safeCause } from '../transport/scrub.js';
import { decodeFrame, encodeFrame, type OutboundFrame } from './frames.js';
import { Heartbeat } from './heartbeat.js';
import { Outbox, PROTOCOL_PING, type OutboxData } from './outbox.js';
import type {
  ConnectionContext,
  ReconnectingSocketEvents,
  ReconnectingSocketOptions,
  SocketState,
} from './socket-types.js';

interface Waiter {
  readonly match: (message: unknown) => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (err: ExchangeError) => void;
  readonly timer: NodeJS.Timeout;
}

/** One transport attempt. Handlers check `conn === this.#conn`, so a stale socket can never act. */
interface Conn {
  readonly epoch: number;
  readonly ws: WebSocket;
  readonly abort: AbortController;
  readonly waiters: Set<Waiter>;
  heartbeat?: Heartbeat;
  connectTimer?: NodeJS.Timeout;
  opened: boolean;
  dropReason?: string;
  lastError?: Error;
}

const noop = (): void => undefined;

/**
 * A WebSocket that stays connected: heartbeat with pong timeout, exponential backoff with equal
 * jitter (never shrinking within an outage) and a budget, after-connect hooks (authenticate, then resubscribe), a bounded and
 * optionally rate-limited outbound queue, and safe parsing of inbound frames.
 *
 * Nothing escapes: socket errors, hook failures and listener exceptions become `error` events
 * (eventemitter3 does not throw on an unheard `error`), never unhandled rejections.
 */
export class ReconnectingSocket extends EventEmitter<ReconnectingSocketEvents> {
  readonly name: string;
  readonly #o: ReconnectingSocketOptions;
  readonly #exchange: string;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #outbox: Outbox;
  #state: SocketState = 'idle';
  #epoch = 0;
  #conn: Conn | undefined;
  #attempt = 0;
  /** The delay before the previous attempt of this outage: the next one never waits less. */
  #lastDelayMs = 0;
  /** Why the connection last went down (scrubbed): the cause of a give-up or "not connected" error. */
  #lastCause: Error | undefined;
  #downSince: number | undefined;
  #everReady = false;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #closing: Promise<void> | undefined;
  /** Set first thing in shutdown, before any socket call that could emit. */
  #stopping = false;
  #closeDone: (() => void) | undefined;
  #closeError: ExchangeError | undefined;

  constructor(options: ReconnectingSocketOptions) {
    super();
    const hb = options.heartbeat;
    if (hb && typeof hb.ping === 'function' && !hb.isPong) {
      throw new InvalidArgumentError('an app-level ping needs isPong to recognise the reply', { exchange: options.exchange ?? 'exkit' });
    }
    this.#o = options;
    this.name = options.name;
    this.#exchange = options.exchange ?? 'exkit';
    this.#clock = options.clock ?? systemClock;
    this.#log = options.logger ?? silentLogger;
    this.#outbox = new Outbox({
      exchange: this.#exchange,
      connection: this.name,
      maxQueued: options.maxQueued ?? 1_000,
      ...(options.rateLimit && { rateLimit: options.rateLimit }),
      now: () => this.#clock.now(),
    });
  }

  get state(): SocketState {
    return this.#state;
  }

  /** The current (or last) connection number. */
  get epoch(): number {
    return this.#epoch;
  }

  get isReady(): boolean {
    return this.#state === 'ready';
  }

  /** Starts connecting (idempotent; a no-op after close). */
  start(): void {
    if (this.#state === 'idle') this.#connect();
  }

  /**
   * Sends a caller frame: written now when ready, otherwise held (in order, across reconnects) until
   * the hooks of the next connection are done. Rejects RateLimitError when the queue is full and
   * ClosedError after close.
   */
  send(frame: OutboundFrame): Promise<void> {
    try {
      return this.#outbox.push('held', encodeFrame(frame));
    } catch (err) {
      return Promise.reject(this.#wrap(err, 'could not encode frame'));
    }
  }

  /**
   * Writes on the current connection only, ahead of held frames (subscribe/unsubscribe traffic).
   * Rejects NetworkError when not connected, or when `epoch` is given and is no longer current.
   */
  sendNow(frame: OutboundFrame, epoch: number = this.#epoch): Promise<void> {
    try {
      return this.#outbox.push('scoped', encodeFrame(frame), epoch);
    } catch (err) {
      return Promise.reject(this.#wrap(err, 'could not encode frame'));
    }
  }

  /** Closes for good: clears every timer, rejects queued frames with ClosedError, resolves once the socket is closed. */
  close(): Promise<void> {
    return this.#shutdown(new ClosedError(`${this.name} is closed`, { exchange: this.#exchange, details: { connection: this.name } }));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  // ---- connecting -------------------------------------------------------------------------------

  #connect(): void {
    this.#reconnectTimer = undefined;
    if (this.#stopping) return;
    this.#state = 'connecting';
    const epoch = ++this.#epoch;
    const url = this.#o.url;
    if (typeof url === 'string') {
      this.#dial(epoch, url);
      return;
    }
    Promise.resolve()
      .then(url)
      .then(
        (resolved) => this.#dial(epoch, resolved),
        (err: unknown) => {
          if (this.#stopping || epoch !== this.#epoch) return;
          const error = this.#wrap(err, 'could not resolve the URL');
          this.#emitError(error, false);
          this.#scheduleReconnect(error.message, error);
        },
      );
  }

  #dial(epoch: number, url: string): void {
    if (this.#stopping || epoch !== this.#epoch) return;
    let ws: WebSocket;
    try {
      ws = new WebSocket(url, { perMessageDeflate: false, ...this.#o.wsOptions });
    } catch (err) {
      const error = this.#wrap(err, 'could not open the socket');
      this.#emitError(error, false);
      this.#scheduleReconnect(error.message, error);
      return;
    }
    const conn: Conn = { epoch, ws, abort: new AbortController(), waiters: new Set(), opened: false };
    this.#conn = conn;
    ws.on('open', () => this.#onOpen(conn));
    ws.on('message', (data: RawData) => this.#onMessage(conn, data));
    ws.on('pong', () => conn.heartbeat?.pong());
    ws.on('error', (err: Error) => this.#onWsError(conn, err));
    ws.on('close', (code: number, reason: Buffer) => this.#onClose(conn, code, reason));
    conn.connectTimer = setTimeout(() => {
      conn.dropReason = `connect timeout after ${this.#o.connectTimeoutMs ?? 10_000} ms`;
      ws.terminate();
    }, this.#o.connectTimeoutMs ?? 10_000).unref();
  }

  #onOpen(conn: Conn): void {
    if (conn !== this.#conn || this.#stopping) return;
    clearTimeout(conn.connectTimer);
    conn.opened = true;
    this.#state = 'authenticating';
    this.#outbox.attach(conn.epoch, (data) => this.#write(conn, data));
    const hb = this.#o.heartbeat;
    if (hb !== false) {
      const opts = hb ?? {};
      conn.heartbeat = new Heartbeat(
        opts,
        () => {
          try {
            const ping = opts.ping;
            const data: OutboxData = ping === undefined || ping === 'protocol' ? PROTOCOL_PING : encodeFrame(ping());
            return this.#outbox.push('ping', data, conn.epoch);
          } catch (err) {
            return Promise.reject(this.#wrap(err, 'could not build the ping'));
          }
        },
        (reason) => this.#drop(conn, reason),
      );
      conn.heartbeat.start();
    }
    this.#log.debug({ connection: this.name, epoch: conn.epoch }, 'ws open');
    this.#emit('open', { connection: this.name, epoch: conn.epoch, at: this.#clock.now() });
    void this.#runHooks(conn);
  }

  async #runHooks(conn: Conn): Promise<void> {
    const ctx = this.#context(conn);
    let stage = 'authenticate';
    try {
      if (this.#o.authenticate) await this.#bounded(this.#o.authenticate(ctx), stage);
      if (!this.#isCurrent(conn)) return;
      stage = 'resubscribe';
      const topics = this.#o.resubscribe ? await this.#bounded(this.#o.resubscribe(ctx), stage) : [];
      if (!this.#isCurrent(conn)) return;
      const reconnect = this.#everReady;
      this.#state = 'ready';
      this.#attempt = 0;
      this.#lastDelayMs = 0;
      this.#downSince = undefined;
      this.#everReady = true;
      if (reconnect) this.#emit('resubscribed', { connection: this.name, topics: [...topics], at: this.#clock.now() });
      this.#emit('ready', { connection: this.name, epoch: conn.epoch, at: this.#clock.now() });
      this.#outbox.release();
    } catch (err) {
      // A drop mid-hook is reported by the close handler; only a hook's own failure is news here.
      if (!this.#isCurrent(conn)) return;
      const error = this.#wrap(err, `${stage} failed`);
      this.#emitError(error, false);
      this.#drop(conn, `${stage} failed: ${error.message}`);
    }
  }

  /** A hook that never settles must not wedge a live connection in 'authenticating'. */
  #bounded<T>(hook: Promise<T>, stage: string): Promise<T> {
    const ms = this.#o.hookTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new NetworkError(`${this.name}: ${stage} did not finish within ${ms} ms`, {
              exchange: this.#exchange,
              cause: safeCause('TimeoutError', `the ${stage} hook timer of ${ms} ms fired`),
              details: { connection: this.name },
            }),
          ),
        ms,
      ).unref();
    });
    return Promise.race([hook, timeout]).finally(() => clearTimeout(timer));
  }

  #context(conn: Conn): ConnectionContext {
    return {
      epoch: conn.epoch,
      reconnect: this.#everReady,
      signal: conn.abort.signal,
      send: (frame) => this.sendNow(frame, conn.epoch),
      waitFor: <R>(match: (message: unknown) => R | undefined, timeoutMs = this.#o.waitTimeoutMs ?? 10_000) => {
        const reply = new Promise<R>((resolve, reject) => {
          if (!this.#isCurrent(conn)) {
            reject(this.#lost());
            return;
          }
          const waiter: Waiter = {
            match,
            resolve: resolve as (value: unknown) => void,
            reject,
            timer: setTimeout(() => {
              conn.waiters.delete(waiter);
              reject(
                new NetworkError(`${this.name}: no matching reply within ${timeoutMs} ms`, {
                  exchange: this.#exchange,
                  cause: safeCause('TimeoutError', `the reply timer of ${timeoutMs} ms fired`),
                  details: { connection: this.name },
                }),
              );
            }, timeoutMs).unref(),
          };
          conn.waiters.add(waiter);
        });
        // Pre-handled: a hook may register the waiter, then fail on send and never await it.
        reply.catch(noop);
        return reply;
      },
    };
  }

  // ---- inbound ----------------------------------------------------------------------------------

  #onMessage(conn: Conn, data: RawData): void {
    if (conn !== this.#conn) return;
    const frame = decodeFrame(data, this.#o.redactor);
    if (!frame.ok) {
      this.#emit('dropped', { connection: this.name, reason: frame.reason, preview: frame.preview, at: this.#clock.now() });
      return;
    }
    const message = frame.value;
    const hb = this.#o.heartbeat;
    if (hb && hb.isPong && this.#safeTest(hb.isPong, message)) {
      conn.heartbeat?.pong();
      return;
    }
    for (const waiter of conn.waiters) {
      let result: unknown;
      try {
        result = waiter.match(message);
      } catch {
        continue; // a throwing matcher does not match
      }
      if (result !== undefined) {
        conn.waiters.delete(waiter);
        clearTimeout(waiter.timer);
        waiter.resolve(result);
        return;
      }
    }
    this.#emit('message', message);
  }

  #onWsError(conn: Conn, err: Error): void {
    conn.lastError = err;
    if (conn !== this.#conn || this.#stopping) return;
    // ws always follows an error with 'close', which schedules the reconnect.
    this.#emitError(this.#wrap(err, 'socket error'), false);
  }

  #onClose(conn: Conn, code: number, reason: Buffer): void {
    this.#release(conn, this.#closeError ?? this.#lost());
    conn.ws.removeAllListeners();
    conn.ws.on('error', noop); // a late error on a dead socket must not become an uncaught exception
    if (conn !== this.#conn) return;
    this.#conn = undefined;
    this.#outbox.detach();
    if (this.#stopping) {
      this.#closeDone?.();
      return;
    }
    const text = this.#scrub(reason.toString('utf8'));
    const why =
      conn.dropReason ??
      (conn.opened
        ? `closed by peer (code ${code}${text ? `: ${text}` : ''})`
        : `connect failed: ${conn.lastError ? this.#scrub(conn.lastError.message) : `code ${code}`}`);
    this.#log.debug({ connection: this.name, epoch: conn.epoch, reason: why }, 'ws closed');
    this.#scheduleReconnect(why, safeCause(conn.lastError && !conn.opened ? conn.lastError.name : 'ConnectionClosed', why, conn.opened ? code : undefined));
  }

  // ---- reconnecting -----------------------------------------------------------------------------

  #drop(conn: Conn, reason: string): void {
    if (conn !== this.#conn) return;
    conn.dropReason ??= reason;
    conn.ws.terminate(); // 'close' follows and schedules the reconnect
  }

  #scheduleReconnect(reason: string, cause?: Error): void {
    // Kept (scrubbed) as the cause of a later give-up or "not connected" error.
    this.#lastCause = cause ?? safeCause('ConnectionLost', reason);
    const now = this.#clock.now();
    this.#downSince ??= now;
    this.#attempt++;
    if (budgetExhausted(this.#o.budget ?? {}, this.#attempt, now - this.#downSince)) {
      const error = new NetworkError(
        `${this.name}: gave up reconnecting after ${this.#attempt - 1} attempt(s) and ${now - this.#downSince} ms down (last: ${reason})`,
        { exchange: this.#exchange, cause: this.#lastCause, details: { connection: this.name, attempts: this.#attempt - 1, downMs: now - this.#downSince } },
      );
      this.#emitError(error, true);
      void this.#shutdown(error);
      return;
    }
    const delayMs = backoffDelay(this.#attempt, this.#o.backoff, this.#lastDelayMs);
    this.#lastDelayMs = delayMs;
    this.#state = 'backoff';
    this.#emit('reconnecting', { connection: this.name, attempt: this.#attempt, delayMs, reason, at: now });
    // Deliberately ref'd: a process whose only work is this stream must not exit mid-reconnect.
    this.#reconnectTimer = setTimeout(() => this.#connect(), delayMs);
  }

  // ---- closing ----------------------------------------------------------------------------------

  #shutdown(error: ExchangeError): Promise<void> {
    if (this.#closing) return this.#closing;
    this.#stopping = true;
    this.#state = 'closing';
    this.#closeError = error;
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    this.#outbox.close(error);
    const conn = this.#conn;
    const closed = new Promise<void>((resolve) => {
      if (!conn) {
        resolve();
        return;
      }
      this.#release(conn, error);
      let fallback: NodeJS.Timeout | undefined;
      this.#closeDone = () => {
        if (fallback) clearTimeout(fallback);
        resolve();
      };
      if (conn.ws.readyState === WebSocket.OPEN) {
        conn.ws.close(1000);
        // ws waits up to 30 s for the peer's close frame; we cut it short.
        fallback = setTimeout(() => conn.ws.terminate(), this.#o.closeTimeoutMs ?? 1_000);
      } else {
        conn.ws.terminate();
      }
    });
    this.#closing = closed.then(() => {
      this.#state = 'closed';
      this.#closeDone = undefined;
      this.#emit('closed', { connection: this.name, at: this.#clock.now() });
      this.removeAllListeners();
    });
    return this.#closing;
  }

  /** Stops everything bound to one connection. */
  #release(conn: Conn, error: ExchangeError): void {
    clearTimeout(conn.connectTimer);
    conn.heartbeat?.stop();
    conn.abort.abort(error);
    for (const waiter of conn.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    conn.waiters.clear();
  }

  // ---- helpers ----------------------------------------------------------------------------------

  #write(conn: Conn, data: OutboxData): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (conn !== this.#conn || conn.ws.readyState !== WebSocket.OPEN) {
        reject(this.#lost());
        return;
      }
      const done = (err?: Error): void => (err ? reject(this.#wrap(err, 'write failed')) : resolve());
      try {
        if (data === PROTOCOL_PING) conn.ws.ping(undefined, undefined, done);
        else conn.ws.send(data, done);
      } catch (err) {
        reject(this.#wrap(err, 'write failed'));
      }
    });
  }

  #isCurrent(conn: Conn): boolean {
    return conn === this.#conn && !this.#stopping && conn.ws.readyState === WebSocket.OPEN;
  }

  #safeTest(test: (message: unknown) => boolean, message: unknown): boolean {
    try {
      return test(message);
    } catch {
      return false;
    }
  }

  #emit<E extends keyof ReconnectingSocketEvents>(event: E, ...args: Parameters<ReconnectingSocketEvents[E]>): void {
    try {
      (this.emit as (event: E, ...args: Parameters<ReconnectingSocketEvents[E]>) => boolean)(event, ...args);
    } catch (err) {
      // A consumer's listener threw: report it, never let it unwind into ws internals.
      if (event === 'error') this.#log.error({ connection: this.name, err }, 'error listener threw');
      else this.#emitError(this.#wrap(err, `a '${String(event)}' listener threw`, ExchangeError), false);
    }
  }

  #emitError(error: ExchangeError, terminal: boolean): void {
    this.#log.warn({ connection: this.name, err: error.toJSON(), terminal }, 'ws error');
    this.#emit('error', { connection: this.name, error, terminal, at: this.#clock.now() });
  }

  /** Keeps typed errors as they are; anything else becomes a NetworkError (or `as`) with a scrubbed message. */
  #wrap(err: unknown, what: string, as: typeof ExchangeError = NetworkError): ExchangeError {
    if (err instanceof ExchangeError) return err;
    const message = err instanceof Error ? err.message : String(err);
    return new as(`${this.name}: ${what}: ${this.#scrub(message)}`, {
      exchange: this.#exchange,
      cause: err,
      details: { connection: this.name },
    });
  }

  #lost(): NetworkError {
    const why = this.#lastCause?.message ?? 'the connection is down';
    return new NetworkError(`${this.name}: not connected`, {
      exchange: this.#exchange,
      cause: this.#lastCause ?? safeCause('ConnectionLost', why),
      details: { connection: this.name },
    });
  }

  #scrub(text: string): string {
    return this.#o.redactor ? this.#o.redactor.scrub(text) : text;
  }
}
