import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { bitunixSign, sortedQueryString } from '../../src/rest/sign.js';

export const KEY = { apiKey: 'test-api-key-123456', apiSecret: 'test-api-secret-abcdef' };

export interface RestCall {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly signed: boolean;
}

/** A handler answers `data` (wrapped in a success envelope) or a full `{code, msg}` error. */
export type Handler = (call: RestCall) => unknown;
export const fail = (code: number, msg: string) => ({ __error: { code, msg } });

export const PAIRS = [
  { symbol: 'BTCUSDT', base: 'BTC', quote: 'USDT', minTradeVolume: '0.0001', maxLimitOrderVolume: '100', maxMarketOrderVolume: '50', basePrecision: 4, quotePrecision: 1, minLeverage: 1, maxLeverage: 125, defaultLeverage: 20, defaultMarginMode: 1, priceProtectScope: '0.02', symbolStatus: 'OPEN', isApiSupported: true },
  { symbol: 'ETHUSDT', base: 'ETH', quote: 'USDT', minTradeVolume: '0.001', maxLimitOrderVolume: '1000', maxMarketOrderVolume: '500', basePrecision: 3, quotePrecision: 2, maxLeverage: 100, symbolStatus: 'OPEN' },
  { symbol: 'BTCUSD', base: 'BTC', quote: 'USD', minTradeVolume: '1', basePrecision: 0, quotePrecision: 1, symbolStatus: 'OPEN' },
];

/**
 * A loopback Bitunix REST + WS double: HTTP 200 envelopes, the documented signature checked on every private path
 * (raw decoded query sorted, raw body bytes), a `Date` header (Node's default), and WebSocket servers on
 * `/public/` and `/private/` whose behaviour each test scripts.
 */
export class FakeBitunix {
  readonly calls: RestCall[] = [];
  readonly handlers = new Map<string, Handler>();
  readonly sockets: { public: WebSocket[]; private: WebSocket[] } = { public: [], private: [] };
  readonly frames: { public: unknown[]; private: unknown[] } = { public: [], private: [] };
  onWsMessage: (kind: 'public' | 'private', ws: WebSocket, frame: Record<string, unknown>) => void = () => undefined;
  #server: http.Server;
  #wss: WebSocketServer;
  url = '';

  constructor() {
    this.handlers.set('/api/v1/futures/market/trading_pairs', () => PAIRS);
    this.#server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const u = new URL(req.url ?? '/', 'http://x');
        const signed = req.headers['api-key'] !== undefined;
        const call: RestCall = { method: req.method ?? 'GET', path: u.pathname, query: u.searchParams, body, headers: req.headers, signed };
        this.calls.push(call);
        const reply = (o: unknown): void => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(o));
        };
        if (signed) {
          const h = req.headers;
          const expected = bitunixSign({
            nonce: String(h['nonce']),
            timestamp: String(h['timestamp']),
            apiKey: String(h['api-key']),
            queryParams: sortedQueryString([...u.searchParams.entries()]),
            body,
            secretKey: KEY.apiSecret,
          });
          if (h['api-key'] !== KEY.apiKey || h['sign'] !== expected) return reply({ code: 10007, data: null, msg: 'Sign signature error' });
        }
        const handler = this.handlers.get(u.pathname);
        if (handler === undefined) return reply({ code: 404, data: null, msg: 'Not Found' });
        const out = handler(call) as { __error?: { code: number; msg: string } };
        if (out !== null && typeof out === 'object' && '__error' in out && out.__error) return reply({ code: out.__error.code, data: null, msg: out.__error.msg });
        reply({ code: 0, data: out, msg: 'Success' });
      });
    });
    this.#wss = new WebSocketServer({ noServer: true });
    this.#server.on('upgrade', (req, socket, head) => {
      const kind = req.url?.startsWith('/private') ? 'private' : 'public';
      this.#wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on('error', () => undefined);
        this.sockets[kind].push(ws);
        ws.send(JSON.stringify({ op: 'connect', data: { result: true } }));
        ws.on('message', (raw) => {
          const frame = JSON.parse(raw.toString()) as Record<string, unknown>;
          this.frames[kind].push(frame);
          if (frame['op'] === 'ping') ws.send(JSON.stringify({ op: 'ping', pong: frame['ping'], ping: Math.floor(Date.now() / 1000) }));
          if (frame['op'] === 'unsubscribe') ws.send(JSON.stringify({ op: 'unsubscribe', ts: Date.now(), data: 'success' }));
          this.onWsMessage(kind, ws, frame);
        });
      });
    });
  }

  async start(): Promise<this> {
    this.#server.listen(0, '127.0.0.1');
    await once(this.#server, 'listening');
    this.url = `127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  get environment(): { rest: string; publicWs: string; privateWs: string } {
    return { rest: `http://${this.url}`, publicWs: `ws://${this.url}/public/`, privateWs: `ws://${this.url}/private/` };
  }

  callsTo(path: string): RestCall[] {
    return this.calls.filter((c) => c.path === path);
  }

  push(kind: 'public' | 'private', frame: unknown): void {
    for (const ws of this.sockets[kind]) if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  }

  async stop(): Promise<void> {
    for (const ws of [...this.sockets.public, ...this.sockets.private]) ws.terminate();
    this.#wss.close();
    this.#server.closeAllConnections();
    await new Promise((r) => this.#server.close(r));
  }
}

export async function until(cond: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
