/**
 * A loopback WebSocket venue speaking a small Bybit-like JSON protocol, for socket and topic tests:
 *   → {op:'ping'}                              ← {op:'pong'}            (unless `answerPings` is false)
 *   → {op:'auth', req_id, args:[key]}          ← {op:'auth', req_id, success}   (decided by `authOk`)
 *   → {op:'subscribe'|'unsubscribe', req_id, args:[topic…]}
 *                                              ← {op, req_id, success, ret_msg?, failed?}
 *   publish(topic, data)                       ← {topic, data} to every connection subscribed to it
 */
import { once } from 'node:events';
import { WebSocketServer, type WebSocket } from 'ws';

export interface VenueConnection {
  readonly id: number;
  readonly ws: WebSocket;
  readonly received: unknown[];
  readonly topics: Set<string>;
  /** Every topic in every subscribe frame, in order (duplicates kept: that is what the tests check). */
  readonly subscribeLog: string[];
  readonly subscribeFrames: string[][];
  authed: boolean;
  readonly openedAt: number;
}

type Frame = { op?: string; req_id?: string; args?: unknown[] } & Record<string, unknown>;

export class FakeVenue {
  readonly server: WebSocketServer;
  readonly connections: VenueConnection[] = [];
  /** Answer app-level pings. */
  answerPings = true;
  /** Acknowledge subscribe/unsubscribe frames. */
  ackSubscriptions = true;
  /** Topics refused on subscribe (a refusal names the failed topics and acks the rest). */
  readonly refuse = new Set<string>();
  /** Decides each auth attempt. */
  authOk: (attempt: number) => boolean = () => true;
  authAttempts: number[] = [];
  /** Called for each new connection (e.g. to kill it). */
  onConnection: ((c: VenueConnection) => void) | undefined;
  /** Called after a subscribe frame is handled. */
  onSubscribe: ((c: VenueConnection, topics: string[]) => void) | undefined;
  #nextId = 1;

  private constructor(server: WebSocketServer) {
    this.server = server;
    server.on('connection', (ws) => this.#accept(ws));
  }

  static async start(): Promise<FakeVenue> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(server, 'listening');
    return new FakeVenue(server);
  }

  get url(): string {
    const addr = this.server.address();
    if (typeof addr === 'string' || addr === null) throw new Error('no address');
    return `ws://127.0.0.1:${addr.port}`;
  }

  get last(): VenueConnection | undefined {
    return this.connections.at(-1);
  }

  /** Connections still open. */
  get open(): VenueConnection[] {
    return this.connections.filter((c) => c.ws.readyState === c.ws.OPEN);
  }

  publish(topic: string, data: unknown): number {
    let n = 0;
    for (const c of this.open) {
      if (!c.topics.has(topic)) continue;
      c.ws.send(JSON.stringify({ topic, data }));
      n++;
    }
    return n;
  }

  sendRaw(text: string): void {
    for (const c of this.open) c.ws.send(text);
  }

  /** Cuts every connection without a close frame (what a crashed venue or a dead route looks like). */
  killAll(): void {
    for (const c of this.open) c.ws.terminate();
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.ws.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  #accept(ws: WebSocket): void {
    const conn: VenueConnection = {
      id: this.#nextId++,
      ws,
      received: [],
      topics: new Set(),
      subscribeLog: [],
      subscribeFrames: [],
      authed: false,
      openedAt: Date.now(),
    };
    this.connections.push(conn);
    ws.on('error', () => undefined);
    ws.on('message', (data) => this.#onFrame(conn, data.toString()));
    this.onConnection?.(conn);
  }

  #onFrame(conn: VenueConnection, text: string): void {
    let frame: Frame;
    try {
      frame = JSON.parse(text) as Frame;
    } catch {
      return;
    }
    conn.received.push(frame);
    const reply = (body: Record<string, unknown>): void => {
      if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(JSON.stringify(body));
    };
    const args = (frame.args ?? []).map(String);
    switch (frame.op) {
      case 'ping':
        if (this.answerPings) reply({ op: 'pong', req_id: frame.req_id });
        return;
      case 'auth': {
        this.authAttempts.push(Date.now());
        const ok = this.authOk(this.authAttempts.length);
        conn.authed = ok;
        reply({ op: 'auth', req_id: frame.req_id, success: ok, ...(ok ? {} : { ret_msg: 'Params Error' }) });
        return;
      }
      case 'subscribe': {
        conn.subscribeFrames.push(args);
        conn.subscribeLog.push(...args);
        const failed = args.filter((t) => this.refuse.has(t));
        for (const t of args) if (!this.refuse.has(t)) conn.topics.add(t);
        if (this.ackSubscriptions) {
          reply(
            failed.length === 0
              ? { op: 'subscribe', req_id: frame.req_id, success: true }
              : { op: 'subscribe', req_id: frame.req_id, success: false, ret_msg: `invalid topics: ${failed.join(',')}`, failed },
          );
        }
        this.onSubscribe?.(conn, args);
        return;
      }
      case 'unsubscribe':
        for (const t of args) conn.topics.delete(t);
        if (this.ackSubscriptions) reply({ op: 'unsubscribe', req_id: frame.req_id, success: true });
        return;
      default:
        return;
    }
  }
}

/** Polls `predicate` until true; fails with `what` after `timeoutMs`. */
export async function until(predicate: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Bybit-style heartbeat for the fake venue. */
export const appPing = { ping: () => ({ op: 'ping' }), isPong: (m: unknown) => (m as { op?: unknown } | null)?.op === 'pong' };
