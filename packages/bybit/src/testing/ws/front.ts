/**
 * The WebSocket side: `/v5/public/{linear,spot}`, `/v5/private`, `/v5/trade` on the REST server's
 * port. One venue listener routes events to the sockets subscribed to each native topic.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { SimEvent, SimVenue } from '@exkit/sim';
import type { WebSocket, WebSocketServer } from 'ws';
import type { ConnectionRecord, FrontState } from '../control.js';
import { categoryOf, type Category } from '../format.js';
import type { Router } from '../http/router.js';
import { BOOK_DEPTHS, bookFrame, bookSnapshot, klineFrame, parsePublicTopic, tickerFrame, tradeFrame } from './public.js';
import { checkAuth, PRIVATE_TOPICS, privateItem } from './private.js';
import { handleTrade } from './trade.js';

type Kind = 'public' | 'private' | 'trade';

/** Delay between a public subscribe ack and the topic's first frame (snapshot). */
const SNAPSHOT_DELAY_MS = 10;

export interface Peer {
  readonly ws: WebSocket;
  readonly kind: Kind;
  readonly category: Category | undefined;
  readonly record: ConnectionRecord;
  readonly connId: string;
  readonly topics: Set<string>;
  /** Acked public topics whose snapshot is not sent yet (they get no deltas before it). */
  readonly pending: Set<string>;
  accountId: string | undefined;
  /** Ticker topics that already got their snapshot. */
  readonly tickerSeen: Set<string>;
  readonly reqIds: Set<string>;
  /** Wall time of the client's last frame (the idle cut). */
  lastHeard: number;
}

/**
 * Reference §1: "without ping/pong and without data the server cuts the connection after ~10
 * minutes; the check runs every ~30 s". Here: a socket whose client sent nothing for `idleTimeoutMs`
 * is closed, checked every `idleTimeoutMs / 10` (30 s at most).
 */
export interface IdlePolicy {
  readonly idleTimeoutMs: number;
}

export class WsFront {
  readonly #peers = new Set<Peer>();
  readonly #unsubscribe: () => void;
  readonly #queue: SimEvent[] = [];
  #scheduled = false;
  readonly #idleTimer: NodeJS.Timeout;
  readonly #idleEvery: number;
  #idleCheckedAt = Date.now();
  router: Router | undefined;

  constructor(
    readonly venue: SimVenue,
    readonly state: FrontState,
    readonly wss: WebSocketServer,
    readonly idle: IdlePolicy,
  ) {
    this.#idleEvery = Math.min(30_000, Math.max(50, idle.idleTimeoutMs / 10));
    this.#idleTimer = setInterval(() => this.#cutIdle(), this.#idleEvery);
    this.#idleTimer.unref();
    // Venue reads inside a venue listener would re-enter its publish; frames are built in a microtask.
    this.#unsubscribe = venue.subscribe((e) => {
      this.#queue.push(e);
      if (this.#scheduled) return;
      this.#scheduled = true;
      queueMicrotask(() => this.#drain());
    });
  }

