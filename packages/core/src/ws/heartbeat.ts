import type { OutboundFrame } from './frames.js';

/** Keep-alive settings. A connection whose pong does not come back in time is terminated and reconnected. */
export interface HeartbeatOptions {
  /** Ping every this many ms (default 20_000, what venue A and venue B recommend). */
  readonly intervalMs?: number;
  /** A pong must arrive within this many ms after a ping (default 10_000). */
  readonly timeoutMs?: number;
  /**
   * `'protocol'` sends WebSocket ping frames (the peer's pong is automatic); a function builds an
   * app-level ping per beat, e.g. `() => ({ op: 'ping' })` (venue A) or
   * `() => ({ op: 'ping', ping: Math.floor(Date.now() / 1000) })` (venue B). Default `'protocol'`.
   */
  readonly ping?: 'protocol' | (() => OutboundFrame);
  /** Recognises the venue's app-level pong; required with an app-level ping. Pong frames are not emitted as messages. */
  readonly isPong?: (message: unknown) => boolean;
}

export const DEFAULT_HEARTBEAT = Object.freeze({ intervalMs: 20_000, timeoutMs: 10_000 });

/**
 * One connection's ping/pong clock. Only a pong proves liveness (not data): a venue can keep pushing
 * on a half-dead route while dropping our writes, and we would never notice.
 */
export class Heartbeat {
  readonly #intervalMs: number;
  readonly #timeoutMs: number;
  readonly #sendPing: () => Promise<void>;
  readonly #onDead: (reason: string) => void;
  #beat: NodeJS.Timeout | undefined;
  #deadline: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(options: HeartbeatOptions, sendPing: () => Promise<void>, onDead: (reason: string) => void) {
    this.#intervalMs = options.intervalMs ?? DEFAULT_HEARTBEAT.intervalMs;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_HEARTBEAT.timeoutMs;
    this.#sendPing = sendPing;
    this.#onDead = onDead;
  }

  start(): void {
    this.#schedule();
  }

  /** A pong arrived: the connection is alive. */
  pong(): void {
    if (this.#deadline) clearTimeout(this.#deadline);
    this.#deadline = undefined;
  }

  stop(): void {
    this.#stopped = true;
    if (this.#beat) clearTimeout(this.#beat);
    if (this.#deadline) clearTimeout(this.#deadline);
    this.#beat = this.#deadline = undefined;
  }

  #schedule(): void {
    if (this.#stopped) return;
    // unref: the socket itself keeps the process alive while it is open.
    this.#beat = setTimeout(() => this.#tick(), this.#intervalMs).unref();
  }

  #tick(): void {
    this.#beat = undefined;
    if (this.#stopped) return;
    // The deadline runs from the first unanswered ping, so a silent peer is caught within timeoutMs of it.
    this.#deadline ??= setTimeout(() => {
      this.#deadline = undefined;
      if (!this.#stopped) this.#onDead(`no pong within ${this.#timeoutMs} ms`);
    }, this.#timeoutMs).unref();
    // A failed write means the connection is going away; its close handler deals with it.
    this.#sendPing().catch(() => undefined);
    this.#schedule();
  }
}
