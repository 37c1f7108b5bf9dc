/**
 * A small Bybit V5 stand-in on 127.0.0.1 (port 0) for loopback tests: a real HTTP server that
 * checks signatures and timestamps the way §2 describes, and a real WebSocket server speaking §6.
 * Handlers are set per test; every request and frame is recorded.
 */
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export const API_KEY = 'test-api-key-123';
export const API_SECRET = 'test-api-secret-456';

export interface Recorded {
  readonly method: string;
  readonly path: string;
  /** Raw query string as received (no `?`). */
  readonly query: string;
  readonly params: URLSearchParams;
  readonly body: string;
  readonly json: Record<string, unknown> | undefined;
  readonly headers: IncomingMessage['headers'];
  readonly at: number;
}

export interface Reply {
  readonly status?: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
  /** Cut the connection instead of answering (after the handler ran: the venue acted). */
  readonly drop?: boolean;
}

export type Handler = (req: Recorded) => Reply | unknown | Promise<Reply | unknown>;

export const ok = (result: unknown, time = Date.now()): Reply => ({ body: { retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time } });
export const fail = (retCode: number, retMsg: string, headers?: Record<string, string>): Reply => ({
  body: { retCode, retMsg, result: {}, retExtInfo: {}, time: Date.now() },
  ...(headers !== undefined && { headers }),
});

function isReply(v: unknown): v is Reply {
  return typeof v === 'object' && v !== null && 'body' in v && Object.keys(v).every((k) => ['status', 'body', 'headers', 'drop'].includes(k));
}

export class FakeBybitRest {
  readonly requests: Recorded[] = [];
  readonly handlers = new Map<string, Handler>();
  /** Venue clock = local clock + skew (ms). */
  skewMs = 0;
  #server: Server | undefined;
  url = '';

  /** `GET /v5/market/time` answers from the venue clock unless replaced. */
  constructor() {
    this.on('GET /v5/market/time', () => {
      const now = this.now();
      return ok({ timeSecond: String(Math.floor(now / 1000)), timeNano: `${now}000000` }, now);
    });
  }

  now(): number {
    return Date.now() + this.skewMs;
  }

  on(route: string, handler: Handler): this {
    this.handlers.set(route, handler);
    return this;
  }

  count(route: string): number {
    return this.requests.filter((r) => `${r.method} ${r.path}` === route).length;
  }

  last(route: string): Recorded | undefined {
    return this.requests.filter((r) => `${r.method} ${r.path}` === route).at(-1);
  }

  async start(): Promise<this> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#server.listen(0, '127.0.0.1');
    await once(this.#server, 'listening');
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.#server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const [path = '', query = ''] = (req.url ?? '').split('?');
    let json: Record<string, unknown> | undefined;
    try {
      json = body === '' ? undefined : (JSON.parse(body) as Record<string, unknown>);
    } catch {
      json = undefined;
    }
    const rec: Recorded = { method: req.method ?? 'GET', path, query, params: new URLSearchParams(query), body, json, headers: req.headers, at: Date.now() };
    this.requests.push(rec);
    const send = (reply: Reply): void => {
      if (reply.drop === true) {
        req.socket.destroy();
        return;
      }
      const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.end(text);
    };
    if (!path.startsWith('/v5/market/')) {
      const problem = this.#checkAuth(rec);
      if (problem !== undefined) return send(problem);
    }
    const handler = this.handlers.get(`${rec.method} ${path}`);
    if (handler === undefined) return send({ status: 404, body: { retCode: 10017, retMsg: `route not found: ${path}` } });
    const out = await handler(rec);
    send(isReply(out) ? out : ok(out, this.now()));
  }

  /** §2: key, signature over the exact wire strings, and `server - recvWindow <= ts < server + 1000`. */
  #checkAuth(r: Recorded): Reply | undefined {
    const h = r.headers;
    if (h['x-bapi-api-key'] !== API_KEY) return fail(10003, 'API key is invalid.');
    const ts = String(h['x-bapi-timestamp'] ?? '');
    const recv = String(h['x-bapi-recv-window'] ?? '5000');
    const payload = `${ts}${API_KEY}${recv}${r.method === 'GET' ? r.query : r.body}`;
    const expected = createHmac('sha256', API_SECRET).update(payload).digest('hex');
    if (h['x-bapi-sign'] !== expected) return fail(10004, `error sign! origin_string[${payload}]`);
    const server = this.now();
    const t = Number(ts);
    if (!(server - Number(recv) <= t && t < server + 1000)) {
      return fail(10002, `invalid request, please check your server timestamp or recv_window param. req_timestamp[${t}],server_timestamp[${server}],recv_window[${recv}]`);
    }
    return undefined;
  }
}

export type Frame = Record<string, unknown>;

export interface WsPeer {
  readonly ws: WebSocket;
  readonly path: string;
  readonly frames: Frame[];
  readonly topics: Set<string>;
  authed: boolean;
}

/**
 * WebSocket side: answers pings (public linear/spot shape, private `op:"pong"`), acks subscribes
 * with the echoed `req_id`, checks the private login signature, and lets a test push frames.
 */
export class FakeBybitWs {
  readonly peers: WsPeer[] = [];
  /** Topics the venue refuses (ack `success:false`). */
  readonly refuse = new Set<string>();
  /** Answer logins with this failure text instead of checking. */
  refuseLogin: string | undefined;
  /** Do not answer subscribes (tests of timeouts). */
  silent = false;
  /** `/v5/trade` requests (after login): the reply's `retCode`/`retMsg`/`data`, or undefined to stay silent. */
  tradeHandler: ((frame: Frame, peer: WsPeer) => { retCode: number; retMsg: string; data: unknown } | undefined) | undefined;
  #server: WebSocketServer | undefined;
  url = '';

