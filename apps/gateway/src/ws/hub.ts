// The WebSocket hub: authenticates connections, keeps their subscriptions, fans bus messages out to
// them through their bounded send buffers, pings them, and answers /websocket/stats.
import { systemClock, systemTimers, type Clock, type Timers } from '@exkit/core';
import { roleAtLeast, type Authenticator, type Principal } from '../contracts/auth.js';
import type { BusMessage, EventBus } from '../contracts/events.js';
import type { VenueRegistry } from '../contracts/venues.js';
import { type ClientSocket, WsClient } from './client.js';
import { MarketFeed } from './market-feed.js';
import { CLOSE, errorFrame, parseClientFrame, type ClientFrame } from './protocol.js';
import { DEFAULT_SEND_BUFFER_LIMITS, SendBuffer, type SendBufferLimits } from './send-buffer.js';
import { marketTopicName, parseTopic } from './topics.js';

/** Minimal structured logger (pino's shape); never given a token. */
export interface HubLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface WebSocketHubOptions {
  readonly bus: EventBus;
  readonly authenticator: Authenticator;
  readonly venues: VenueRegistry;
  readonly clock?: Clock;
  readonly timers?: Timers;
  /** Server ping period (seed 004 `websocket.ping_interval`: 30 s); two unanswered pings close the socket. */
  readonly pingIntervalMs?: number;
  /** Time allowed for `{type:"auth"}` when the upgrade carried no token (5 s). */
  readonly authTimeoutMs?: number;
  /** Seed 004 `websocket.max_connections` (1,000). */
  readonly maxConnections?: number;
  readonly sendBuffer?: Partial<SendBufferLimits>;
  readonly logger?: HubLogger;
}

/** `GET /websocket/stats` (seed 003), plus the drop counter of the contract's backpressure rule. */
export interface WebSocketStats {
  readonly total_connections: number;
  readonly active_sessions: string[];
  readonly subscription_stats: Record<string, number>;
  readonly messages_sent_today: number;
  readonly uptime_hours: number;
  readonly messages_dropped_today: number;
  readonly slow_clients_closed: number;
}

const SESSION_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const DAY_MS = 86_400_000;
const MAX_TIMER_MS = 2_147_483_647;
const MAX_PENDING_FRAMES = 256;
const silent: HubLogger = { info: () => undefined, warn: () => undefined };

export class WebSocketHub {
  readonly #clients = new Set<WsClient>();
  readonly #byTopic = new Map<string, Set<WsClient>>();
  readonly #options: WebSocketHubOptions;
  readonly #clock: Clock;
  readonly #timers: Timers;
  readonly #limits: SendBufferLimits;
  readonly #feed: MarketFeed;
  readonly #log: HubLogger;
  readonly #startedAt: number;
  readonly #unsubscribeBus: () => void;
  #nextId = 1;
  #day: number;
  #sentToday = 0;
  #droppedToday = 0;
  #slowClosed = 0;
  #tick: unknown;
  #closed = false;

