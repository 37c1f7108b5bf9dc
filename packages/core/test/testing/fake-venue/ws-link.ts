/**
 * One socket of the fake adapter (public or private): lazy connect, login, heartbeats, shared
 * topics with acks, reconnect with capped jittered backoff and a budget, lifecycle events.
 */
import { AuthenticationError, BadSymbolError, ClosedError, NetworkError, UnexpectedResponseError } from '../../../src/errors/error-classes.js';
import type { ExchangeError } from '../../../src/errors/exchange-error.js';
import type { ExchangeEvents } from '../../../src/exchange/lifecycle.js';
import { backoffDelay } from '../../../src/ws/backoff.js';
import { WireError, type ClientSocket, type FakeServer } from './server.js';

export interface LinkHooks {
  server(): FakeServer;
  emit<K extends keyof ExchangeEvents>(type: K, event: Parameters<ExchangeEvents[K]>[0]): void;
  onFrame(text: string): void;
  /** Private sockets: the login message (absent for public ones). */
  login?(): { apiKey: string; expires: string; signature: string } | undefined;
  onReconnected?(): void;
  /** The link gave up (reconnect budget spent): fail its consumers. */
  onFailed(error: ExchangeError): void;
}

export interface LinkOptions {
  readonly exchange: string;
  readonly heartbeatMs: number;
  readonly reconnectBudgetMs: number;
  readonly backoffBaseMs: number;
  readonly backoffCapMs: number;
}

interface Pending {
  resolve(): void;
  reject(e: unknown): void;
}

export class WsLink {
  #socket?: ClientSocket;
  #state: 'idle' | 'open' | 'backoff' | 'closed' | 'failed' = 'idle';
  #connecting?: Promise<void>;
  readonly #topics = new Map<string, Pending | undefined>();
  #heartbeat?: NodeJS.Timeout;
  #retry?: NodeJS.Timeout;
  #auth?: Pending;
  #authTimer?: NodeJS.Timeout;

  constructor(
    readonly scope: 'public' | 'private',
    private readonly hooks: LinkHooks,
    private readonly o: LinkOptions,
  ) {}

  get connection(): string {
    return this.scope;
  }