  async start(): Promise<this> {
    this.#server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(this.#server, 'listening');
    this.url = `ws://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    this.#server.on('connection', (ws, req) => this.#connection(ws, req.url ?? '/'));
    return this;
  }

  async close(): Promise<void> {
    const s = this.#server;
    if (s === undefined) return;
    for (const c of s.clients) c.terminate();
    await new Promise((r) => s.close(r));
  }

  /** Connected peers on a path (`/v5/public/linear`, `/v5/private`, …), oldest first. */
  on(path: string): WsPeer[] {
    return this.peers.filter((p) => p.path === path && p.ws.readyState === p.ws.OPEN);
  }

  /** Sends `frame` to every open peer on `path` subscribed to `topic`. */
  publish(path: string, topic: string, frame: Frame): number {
    let n = 0;
    for (const p of this.on(path)) {
      if (!p.topics.has(topic)) continue;
      p.ws.send(JSON.stringify(frame));
      n++;
    }
    return n;
  }

  /** §7: camelCase replies, `reqId` echoed, a `header` with the limit headers. */
  #trade(peer: WsPeer): void {
    const ws = peer.ws;
    ws.on('message', (raw) => {
      const f = JSON.parse(raw.toString()) as Frame;
      peer.frames.push(f);
      const send = (o: Frame): void => ws.send(JSON.stringify(o));
      if (f['op'] === 'ping') {
        send({ retCode: 0, retMsg: 'OK', op: 'pong', data: [String(Date.now())], connId: 't-1' });
        return;
      }
      if (f['op'] === 'auth') {
        const [key, expires, sig] = f['args'] as [string, number, string];
        const expected = createHmac('sha256', API_SECRET).update(`GET/realtime${expires}`).digest('hex');
        peer.authed = this.refuseLogin === undefined && key === API_KEY && sig === expected && expires > Date.now();
        send(peer.authed ? { retCode: 0, retMsg: 'OK', op: 'auth', connId: 't-1' } : { retCode: 10004, retMsg: this.refuseLogin ?? 'Invalid sign', op: 'auth', connId: 't-1' });
        return;
      }
      const reqId = f['reqId'];
      if (!peer.authed) {
        send({ reqId, retCode: 10401, retMsg: 'not authorized', op: f['op'], data: {}, retExtInfo: {}, header: {}, connId: 't-1' });
        return;
      }
      const out = this.tradeHandler?.(f, peer);
      if (out === undefined) return;
      const now = Date.now();
      send({
        reqId,
        retCode: out.retCode,
        retMsg: out.retMsg,
        op: f['op'],
        data: out.data,
        retExtInfo: {},
        header: { 'X-Bapi-Limit': '10', 'X-Bapi-Limit-Status': '9', 'X-Bapi-Limit-Reset-Timestamp': String(now), Traceid: 'x', Timenow: String(now) },
        connId: 't-1',
      });
    });
  }

  #connection(ws: WebSocket, path: string): void {
    const peer: WsPeer = { ws, path, frames: [], topics: new Set(), authed: false };
    this.peers.push(peer);
    ws.on('error', () => undefined);
    if (path.startsWith('/v5/trade')) {
      this.#trade(peer);
      return;
    }
    const privateConn = path.startsWith('/v5/private');
    ws.on('message', (raw) => {
      const f = JSON.parse(raw.toString()) as Frame;
      peer.frames.push(f);
      const send = (o: Frame): void => ws.send(JSON.stringify(o));
      const reqId = typeof f['req_id'] === 'string' ? f['req_id'] : '';
      if (f['op'] === 'ping') {
        send(privateConn ? { req_id: reqId, op: 'pong', args: [String(Date.now())], conn_id: 'c-1' } : { success: true, ret_msg: 'pong', conn_id: 'c-1', req_id: reqId, op: 'ping' });
        return;
      }
      if (f['op'] === 'auth') {
        const [key, expires, sig] = f['args'] as [string, number, string];
        const expected = createHmac('sha256', API_SECRET).update(`GET/realtime${expires}`).digest('hex');
        const good = this.refuseLogin === undefined && key === API_KEY && sig === expected && expires > Date.now();
        peer.authed = good;
        send(good ? { success: true, ret_msg: '', op: 'auth', conn_id: 'c-1', req_id: reqId } : { success: false, ret_msg: this.refuseLogin ?? 'Params Error', op: 'auth', conn_id: 'c-1', req_id: reqId });
        return;
      }
      if (f['op'] === 'subscribe' || f['op'] === 'unsubscribe') {
        if (this.silent) return;
        const args = f['args'] as string[];
        if (f['op'] === 'subscribe') {
          if (privateConn && !peer.authed) {
            send({ success: false, ret_msg: 'Request not authorized', op: 'subscribe', conn_id: 'c-1', req_id: reqId });
            return;
          }
          // Assumed per-topic handling: the good topics of a frame are subscribed, the refusal names the bad one.
          for (const a of args) if (!this.refuse.has(a)) peer.topics.add(a);
          const refused = args.find((a) => this.refuse.has(a));
          if (refused !== undefined) {
            send({ success: false, ret_msg: `error:handler not found,topic:${refused}`, conn_id: 'c-1', req_id: reqId, op: 'subscribe' });
            return;
          }
        } else {
          for (const a of args) peer.topics.delete(a);
        }
        send({ success: true, ret_msg: '', conn_id: 'c-1', req_id: reqId, op: f['op'] });
      }
    });
  }
}

/** Polls until `check` holds (or throws after `ms`). */
export async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
