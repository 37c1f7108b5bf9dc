/**
 * `startBitunixSimulator`: a loopback Bitunix futures venue — a `node:http` server speaking the REST dialect and
 * `ws` servers on `/public/` and `/private/` — in front of an `@exkit/sim` `SimVenue`.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { VenueControl } from '@exkit/core/testing';
import { DEFAULT_INSTRUMENTS, SimVenue, type InstrumentDefinition, type SimFault } from '@exkit/sim';
import { WebSocketServer } from 'ws';
import { createControl } from './control.js';
import { createRouter } from './http/router.js';
import { BATCH_MAX, WS_IDLE_TIMEOUT_MS } from './limits.js';
import { FrontState } from './state.js';
import { Connection } from './ws/connection.js';
import { PrivateFeed } from './ws/private.js';
import { PublicFeed } from './ws/public.js';

/**
 * Bitunix lists USDT-M perpetuals only, with no minimum notional in trading_pairs (§5), and one USDT margin
 * account: the engine's default perpetuals without `minNotional`, and a USDT wallet.
 */
export const BITUNIX_INSTRUMENTS: readonly InstrumentDefinition[] = DEFAULT_INSTRUMENTS.filter((d) => d.type === 'swap').map((d) => {
  const { minNotional: _drop, ...rest } = d;
  return rest;
});
export const BITUNIX_WALLET: Readonly<Record<string, string>> = { USDT: '100000' };

export interface BitunixSimulatorOptions {
  /** The engine to front; a fresh real-time `SimVenue` (closed with the simulator) when absent. */
  readonly venue?: SimVenue;
  /** 0 (default): any free port on 127.0.0.1. */
  readonly port?: number;
  /** Seed of the venue created when `venue` is absent (default `bitunix-sim`). */
  readonly seed?: string;
  /** Faults injected at start. */
  readonly faults?: readonly SimFault[];
  /** Per-endpoint rate limits (§3); default true. The kit's `enforceRateLimits` fault turns them on too. */
  readonly enforceRateLimits?: boolean;
  /** Signed-request timestamp window in ms (refused with 10007); none by default (§9 open point). */
  readonly receiveWindowMs?: number;
  /** Idle cut of a socket without client messages (default 60 000, PROBE). */
  readonly idleTimeoutMs?: number;
  /** batch_order items per call (default 5; 20 per the older doc). */
  readonly batchMax?: number;
  /** depth_bookN push interval (default 300 ms, PROBE). */
  readonly depthIntervalMs?: number;
}

export interface BitunixSimulator {
  readonly restUrl: string;
  readonly wsPublicUrl: string;
  readonly wsPrivateUrl: string;
  /** The venue's default key (trade permission) on its default account. */
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly venue: SimVenue;
  readonly control: VenueControl;
  /** The `environment` option of `createBitunix`. */
  readonly environment: { readonly rest: string; readonly publicWs: string; readonly privateWs: string };
  close(): Promise<void>;
}

export async function startBitunixSimulator(options: BitunixSimulatorOptions = {}): Promise<BitunixSimulator> {
  const ownVenue = options.venue === undefined;
  const venue = options.venue ?? new SimVenue({ seed: options.seed ?? 'bitunix-sim', instruments: BITUNIX_INSTRUMENTS, wallet: BITUNIX_WALLET });
  for (const f of options.faults ?? []) venue.fault(f);
  const front = new FrontState(venue, {
    enforceRateLimits: options.enforceRateLimits ?? true,
    receiveWindowMs: options.receiveWindowMs,
    idleTimeoutMs: options.idleTimeoutMs ?? WS_IDLE_TIMEOUT_MS,
    batchMax: options.batchMax ?? BATCH_MAX,
  });
  const publicFeed = new PublicFeed(venue, options.depthIntervalMs);
  const privateFeed = new PrivateFeed(front);
  const all = (): Connection[] => [...publicFeed.connections, ...privateFeed.connections];

  const stopControl = venue.subscribe((e) => {
    if (e.channel !== 'control') return;
    if (e.type === 'resetConnections') {
      for (const c of all()) if (e.scope === 'all' || c.record.scope === e.scope) c.cut('fault');
    } else if (e.type === 'malformedFrame') {
      const privateStream = e.stream === 'orders' || e.stream === 'fills' || e.stream === 'positions' || e.stream === 'balances';
      for (const c of privateStream ? privateFeed.connections : publicFeed.connections) c.send('{"ch":"depth_book1","data":{"b":[["');
    }
  });

  const server = http.createServer(createRouter(front));
  server.keepAliveTimeout = 5_000;
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://sim').pathname.replace(/\/+$/, '');
    const scope = path === '/public' ? 'public' : path === '/private' ? 'private' : undefined;
    if (scope === undefined) {
      socket.destroy();
      return;
    }
    if (venue.faults.isRefusing('ws')) {
      front.openConnection(scope, true);
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (scope === 'public') {
        const conn = new Connection(ws, front, 'public', { onSubscribed: (c, keys) => publicFeed.onSubscribed(c, keys) });
        publicFeed.connections.add(conn);
        ws.on('close', () => {
          publicFeed.connections.delete(conn);
          publicFeed.forget(conn);
        });
      } else {
        const conn = new Connection(ws, front, 'private', { onLogin: (c, args) => privateFeed.onLogin(c, args) });
        privateFeed.connections.add(conn);
        ws.on('close', () => privateFeed.connections.delete(conn));
      }
    });
  });
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const restUrl = `http://${host}`;
  const wsPublicUrl = `ws://${host}/public/`;
  const wsPrivateUrl = `ws://${host}/private/`;

  const control = createControl(venue, front, {
    books: publicFeed,
    onReset: () => {
      for (const c of all()) c.cut('venue');
    },
  });
  let closed = false;
  return {
    restUrl,
    wsPublicUrl,
    wsPrivateUrl,
    get apiKey() {
      return venue.defaultApiKey.apiKey;
    },
    get apiSecret() {
      return venue.defaultApiKey.apiSecret;
    },
    venue,
    control,
    environment: { rest: restUrl, publicWs: wsPublicUrl, privateWs: wsPrivateUrl },
    close: async () => {
      if (closed) return;
      closed = true;
      stopControl();
      publicFeed.close();
      privateFeed.close();
      for (const c of all()) c.cut('venue');
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownVenue) venue.close();
    },
  };
}
