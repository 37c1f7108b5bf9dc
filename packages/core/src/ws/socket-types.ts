import type { ClientOptions } from 'ws';
import type { Redactor } from '../errors/redact.js';
import type {
  ConnectionEvent,
  DroppedFrameEvent,
  ReconnectingEvent,
  ResubscribedEvent,
  StreamErrorEvent,
} from '../exchange/lifecycle.js';
import type { Logger } from '../logging/logger.js';
import type { Clock } from '../time/clock.js';
import type { BackoffOptions, ReconnectBudget } from './backoff.js';
import type { OutboundFrame } from './frames.js';
import type { HeartbeatOptions } from './heartbeat.js';
import type { OutboundRateLimit } from './rate-window.js';

/** What the after-connect hooks get: the one connection they run on. */
export interface ConnectionContext {
  /** Connection number: 1 for the first, +1 on every attempt. */
  readonly epoch: number;
  /** False on the first healthy connection, true after a drop. */
  readonly reconnect: boolean;
  /** Aborted when this connection drops or the socket closes. */
  readonly signal: AbortSignal;
  /** Writes on this connection only, ahead of queued caller frames; rejects NetworkError if it drops first. */
  send(frame: OutboundFrame): Promise<void>;
  /**
   * Resolves with the first inbound frame that `match` maps to a value other than undefined (e.g. the
   * login reply); that frame is consumed, not emitted as `message`. Rejects NetworkError on timeout or drop.
   */
  waitFor<R>(match: (message: unknown) => R | undefined, timeoutMs?: number): Promise<R>;
}

export interface ReconnectingSocketOptions {
  /** Names this connection in events and errors, e.g. `public:linear`, `private`. */
  readonly name: string;
  /** The exchange id put on errors (default `exkit`). */
  readonly exchange?: string;
  /** Where to connect; a function is called before every attempt (fresh listen keys, failover hosts). */
  readonly url: string | (() => string | Promise<string>);
  /** Passed to `ws` (headers, agent, …). `perMessageDeflate` defaults to false. */
  readonly wsOptions?: ClientOptions;
  /** Give up an attempt whose handshake takes longer than this, ms (default 10_000). */
  readonly connectTimeoutMs?: number;
  /** Keep-alive; omit for the defaults (protocol ping every 20 s, 10 s pong timeout), `false` to disable. */
  readonly heartbeat?: HeartbeatOptions | false;
  readonly backoff?: BackoffOptions;
  /** When to stop trying and report a terminal error (default: never). */
  readonly budget?: ReconnectBudget;
  /**
   * Runs first after every (re)connect, e.g. send the login frame and `ctx.waitFor` its reply.
   * Throw (an AuthenticationError, say) to fail the attempt: the socket backs off and tries again.
   */
  readonly authenticate?: (ctx: ConnectionContext) => Promise<void>;
  /**
   * Runs after `authenticate` on every (re)connect: subscribe everything still wanted and return
   * those topics (each once). After a reconnect the socket emits `resubscribed` with them.
   * Throwing fails the attempt like `authenticate`.
   */
  readonly resubscribe?: (ctx: ConnectionContext) => Promise<readonly string[]>;
  /** Each hook must settle within this, ms, or the attempt fails like a refused login (default 30_000). */
  readonly hookTimeoutMs?: number;
  /** Caller frames (`send`) held while not ready before `send` rejects with RateLimitError (default 1_000). */
  readonly maxQueued?: number;
  /** Outbound limit per socket, pings included (venue B: `{ messages: 5, perMs: 1_000 }`). */
  readonly rateLimit?: OutboundRateLimit;
  /** Default timeout of `ctx.waitFor`, ms (default 10_000). */
  readonly waitTimeoutMs?: number;
  /** How long `close()` waits for the closing handshake before cutting the TCP connection, ms (default 1_000). */
  readonly closeTimeoutMs?: number;
  /** Scrubs secrets out of frame previews and error texts. */
  readonly redactor?: Redactor;
  readonly logger?: Logger;
  readonly clock?: Clock;
}

export type SocketState = 'idle' | 'connecting' | 'authenticating' | 'ready' | 'backoff' | 'closing' | 'closed';

export interface SocketOpenEvent extends ConnectionEvent {
  readonly epoch: number;
}

export interface SocketErrorEvent extends StreamErrorEvent {
  readonly connection: string;
  /** True when the socket gave up (budget spent): it is closed and will not reconnect. */
  readonly terminal: boolean;
}

/** The typed events of a ReconnectingSocket; the lifecycle ones have the shapes of `ExchangeEvents`. */
export interface ReconnectingSocketEvents {
  /** The transport connected (hooks not run yet). */
  open: (e: SocketOpenEvent) => void;
  /** Hooks done: authenticated, resubscribed, caller frames flowing. */
  ready: (e: SocketOpenEvent) => void;
  /** The connection dropped or an attempt failed; the next attempt starts after `delayMs`. */
  reconnecting: (e: ReconnectingEvent) => void;
  /** After a reconnect: exactly the topics subscribed again, each once. */
  resubscribed: (e: ResubscribedEvent) => void;
  /** Closed for good (by `close()` or after a terminal error). */
  closed: (e: ConnectionEvent) => void;
  error: (e: SocketErrorEvent) => void;
  /** An inbound frame, parsed (pongs and frames consumed by `waitFor` excluded). */
  message: (message: unknown) => void;
  /** An inbound frame that could not be parsed; it was dropped and the stream goes on. */
  dropped: (e: DroppedFrameEvent) => void;
}