  #drain(): void {
    this.#scheduled = false;
    const batch = this.#queue.splice(0);
    for (const e of batch) {
      try {
        this.#event(e);
      } catch {
        // A market removed by a reset, a socket gone: nothing to send.
      }
    }
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    let kind: Kind | undefined;
    let category: Category | undefined;
    if (path === '/v5/public/linear' || path === '/v5/public/spot') {
      kind = 'public';
      category = path.endsWith('spot') ? 'spot' : 'linear';
    } else if (path === '/v5/private') kind = 'private';
    else if (path === '/v5/trade') kind = 'trade';
    const scope = kind === 'public' ? 'public' : 'private';
    if (kind === undefined || this.venue.faults.isRefusing('ws')) {
      if (kind !== undefined) this.state.openConnection(scope, this.venue.serverTime(), true);
      socket.write('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    const k = kind;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.#connection(ws, k, category));
  }

  #connection(ws: WebSocket, kind: Kind, category: Category | undefined): void {
    const record = this.state.openConnection(kind === 'public' ? 'public' : 'private', this.venue.serverTime());
    const peer: Peer = { ws, kind, category, record, connId: `sim-${record.id}`, topics: new Set(), pending: new Set(), accountId: undefined, tickerSeen: new Set(), reqIds: new Set(), lastHeard: Date.now() };
    this.#peers.add(peer);
    ws.on('error', () => undefined);
    ws.on('close', () => {
      this.#peers.delete(peer);
      for (const t of [...peer.topics, ...peer.pending]) this.state.addTopic(this.#key(peer, t), -1);
      peer.topics.clear();
      peer.pending.clear();
      if (record.closedAt === undefined) {
        record.closedAt = this.venue.serverTime();
        record.closedBy = record.closedBy ?? 'client';
      }
    });
    ws.on('message', (raw) => {
      peer.lastHeard = Date.now();
      let f: Record<string, unknown>;
      try {
        const parsed: unknown = JSON.parse(String(raw));
        if (typeof parsed !== 'object' || parsed === null) return;
        f = parsed as Record<string, unknown>;
      } catch {
        return;
      }
      if (kind === 'trade') {
        handleTrade(this, peer, f);
        return;
      }
      this.#message(peer, f);
    });
  }

  send(peer: Peer, frame: unknown): void {
    if (peer.ws.readyState === peer.ws.OPEN) peer.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  #key(peer: Peer, topic: string): string {
    return peer.kind === 'public' ? `${topic}@${peer.category}` : topic;
  }

  #message(peer: Peer, f: Record<string, unknown>): void {
    const reqId = typeof f['req_id'] === 'string' ? f['req_id'] : undefined;
    const echo = reqId === undefined ? {} : { req_id: reqId };
    const now = this.venue.serverTime();
    switch (f['op']) {
      case 'ping':
        peer.record.heartbeats.push(now);
        if (peer.kind === 'private') this.send(peer, { ...echo, op: 'pong', args: [String(now)], conn_id: peer.connId });
        else this.send(peer, { success: true, ret_msg: 'pong', conn_id: peer.connId, req_id: reqId ?? '', op: 'ping' });
        return;
      case 'auth': {
        if (peer.kind !== 'private') return;
        const out = checkAuth(this.venue, f['args']);
        const ok = 'accountId' in out;
        peer.record.authAttempts.push({ at: now, ok });
        if (ok) peer.accountId = out.accountId;
        this.send(peer, ok ? { success: true, ret_msg: '', op: 'auth', conn_id: peer.connId, ...echo } : { success: false, ret_msg: out.error, op: 'auth', conn_id: peer.connId, ...echo });
        return;
      }
      case 'subscribe':
      case 'unsubscribe':
        this.#subscribe(peer, f['op'], f['args'], reqId);
        return;
      default:
        this.send(peer, { success: false, ret_msg: `error:unknown op ${String(f['op'])}`, conn_id: peer.connId, ...echo, op: String(f['op']) });
    }
  }