  async subscribe(topic: string): Promise<void> {
    if (this.#state === 'closed') throw new ClosedError('the exchange is closed', { exchange: this.o.exchange, method: 'subscribe' });
    if (this.#state === 'failed') throw new NetworkError('the connection gave up reconnecting', { exchange: this.o.exchange, method: 'subscribe', cause: new Error('reconnect budget spent') });
    const acked = new Promise<void>((resolve, reject) => this.#topics.set(topic, { resolve, reject }));
    try {
      await this.#ensureOpen();
    } catch (e) {
      this.#topics.delete(topic);
      throw e;
    }
    this.#send({ op: 'subscribe', args: [topic] });
    return acked;
  }

  unsubscribe(topic: string): void {
    if (!this.#topics.delete(topic)) return;
    if (this.#state === 'open') this.#send({ op: 'unsubscribe', args: [topic] });
  }

  /** Asks the venue for a fresh snapshot of a topic (book resync). */
  resubscribe(topic: string): void {
    if (this.#state !== 'open' || !this.#topics.has(topic)) return;
    this.#send({ op: 'unsubscribe', args: [topic] });
    this.#send({ op: 'subscribe', args: [topic] });
  }

  close(): void {
    if (this.#state === 'closed') return;
    const wasOpen = this.#socket !== undefined;
    this.#state = 'closed';
    this.#stopTimers();
    this.#socket?.close();
    this.#socket = undefined;
    const closed = new ClosedError('the exchange is closed', { exchange: this.o.exchange, method: 'subscribe' });
    for (const p of this.#topics.values()) p?.reject(closed);
    this.#topics.clear();
    if (wasOpen) this.hooks.emit('closed', { connection: this.connection, at: Date.now() });
  }

  #stopTimers(): void {
    clearInterval(this.#heartbeat);
    clearTimeout(this.#retry);
    clearTimeout(this.#authTimer);
    this.#heartbeat = undefined;
    this.#retry = undefined;
  }

  #ensureOpen(): Promise<void> {
    if (this.#state === 'open') return Promise.resolve();
    if (this.#state === 'backoff') return Promise.resolve(); // topics are resubscribed on reconnect
    return (this.#connecting ??= this.#connect().finally(() => (this.#connecting = undefined)));
  }

  async #connect(): Promise<void> {
    let socket: ClientSocket;
    try {
      socket = this.hooks.server().connect(this.scope, {
        onMessage: (text) => this.#onMessage(text),
        onClose: (reason) => this.#onClose(reason),
      });
    } catch (e) {
      throw new NetworkError(`${this.scope} socket: ${e instanceof WireError ? e.message : String(e)}`, { exchange: this.o.exchange, method: 'subscribe', cause: e });
    }
    this.#socket = socket;
    this.#state = 'open';
    this.hooks.emit('open', { connection: this.connection, at: Date.now() });
    this.#heartbeat = setInterval(() => this.#send({ op: 'ping' }), this.o.heartbeatMs);
    if (this.scope === 'private') await this.#login();
  }

  async #login(): Promise<void> {
    const msg = this.hooks.login?.();
    if (!msg) throw new AuthenticationError('no credentials for private streams', { exchange: this.o.exchange, method: 'subscribe' });
    await new Promise<void>((resolve, reject) => {
      this.#auth = { resolve, reject };
      this.#authTimer = setTimeout(() => reject(new NetworkError('login timed out', { exchange: this.o.exchange, method: 'subscribe', cause: new Error('timeout') })), 2_000);
      this.#send({ op: 'auth', ...msg });
    }).finally(() => clearTimeout(this.#authTimer));
  }

  #send(msg: object): void {
    this.#socket?.send(JSON.stringify(msg));
  }

  #onMessage(text: string): void {
    if (text.startsWith('{"op"')) {
      const m = JSON.parse(text) as { op: string; success?: boolean; topic?: string; retMsg?: string };
      if (m.op === 'auth') {
        const a = this.#auth;
        this.#auth = undefined;
        // A refused login is final: retrying a wrong secret in a loop helps nobody.
        if (m.success) a?.resolve();
        else {
          a?.reject(new AuthenticationError(`login refused: ${m.retMsg ?? ''}`, { exchange: this.o.exchange, method: 'subscribe' }));
          this.#socket?.close();
          this.#socket = undefined;
          this.#state = 'idle';
          clearInterval(this.#heartbeat);
        }
        return;
      }
      if (m.op === 'subscribe' && m.topic) {
        const p = this.#topics.get(m.topic);
        if (!p) return;
        this.#topics.set(m.topic, undefined);
        if (m.success) p.resolve();
        else {
          this.#topics.delete(m.topic);
          const base = { exchange: this.o.exchange, method: 'subscribe' };
          p.reject(
            m.retMsg?.startsWith('unknown topic')
              ? new BadSymbolError(m.retMsg, base)
              : m.retMsg === 'not authenticated'
                ? new AuthenticationError(m.retMsg, base)
                : new UnexpectedResponseError(`subscribe refused: ${m.retMsg ?? ''}`, { ...base, cause: new Error(m.retMsg) }),
          );
        }
        return;
      }
      if (m.op === 'pong' || m.op === 'unsubscribe') return;
    }
    this.hooks.onFrame(text);
  }

  #onClose(reason: string): void {
    if (this.#state === 'closed' || this.#state === 'failed') return;
    clearInterval(this.#heartbeat);
    this.#socket = undefined;
    if (this.#topics.size === 0) {
      this.#state = 'idle';
      return;
    }
    this.#state = 'backoff';
    this.#scheduleReconnect(1, Date.now(), reason, 0);
  }

  #scheduleReconnect(attempt: number, startedAt: number, reason: string, previousDelayMs: number): void {
    // Core's backoff: jittered, never shorter than the previous wait of this outage (CK-FT-10).
    const delayMs = backoffDelay(attempt, { initialDelayMs: this.o.backoffBaseMs, maxDelayMs: this.o.backoffCapMs }, previousDelayMs);
    if (Date.now() + delayMs - startedAt > this.o.reconnectBudgetMs) {
      this.#state = 'failed';
      const error = new NetworkError(`${this.scope} socket: gave up after ${attempt - 1} reconnect attempts (${reason})`, { exchange: this.o.exchange, method: 'stream', cause: new Error(reason) });
      this.hooks.emit('error', { connection: this.connection, error, at: Date.now() });
      this.hooks.onFailed(error);
      return;
    }
    this.hooks.emit('reconnecting', { connection: this.connection, attempt, delayMs, reason, at: Date.now() });
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      void this.#connect().then(
        () => {
          const topics = [...this.#topics.keys()];
          for (const t of topics) this.#send({ op: 'subscribe', args: [t] });
          this.hooks.emit('resubscribed', { connection: this.connection, topics, at: Date.now() });
          this.hooks.onReconnected?.();
        },
        (e: unknown) => {
          if (this.#state === 'closed') return;
          this.#socket?.close();
          this.#socket = undefined;
          clearInterval(this.#heartbeat);
          this.#state = 'backoff';
          this.#scheduleReconnect(attempt + 1, startedAt, e instanceof Error ? e.message : String(e), delayMs);
        },
      );
    }, delayMs);
  }
}
