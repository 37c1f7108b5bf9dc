/**
 * One WebSocket as the venue runs it (bitunix.md §6): `{"op":"connect","data":{"result":true}}` on open, JSON
 * ping → `{"op":"ping","pong":<client>,"ping":<server s>}`, unsubscribe ack `{"op":"unsubscribe","ts","data":"success"}`,
 * no subscribe ack, ≤ 300 channels (`subscribe channel > 300` refusal), ≤ 5 client messages per second (ping,
 * pong and protocol control frames included; above it the socket is cut), and the idle cut after ~60 s without a
 * client message (code 1006, no close frame). Non-JSON text and unknown ops get no answer.
 */
import type { WebSocket } from 'ws';
import { WS_MAX_CHANNELS, WS_MESSAGES_PER_SECOND } from '../limits.js';
import type { ConnectionRecord, FrontState } from '../state.js';

export interface SubscriptionArg {
  readonly ch: string;
  readonly symbol?: string;
}

export interface ConnectionHooks {
  /** Private: `op:"login"`. */
  onLogin?(conn: Connection, args: readonly Record<string, unknown>[]): void;
  /** After a subscription was added (public: send the first data soon). */
  onSubscribed?(conn: Connection, keys: readonly string[]): void;
}

export const topicKey = (ch: string, symbol?: string): string => `${ch}|${symbol === undefined ? '' : symbol.toUpperCase()}`;

export class Connection {
  readonly record: ConnectionRecord;
  /** The account, once logged in (private). */
  accountId: string | undefined;
  readonly #ws: WebSocket;
  readonly #front: FrontState;
  readonly #hooks: ConnectionHooks;
  readonly #arrivals: number[] = [];
  #idle: NodeJS.Timeout | undefined;

  constructor(ws: WebSocket, front: FrontState, scope: 'public' | 'private', hooks: ConnectionHooks) {
    this.#ws = ws;
    this.#front = front;
    this.#hooks = hooks;
    this.record = front.openConnection(scope);
    ws.on('error', () => undefined);
    ws.on('close', () => this.#closed('client'));
    ws.on('message', (raw, isBinary) => this.#message(isBinary ? '' : raw.toString()));
    ws.on('ping', () => this.#count());
    ws.on('pong', () => this.#count());
    this.#armIdle();
    this.send({ op: 'connect', data: { result: true } });
  }

  get open(): boolean {
    return this.#ws.readyState === this.#ws.OPEN && this.record.closedAt === undefined;
  }

  send(frame: unknown): void {
    if (this.open) this.#ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Cut without a close frame (the client sees 1006, as live). */
  cut(by: 'idle' | 'fault' | 'venue'): void {
    this.#closed(by);
    this.#ws.terminate();
  }

  #closed(by: 'client' | 'idle' | 'fault' | 'venue'): void {
    if (this.record.closedAt === undefined) {
      this.record.closedAt = this.#front.now();
      this.record.closedBy = by;
    }
    this.record.topics.clear();
    if (this.#idle !== undefined) clearTimeout(this.#idle);
  }

  #armIdle(): void {
    if (this.#idle !== undefined) clearTimeout(this.#idle);
    this.#idle = setTimeout(() => this.cut('idle'), this.#front.options.idleTimeoutMs);
    this.#idle.unref();
  }

  /** Counts one client message; false when the 5/s limit cut the socket. */
  #count(): boolean {
    const t = Date.now();
    while (this.#arrivals.length > 0 && this.#arrivals[0]! <= t - 1_000) this.#arrivals.shift();
    this.#arrivals.push(t);
    this.#armIdle();
    if (this.#arrivals.length > WS_MESSAGES_PER_SECOND) {
      this.cut('venue');
      return false;
    }
    return true;
  }

  #message(text: string): void {
    if (!this.#count()) return;
    let frame: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return;
      frame = parsed as Record<string, unknown>;
    } catch {
      return;
    }
    const args = Array.isArray(frame['args']) ? (frame['args'] as unknown[]).filter((a): a is Record<string, unknown> => a !== null && typeof a === 'object') : [];
    switch (frame['op']) {
      case 'ping': {
        this.record.heartbeats.push(this.#front.now());
        this.send({ op: 'ping', pong: frame['ping'], ping: Math.floor(this.record.openedAt / 1000) });
        return;
      }
      case 'login':
        this.#hooks.onLogin?.(this, args);
        return;
      case 'subscribe':
        this.#subscribe(args);
        return;
      case 'unsubscribe':
        for (const a of args) if (typeof a['ch'] === 'string') this.record.topics.delete(topicKey(a['ch'], typeof a['symbol'] === 'string' ? a['symbol'] : undefined));
        this.send({ op: 'unsubscribe', ts: this.#front.now(), data: 'success' });
        return;
      default:
        return;
    }
  }

  #subscribe(args: readonly Record<string, unknown>[]): void {
    if (this.#front.venue.faults.takeResetBeforeAck(this.record.scope)) {
      this.cut('fault');
      return;
    }
    const added: string[] = [];
    for (const a of args) {
      if (typeof a['ch'] !== 'string') continue;
      const key = topicKey(a['ch'], typeof a['symbol'] === 'string' ? a['symbol'] : undefined);
      if (this.record.topics.has(key)) continue;
      if (this.record.topics.size >= WS_MAX_CHANNELS) {
        this.send({ op: 'subscribe', data: { msg: `subscribe channel > ${WS_MAX_CHANNELS}`, nonce: '', result: false } });
        continue;
      }
      this.record.topics.add(key);
      added.push(key);
    }
    if (added.length > 0) this.#hooks.onSubscribed?.(this, added);
  }
}