  #subscribe(peer: Peer, op: 'subscribe' | 'unsubscribe', args: unknown, reqId: string | undefined): void {
    const ack = (success: boolean, msg: string): void => {
      const retMsg = success && peer.kind === 'public' && peer.category === 'spot' ? op : msg;
      this.send(peer, { success, ret_msg: retMsg, conn_id: peer.connId, ...(reqId !== undefined || peer.kind === 'public' ? { req_id: reqId ?? '' } : {}), op });
    };
    if (!Array.isArray(args) || args.some((a) => typeof a !== 'string')) return ack(false, 'error:args must be a list of topics');
    const topics = args as string[];
    if (peer.kind === 'private' && peer.accountId === undefined) return ack(false, 'Request not authorized');
    if (op === 'subscribe' && this.venue.faults.takeResetBeforeAck(peer.kind === 'public' ? 'public' : 'private')) {
      peer.record.closedBy = 'fault';
      peer.ws.terminate();
      return;
    }
    if (peer.kind === 'public' && peer.category === 'spot' && topics.length > 10) return ack(false, 'error:too many args, max 10');
    const bad = topics.find((t) => (peer.kind === 'public' ? parsePublicTopic(this.venue, peer.category!, t) === undefined : !PRIVATE_TOPICS.has(t)));
    if (op === 'unsubscribe') {
      for (const t of topics) if (peer.topics.delete(t) || peer.pending.delete(t)) this.state.addTopic(this.#key(peer, t), -1);
      for (const t of topics) peer.tickerSeen.delete(t);
      return ack(true, '');
    }
    if (bad !== undefined) return ack(false, `error:handler not found,topic:${bad}`);
    const fresh = [...new Set(topics)].filter((t) => !peer.topics.has(t) && !peer.pending.has(t));
    for (const t of fresh) {
      (peer.kind === 'public' && /^(orderbook|tickers)\./.test(t) ? peer.pending : peer.topics).add(t);
      this.state.addTopic(this.#key(peer, t), 1);
    }
    ack(true, '');
    if (peer.kind !== 'public') return;
    // A book or ticker snapshot follows the ack after a moment; until then the topic gets nothing.
    const snapshots = fresh.filter((t) => peer.pending.has(t));
    if (snapshots.length > 0) setTimeout(() => this.#activate(peer, snapshots), SNAPSHOT_DELAY_MS);
  }

  #activate(peer: Peer, topics: readonly string[]): void {
    for (const t of topics) {
      if (!peer.pending.delete(t)) continue;
      peer.topics.add(t);
      const p = parsePublicTopic(this.venue, peer.category!, t);
      if (p === undefined) continue;
      if (p.kind === 'orderbook') this.send(peer, bookSnapshot(this.venue, p.instrument, p.depth!));
      if (p.kind === 'tickers') {
        peer.tickerSeen.add(t);
        this.send(peer, tickerFrame(this.venue, p.instrument, true, 0));
      }
    }
  }

  #event(e: SimEvent): void {
    if (e.channel === 'control') {
      if (e.type === 'resetConnections') {
        for (const p of [...this.#peers]) {
          if (e.scope === 'all' || (e.scope === 'public') === (p.kind === 'public')) {
            p.record.closedBy = 'fault';
            p.ws.terminate();
          }
        }
      } else if (e.type === 'malformedFrame') {
        for (const p of this.#peers) if (p.kind === 'public' && p.topics.size > 0) this.send(p, '{"topic":"orderbook.50.');
      } else if (e.type === 'reset') this.resetAll();
      return;
    }
    if (e.channel === 'public') {
      const i = this.venue.instrument(e.symbol);
      const cat = categoryOf(i);
      for (const p of this.#peers) {
        if (p.kind !== 'public' || p.category !== cat || p.topics.size === 0) continue;
        switch (e.type) {
          case 'book':
            for (const d of BOOK_DEPTHS) if (p.topics.has(`orderbook.${d}.${i.nativeId}`)) this.send(p, bookFrame(this.venue, i, d, e));
            break;
          case 'trade':
            if (p.topics.has(`publicTrade.${i.nativeId}`)) this.send(p, tradeFrame(this.venue, i, e));
            break;
          case 'ticker': {
            const t = `tickers.${i.nativeId}`;
            if (p.topics.has(t)) {
              const first = !p.tickerSeen.has(t);
              p.tickerSeen.add(t);
              this.send(p, tickerFrame(this.venue, i, first, e.seq));
            }
            break;
          }
          case 'candle': {
            const frame = klineFrame(this.venue, i, e);
            if (p.topics.has(String(frame['topic']))) this.send(p, frame);
            break;
          }
          default:
            break;
        }
      }
      return;
    }
    const out = privateItem(this.venue, e);
    if (out === undefined) return;
    for (const p of this.#peers) {
      if (p.kind !== 'private' || p.accountId !== e.accountId) continue;
      const topic = out.topics.find((t) => p.topics.has(t));
      if (topic === undefined) continue;
      this.send(p, { id: `${e.accountId}-${e.seq}`, topic, creationTime: e.timestamp, data: [out.item] });
    }
  }

  #cutIdle(): void {
    const now = Date.now();
    const late = now - this.#idleCheckedAt > 2 * this.#idleEvery;
    this.#idleCheckedAt = now;
    // This process was stalled (a busy machine): frames may be waiting unread, so judge next round.
    if (late) return;
    for (const p of [...this.#peers]) {
      if (now - p.lastHeard < this.idle.idleTimeoutMs) continue;
      p.record.closedBy = 'idle';
      p.ws.terminate();
    }
  }

  /** Venue reset: every socket goes. */
  resetAll(): void {
    for (const p of [...this.#peers]) {
      p.record.closedBy = 'venue';
      p.ws.terminate();
    }
  }

  close(): void {
    clearInterval(this.#idleTimer);
    this.#unsubscribe();
    for (const p of [...this.#peers]) p.ws.terminate();
  }
}
