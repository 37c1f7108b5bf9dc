/**
 * `startBybitSimulator()`: a real `node:http` server (REST) with WebSocket upgrades (`ws`) on
 * 127.0.0.1, speaking Bybit V5 in front of an `@exkit/sim` venue.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import type { VenueControl, VenueLimits } from '@exkit/core/testing';
import { SimVenue, type SimFault, type SimVenueOptions } from '@exkit/sim';
import { WebSocketServer } from 'ws';
import { FrontState, venueControl } from './control.js';
import { BybitLimits, endpointLimit, IP_LIMIT, IP_WINDOW_MS } from './limits.js';
import { Router } from './http/router.js';
import { accountRoutes } from './http/routes/account.js';
import { executionRoutes } from './http/routes/execution.js';
import { marketRoutes } from './http/routes/market.js';
import { orderRoutes } from './http/routes/order.js';
import { positionRoutes } from './http/routes/position.js';
import { userRoutes } from './http/routes/user.js';
import type { SimKeyPermissions } from './keys.js';
import { WsFront } from './ws/front.js';

export interface BybitSimulatorOptions {
  /** A venue to front (the caller owns it and closes it); default: a new `SimVenue({ seed })`. */
  readonly venue?: SimVenue;
  /** Options for the venue created when `venue` is absent. */
  readonly venueOptions?: SimVenueOptions;
  /** Default 0 (any free port). */
  readonly port?: number;
  readonly seed?: string | number;
  /** Faults set at start. */
  readonly faults?: readonly SimFault[];
  /** Refuse requests beyond the per-UID endpoint limits with 10006 (default true, as the venue does). */
  readonly enforceLimits?: boolean;
  /**
   * Sockets whose client sends nothing this long are cut (default 600 000: the venue's ~10 min,
   * reference §1). Tests shorten it, with `heartbeatIntervalMs`, to hold a connection idle for a
   * few multiples of it in seconds (CK-ST-04).
   */
  readonly idleTimeoutMs?: number;
  /** The heartbeat interval the venue asks for, reported by `limits()` (default 20 000, reference §6). */
  readonly heartbeatIntervalMs?: number;
  /**
   * What the simulator's key (`apiKey`) may do, as `/v5/user/query-api` reports it. Default
   * read + trade, no withdraw, no transfer; `trade: false` makes `apiKey` a read-only key of the
   * default account (the venue then refuses its orders).
   */
  readonly keyPermissions?: SimKeyPermissions;
}

export interface BybitSimulator {
  /** `http://127.0.0.1:<port>` — the REST base. */
  readonly restUrl: string;
  /** `ws://127.0.0.1:<port>/v5/public/<category>`. */
  wsPublicUrl(category: 'linear' | 'spot'): string;
  readonly wsPrivateUrl: string;
  readonly wsTradeUrl: string;
  /** The simulator's key on the venue's default account (trading unless `keyPermissions.trade` is false). */
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly venue: SimVenue;
  readonly control: VenueControl;
  /** Sets what `/v5/user/query-api` reports for any venue key (wallet grants, IP binding). */
  setKeyPermissions(apiKey: string, permissions: Omit<SimKeyPermissions, 'trade'>): void;
  close(): Promise<void>;
}

const RECEIVE_WINDOW_MS = 5_000;

function limitsOf(idleTimeoutMs: number, heartbeatIntervalMs: number): VenueLimits {
  const ops = [
    ['placeOrder', '/v5/order/create'],
    ['amendOrder', '/v5/order/amend'],
    ['cancelOrder', '/v5/order/cancel'],
    ['cancelAllOrders', '/v5/order/cancel-all'],
    ['fetchOpenOrders', '/v5/order/realtime'],
    ['fetchOrderHistory', '/v5/order/history'],
    ['fetchFills', '/v5/execution/list'],
    ['fetchPositions', '/v5/position/list'],
    ['setLeverage', '/v5/position/set-leverage'],
    ['fetchBalances', '/v5/account/wallet-balance'],
  ] as const;
  return {
    idleTimeoutMs,
    heartbeatIntervalMs,
    receiveWindowMs: RECEIVE_WINDOW_MS,
    buckets: [
      { name: 'ip', scope: 'ip', limit: IP_LIMIT, windowMs: IP_WINDOW_MS },
      ...ops.map(([op, path]) => ({ name: path, scope: 'endpoint' as const, operations: [op], limit: endpointLimit(path, 'linear'), windowMs: 1_000 })),
    ],
  };
}

export async function startBybitSimulator(options: BybitSimulatorOptions = {}): Promise<BybitSimulator> {
  const ownVenue = options.venue === undefined;
  const venue = options.venue ?? new SimVenue({ seed: options.seed ?? 'bybit-sim', ...options.venueOptions });
  for (const f of options.faults ?? []) venue.fault(f);
  const limits = new BybitLimits(options.enforceLimits ?? true);
  const state = new FrontState(limits);
  const router = new Router(venue, state, [...marketRoutes, ...accountRoutes, ...positionRoutes, ...orderRoutes, ...executionRoutes, ...userRoutes]);

  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    router.handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ retCode: 10016, retMsg: `internal error: ${e instanceof Error ? e.message : String(e)}` }));
    });
  });
  // Keep idle keep-alive sockets longer than clients pool them (Node's 5 s default races a client
  // reusing a socket the server is closing: ECONNRESET under load); close() destroys them anyway.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const wss = new WebSocketServer({ noServer: true });
  const idleTimeoutMs = options.idleTimeoutMs ?? 600_000;
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? 20_000;
  const ws = new WsFront(venue, state, wss, { idleTimeoutMs });
  ws.router = router;
  server.on('upgrade', (req, socket, head) => ws.upgrade(req, socket, head));

  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const base = `127.0.0.1:${port}`;
  const perms = options.keyPermissions ?? {};
  const key = perms.trade === false ? venue.createApiKey({ permissions: ['read'] }) : venue.defaultApiKey;
  state.keyPermissions.set(key.apiKey, perms);
  const control = venueControl(venue, state, () => limitsOf(idleTimeoutMs, heartbeatIntervalMs), () => ws.resetAll());
  let closed = false;

  return {
    restUrl: `http://${base}`,
    wsPublicUrl: (category) => `ws://${base}/v5/public/${category}`,
    wsPrivateUrl: `ws://${base}/v5/private`,
    wsTradeUrl: `ws://${base}/v5/trade`,
    apiKey: key.apiKey,
    apiSecret: key.apiSecret,
    venue,
    control,
    setKeyPermissions: (apiKey, permissions) => {
      state.keyPermissions.set(apiKey, permissions);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      ws.close();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownVenue) venue.close();
    },
  };
}