  constructor(options: WebSocketHubOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#timers = options.timers ?? systemTimers;
    this.#limits = { ...DEFAULT_SEND_BUFFER_LIMITS, ...options.sendBuffer };
    this.#log = options.logger ?? silent;
    this.#startedAt = this.#clock.now();
    this.#day = Math.floor(this.#startedAt / DAY_MS);
    this.#feed = new MarketFeed({
      venue: () => options.venues.get(),
      bus: options.bus,
      clock: this.#clock,
      onStreamError: (topic, error) => this.#log.warn({ topic, err: error instanceof Error ? error.message : String(error) }, 'market stream failed'),
    });
    this.#unsubscribeBus = options.bus.subscribe((m) => this.#fanOut(m));
    this.#schedule();
  }

  get pingIntervalMs(): number {
    return this.#options.pingIntervalMs ?? 30_000;
  }

  get maxConnections(): number {
    return this.#options.maxConnections ?? 1_000;
  }

  /** Whether one more connection may be accepted (checked before the upgrade). */
  get full(): boolean {
    return this.#clients.size >= this.maxConnections;
  }

  /** Market topics with an upstream venue subscription open now. */
  get upstreamTopics(): readonly string[] {
    return this.#feed.activeTopics;
  }

  stats(): WebSocketStats {
    this.#rollDay();
    const sessions = new Set<string>();
    for (const c of this.#clients) if (c.principal !== undefined) sessions.add(c.sessionId);
    const subscriptionStats: Record<string, number> = {};
    for (const [topic, set] of [...this.#byTopic.entries()].sort(([a], [b]) => a.localeCompare(b))) subscriptionStats[topic] = set.size;
    return {
      total_connections: this.#clients.size,
      active_sessions: [...sessions].sort(),
      subscription_stats: subscriptionStats,
      messages_sent_today: this.#sentToday,
      uptime_hours: Math.round(((this.#clock.now() - this.#startedAt) / 3_600_000) * 100) / 100,
      messages_dropped_today: this.#droppedToday,
      slow_clients_closed: this.#slowClosed,
    };
  }

  /** A socket that passed the upgrade; `token` is the `?token=` query value. */
  accept(socket: ClientSocket, sessionId: string, token: string | undefined, on: (event: 'message' | 'pong' | 'close', fn: (data?: unknown) => void) => void): void {
    const id = this.#nextId++;
    const buffer = new SendBuffer(
      socket,
      this.#limits,
      this.#clock,
      (reason) => {
        this.#slowClosed++;
        this.#log.warn({ client: id, reason }, 'closing a slow WebSocket client');
        // Called long after `c` exists (a buffer only overflows once frames flow).
        this.#close(c, CLOSE.tryAgainLater, 'client too slow');
      },
      () => {
        this.#rollDay();
        this.#sentToday++;
      },
    );
    const c = new WsClient(id, sessionId, socket, buffer);
    this.#clients.add(c);
    on('close', () => this.#forget(c));
    on('pong', () => {
      c.unansweredPings = 0;
    });
    on('message', (data) => {
      const text = typeof data === 'string' ? data : Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data as Buffer[]).toString('utf8') : String(data);
      // Frames wait for the one before (auth first); a client flooding faster than that is cut off.
      if (++c.pendingFrames > MAX_PENDING_FRAMES) {
        this.#close(c, CLOSE.policyViolation, 'too many frames waiting');
        return;
      }
      c.chain = c.chain
        .then(() => this.#onFrame(c, text))
        .catch((e: unknown) => this.#log.warn({ client: c.id, err: e instanceof Error ? e.message : String(e) }, 'frame handling failed'))
        .finally(() => {
          c.pendingFrames--;
        });
    });
    if (this.#closed) {
      this.#close(c, CLOSE.goingAway, 'server shutting down');
      return;
    }
    if (!SESSION_ID.test(sessionId)) {
      this.#close(c, CLOSE.badRequest, 'invalid session_id');
      return;
    }
    if (token !== undefined && token !== '') {
      c.chain = c.chain.then(() => this.#authenticate(c, token));
    } else {
      c.authTimer = this.#timers.setTimeout(() => {
        if (c.principal === undefined) this.#close(c, CLOSE.unauthorized, 'authentication timeout');
      }, this.#options.authTimeoutMs ?? 5_000);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#tick !== undefined) this.#timers.clearTimeout(this.#tick);
    this.#unsubscribeBus();
    for (const c of [...this.#clients]) this.#close(c, CLOSE.goingAway, 'server shutting down');
    await this.#feed.close();
  }

  // ---- frames -------------------------------------------------------------------------------

  async #onFrame(c: WsClient, text: string): Promise<void> {
    if (c.closed) return;
    const parsed = parseClientFrame(text);
    if (!parsed.ok) {
      this.#send(c, errorFrame(parsed.error, parsed.message));
      return;
    }
    const frame = parsed.frame;
    if (frame.type === 'auth') {
      if (c.principal !== undefined) {
        this.#send(c, errorFrame('validation_error', 'already authenticated'));
        return;
      }
      await this.#authenticate(c, frame.token);
      return;
    }
    if (c.principal === undefined) {
      this.#send(c, errorFrame('invalid_token', 'authenticate first: {"type":"auth","token":"…"}'));
      return;
    }
    if (frame.type === 'ping') {
      this.#send(c, this.#frame('pong', {}));
      return;
    }
    await this.#subscription(c, frame);
  }

  async #authenticate(c: WsClient, token: string): Promise<void> {
    let principal: Principal | null = null;
    try {
      principal = await this.#options.authenticator.authenticate(token);
    } catch {
      principal = null;
    }
    if (c.closed) return;
    const now = this.#clock.now();
    if (principal === null || (principal.expiresAt !== undefined && principal.expiresAt <= now)) {
      this.#close(c, CLOSE.unauthorized, 'invalid or expired token');
      return;
    }
    if (!roleAtLeast(principal.role, 'READ_ONLY')) {
      this.#close(c, CLOSE.unauthorized, 'insufficient permissions');
      return;
    }
    if (c.authTimer !== undefined) this.#timers.clearTimeout(c.authTimer);
    c.authTimer = undefined;
    c.principal = principal;
    if (principal.expiresAt !== undefined) this.#armExpiry(c, principal.expiresAt);
    this.#send(c, this.#frame('authenticated', { session_id: c.sessionId, principal: principal.name, role: principal.role }));
  }

  /** Node timers overflow past 2^31-1 ms (a year-long API key): wait in steps until the expiry. */
  #armExpiry(c: WsClient, expiresAt: number): void {
    const left = expiresAt - this.#clock.now();
    if (left <= 0) {
      this.#close(c, CLOSE.unauthorized, 'token expired');
      return;
    }
    c.expiryTimer = this.#timers.setTimeout(() => {
      if (!c.closed) this.#armExpiry(c, expiresAt);
    }, Math.min(left, MAX_TIMER_MS));
  }

  async #subscription(c: WsClient, frame: Extract<ClientFrame, { type: 'subscribe' | 'unsubscribe' }>): Promise<void> {
    const done: string[] = [];
    const refused: string[] = [];
    for (const raw of new Set(frame.topics)) {
      const topic = await this.#canonical(raw);
      if (c.closed) return;
      if (typeof topic !== 'string') {
        refused.push(topic.reason);
        continue;
      }
      if (frame.type === 'unsubscribe') {
        this.#remove(c, topic);
        done.push(topic);
        continue;
      }
      try {
        await this.#add(c, topic);
        done.push(topic);
      } catch (error) {
        this.#remove(c, topic);
        refused.push(`${topic}: ${error instanceof Error ? error.message : 'the venue refused the stream'}`);
      }
    }
    if (refused.length > 0) this.#send(c, errorFrame('validation_error', refused.join('; ')));
    if (done.length > 0 || refused.length === 0) this.#send(c, JSON.stringify({ type: frame.type === 'subscribe' ? 'subscribed' : 'unsubscribed', topics: done }));
  }

  /** The bus topic a client topic names: market symbols resolved to the unified form on the default venue. */
  async #canonical(raw: string): Promise<string | { reason: string }> {
    const parsed = parseTopic(raw);
    if (parsed.kind === 'invalid') return { reason: parsed.reason };
    if (parsed.kind === 'plain') return parsed.topic;
    try {
      const venue = this.#options.venues.get();
      await venue.client.loadMarkets();
      const market = venue.client.markets.resolve(parsed.symbol);
      return marketTopicName(parsed.stream, market.symbol, parsed.timeframe);
    } catch (error) {
      return { reason: `${raw.slice(0, 60)}: ${error instanceof Error ? error.message : 'unknown symbol'}` };
    }
  }

  /** Acknowledged once a market topic's venue stream is confirmed, so nothing after the ack is missed. */
  async #add(c: WsClient, topic: string): Promise<void> {
    if (c.topics.has(topic)) return;
    c.topics.add(topic);
    let set = this.#byTopic.get(topic);
    if (set === undefined) this.#byTopic.set(topic, (set = new Set()));
    set.add(c);
    const parsed = parseTopic(topic);
    if (parsed.kind === 'market') await this.#feed.acquire(parsed);
  }

  #remove(c: WsClient, topic: string): void {
    if (!c.topics.delete(topic)) return;
    const set = this.#byTopic.get(topic);
    set?.delete(c);
    if (set?.size === 0) this.#byTopic.delete(topic);
    if (parseTopic(topic).kind === 'market') this.#feed.release(topic);
  }

  // ---- delivery -----------------------------------------------------------------------------

  #fanOut(m: BusMessage): void {
    const set = this.#byTopic.get(m.topic);
    if (set === undefined || set.size === 0) return;
    const text = JSON.stringify({ type: m.type, timestamp: m.timestamp, data: m.data });
    for (const c of set) {
      const before = c.buffer.dropped;
      c.buffer.push(text, m.droppable);
      this.#droppedToday += c.buffer.dropped - before;
    }
  }

  #frame(type: string, data: unknown): string {
    return JSON.stringify({ type, timestamp: new Date(this.#clock.now()).toISOString(), data });
  }

  #send(c: WsClient, text: string): void {
    c.buffer.push(text, false);
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  #schedule(): void {
    if (this.#closed) return;
    this.#tick = this.#timers.setTimeout(() => void this.#heartbeat(), this.pingIntervalMs, { unref: true });
  }

  async #heartbeat(): Promise<void> {
    this.#rollDay();
    const checks: Promise<void>[] = [];
    for (const c of [...this.#clients]) {
      if (c.closed) continue;
      if (c.unansweredPings >= 2) {
        this.#close(c, CLOSE.pingTimeout, 'two pings unanswered');
        continue;
      }
      c.unansweredPings++;
      try {
        c.socket.ping();
      } catch {
        this.#close(c, CLOSE.goingAway, 'ping failed');
        continue;
      }
      c.buffer.check();
      const p = c.principal;
      if (p !== undefined) {
        checks.push(
          this.#options.authenticator.isStillValid(p).then(
            (ok) => {
              if (!ok) this.#close(c, CLOSE.unauthorized, 'credential revoked or expired');
            },
            () => undefined,
          ),
        );
      }
    }
    this.#schedule();
    await Promise.all(checks);
  }

  #rollDay(): void {
    const day = Math.floor(this.#clock.now() / DAY_MS);
    if (day === this.#day) return;
    this.#day = day;
    this.#sentToday = 0;
    this.#droppedToday = 0;
  }

  #close(c: WsClient, code: number, reason: string): void {
    if (c.closed) return;
    this.#forget(c);
    try {
      if (c.socket.readyState === 1 || c.socket.readyState === 0) c.socket.close(code, reason);
    } catch {
      c.socket.terminate();
    }
  }

  #forget(c: WsClient): void {
    if (c.closed) return;
    c.closed = true;
    c.buffer.close();
    if (c.authTimer !== undefined) this.#timers.clearTimeout(c.authTimer);
    if (c.expiryTimer !== undefined) this.#timers.clearTimeout(c.expiryTimer);
    for (const t of [...c.topics]) this.#remove(c, t);
    this.#clients.delete(c);
  }
}
