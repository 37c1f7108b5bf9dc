// A bare fastify with the WebSocket plugin on loopback, a fake Authenticator (the API side's double),
// manual timers for pings and timeouts, and a WS client that records what it receives.
import { ManualClock, ManualTimers, type Exchange } from '@exkit/core';
import Fastify, { type FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import type { Authenticator, Principal } from '../../../src/contracts/auth.js';
import type { EventBus } from '../../../src/contracts/events.js';
import type { VenueRegistry } from '../../../src/contracts/venues.js';
import { createEventBus } from '../../../src/events/index.js';
import { createWebSocketGateway, type WebSocketGateway, type WebSocketHubOptions } from '../../../src/ws/index.js';

export class FakeAuthenticator implements Authenticator {
  readonly tokens = new Map<string, Principal>();
  readonly revoked = new Set<string>();
  async authenticate(token: string): Promise<Principal | null> {
    return this.tokens.get(token) ?? null;
  }
  async isStillValid(p: Principal): Promise<boolean> {
    return !this.revoked.has(p.id);
  }
}

/** A registry whose venue is never reached (tests without market topics). */
export const NO_VENUES: VenueRegistry = {
  list: () => [],
  get: () => {
    throw new Error('no venue configured');
  },
};

export interface WsServer {
  readonly app: FastifyInstance;
  readonly gateway: WebSocketGateway;
  readonly bus: EventBus;
  readonly auth: FakeAuthenticator;
  readonly timers: ManualTimers;
  readonly clock: ManualClock;
  url(session: string, token?: string): string;
  close(): Promise<void>;
}

export async function startWsServer(options: Partial<WebSocketHubOptions> = {}): Promise<WsServer> {
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 12));
  const timers = new ManualTimers(clock);
  const bus = options.bus ?? createEventBus();
  const auth = new FakeAuthenticator();
  auth.tokens.set('reader-token', { kind: 'user', id: 'u1', name: 'reader', role: 'READ_ONLY' });
  auth.tokens.set('key-token', { kind: 'api_key', id: 'k1', name: 'dashboard key', role: 'CONTROL' });
  const gateway = createWebSocketGateway({ bus, authenticator: auth, venues: NO_VENUES, clock, timers, ...options });
  const app = Fastify({ logger: false });
  await app.register(gateway.plugin);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    app,
    gateway,
    bus,
    auth,
    timers,
    clock,
    url: (session, token) => `ws://127.0.0.1:${port}/ws/${encodeURIComponent(session)}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`,
    close: async () => {
      await app.close();
      await bus.close();
    },
  };
}

export interface Frame {
  readonly type: string;
  readonly [k: string]: unknown;
}

/** A real `ws` client that records frames and its close code. */
export class TestClient {
  readonly frames: Frame[] = [];
  readonly ws: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly #waiters: Array<{ match: (f: Frame) => boolean; resolve: (f: Frame) => void }> = [];

  constructor(url: string, options: WebSocket.ClientOptions = {}) {
    this.ws = new WebSocket(url, options);
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
      this.ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    this.opened.catch(() => undefined);
    this.closed = new Promise((resolve) => this.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    this.ws.on('message', (raw) => {
      const f = JSON.parse(String(raw)) as Frame;
      this.frames.push(f);
      for (const w of [...this.#waiters]) {
        if (w.match(f)) {
          this.#waiters.splice(this.#waiters.indexOf(w), 1);
          w.resolve(f);
        }
      }
    });
  }

  send(value: unknown): void {
    this.ws.send(typeof value === 'string' ? value : JSON.stringify(value));
  }

  /** The first frame (already received or coming) of that type or matching; removed from `frames`. */
  next(match: ((f: Frame) => boolean) | string, ms = 5_000): Promise<Frame> {
    const m = typeof match === 'string' ? (f: Frame): boolean => f.type === match : match;
    const seen = this.frames.find(m);
    if (seen !== undefined) {
      this.frames.splice(this.frames.indexOf(seen), 1);
      return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no matching frame within ${ms} ms; last types ${JSON.stringify(this.frames.slice(-5).map((f) => f.type))}`)), ms);
      this.#waiters.push({
        match: m,
        resolve: (f) => {
          clearTimeout(t);
          this.frames.splice(this.frames.indexOf(f), 1);
          resolve(f);
        },
      });
    });
  }

  /** Sends a ping frame and waits for the pong: everything sent before it was handled. */
  async roundTrip(): Promise<void> {
    this.send({ type: 'ping' });
    await this.next('pong');
  }

  close(): void {
    this.ws.terminate();
  }
}

export type { Exchange };
