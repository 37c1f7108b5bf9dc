/**
 * A real HTTP server on 127.0.0.1 (port 0) that records every request exactly as it arrived
 * (raw URL, raw body bytes, headers, arrival time) and answers through a swappable handler.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Recorded {
  readonly method: string;
  /** Raw request target, e.g. `/v5/x?a=1`. */
  readonly url: string;
  readonly path: string;
  /** Raw query string without `?` ('' when none). */
  readonly query: string;
  readonly headers: IncomingMessage['headers'];
  /** Raw body text. */
  readonly body: string;
  /** Date.now() when the request line arrived. */
  readonly arrivedAt: number;
  readonly req: IncomingMessage;
}

export type Handler = (r: Recorded, res: ServerResponse) => void | Promise<void>;

export class LoopbackServer {
  readonly requests: Recorded[] = [];
  readonly sockets = new Set<Socket>();
  handler: Handler;
  readonly #server: Server;

  private constructor(server: Server, handler: Handler) {
    this.#server = server;
    this.handler = handler;
  }

  static async start(handler: Handler = (_r, res) => json(res, 200, {})): Promise<LoopbackServer> {
    const server = createServer();
    const lb = new LoopbackServer(server, handler);
    server.on('connection', (s: Socket) => {
      lb.sockets.add(s);
      s.on('close', () => lb.sockets.delete(s));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const arrivedAt = Date.now();
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = req.url ?? '/';
        const q = url.indexOf('?');
        const r: Recorded = {
          method: req.method ?? 'GET',
          url,
          path: q < 0 ? url : url.slice(0, q),
          query: q < 0 ? '' : url.slice(q + 1),
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          arrivedAt,
          req,
        };
        lb.requests.push(r);
        Promise.resolve(lb.handler(r, res)).catch((err: unknown) => {
          res.statusCode = 500;
          res.end(String(err));
        });
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return lb;
  }

  get url(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Requests to one path. */
  to(path: string): Recorded[] {
    return this.requests.filter((r) => r.path === path);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Max number of arrivals inside any window of `windowMs` (a window (t − w, t] ending at each arrival). */
export function maxInSlidingWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[start] as number) <= (sorted[end] as number) - windowMs) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}
