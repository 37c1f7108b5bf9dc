import { ExchangeError, forwardLifecycle, InvalidArgumentError, resolveCredentials, TopicManager, type ExchangeBase, type ResolvedCredentials } from '@exkit/core';
import { fromHistoryTrade } from '../map/fill.js';
import type { ResolvedOptions } from '../options.js';
import type { ReconcileSource } from '../reconcile/reconciler.js';
import { getHistoryTrades } from '../rest/endpoints/history-trades.js';
import { MAX_LIST_LIMIT, WS_OUTBOUND_LIMIT } from '../rest/limits.js';
import { createLogin } from '../ws/auth.js';
import { createHeartbeat, PONG_TIMEOUT_MS } from '../ws/heartbeat.js';
import { PingBarrier } from '../ws/ping-barrier.js';
import { PrivateHub } from '../ws/private-streams.js';
import { createProtocol } from '../ws/protocol.js';
import { PublicStreams } from '../ws/public-streams.js';
import type { BitunixContext } from './context.js';
import type { BitunixWiring } from './wiring.js';

/**
 * Reconnect policy: back off from 0.5 s doubling to a 10 s cap (a venue that "may block IPs that are repeatedly
 * disconnected", bitunix.md §3, is not hammered, yet a socket is back within ~10 s of the venue); give up after
 * `reconnectBudgetMs` down (default 60 s), when the iterators end with a NetworkError instead of waiting for ever.
 */
export const RECONNECT_BACKOFF = Object.freeze({ initialDelayMs: 500, maxDelayMs: 10_000, factor: 2 });

/** What the sockets need beyond the context: options, wiring, the exchange's events and reconcile reads. */
export interface SocketDeps {
  readonly ctx: BitunixContext;
  readonly options: ResolvedOptions;
  readonly wiring: BitunixWiring;
  readonly events: ExchangeBase['events'];
  /** The exchange's own reads the private hub reconciles against. */
  readonly source: ReconcileSource;
}

/** The public and private WebSocket sides, opened on first use and closed with the exchange. */
export class BitunixSockets {
  readonly #d: SocketDeps;
  #credentials: Promise<ResolvedCredentials> | undefined;
  #publicManager: TopicManager | undefined;
  #privateManager: TopicManager | undefined;
  #publicStreams: PublicStreams | undefined;
  #hub: PrivateHub | undefined;
  readonly #unforward: Array<() => void> = [];

  constructor(deps: SocketDeps) {
    this.#d = deps;
  }

  /** Public streams (ticker, trades, candles), opening the public socket manager on first use. */
  publicSide(): PublicStreams {
    if (this.#publicStreams === undefined) {
      const { ctx, events } = this.#d;
      const barrier = new PingBarrier(this.#d.wiring.venueTime);
      const manager = new TopicManager({ name: 'public', protocol: createProtocol(ctx.id), socket: this.#socketOptions('public', barrier) });
      const onReconnecting = (): void => barrier.reset();
      manager.on('reconnecting', onReconnecting);
      this.#unforward.push(forwardLifecycle(manager, events), () => manager.off('reconnecting', onReconnecting));
      this.#publicManager = manager;
      this.#publicStreams = new PublicStreams({ exchange: ctx.id, manager, settled: () => barrier.after(manager) });
    }
    return this.#publicStreams;
  }

  /** The public socket manager (order books run on it directly). */
  publicManager(): TopicManager {
    this.publicSide();
    return this.#publicManager as TopicManager;
  }

  /** The private hub (orders, fills, positions, balances); throws without credentials. */
  privateHub(): PrivateHub {
    if (this.#hub === undefined) {
      const { ctx, options, events, source } = this.#d;
      if (options.credentials === undefined) throw new InvalidArgumentError(`${ctx.id}: private streams need credentials`, { exchange: ctx.id });
      const manager = new TopicManager({ name: 'private', protocol: createProtocol(ctx.id), socket: this.#socketOptions('private') });
      this.#unforward.push(forwardLifecycle(manager, events));
      this.#privateManager = manager;
      this.#hub = new PrivateHub({
        exchange: ctx.id,
        manager,
        clock: ctx.clock,
        logger: ctx.logger,
        marketById: (id) => ctx.registry().find(id),
        ensureMarkets: () => ctx.loadMarkets(),
        lookupOrder: (id, market) => ctx.fetchOrder(market, { symbol: market.symbol, id }),
        fillsOfOrder: async (order, market) => {
          const r = await getHistoryTrades(ctx.rest, { symbol: market.id, orderId: order.id, limit: MAX_LIST_LIMIT });
          const sides = new Map([[order.id, order.side]]);
          return r.tradeList
            .flatMap((row) => {
              const f = fromHistoryTrade(row, market, sides.get(row.orderId));
              return f === undefined ? [] : [f];
            })
            .sort((a, b) => a.timestamp - b.timestamp);
        },
        reconcileSource: source,
        onReconciled: (e) => events.emit('reconciled', e),
      });
    }
    return this.#hub;
  }

  /** Stops forwarding lifecycle events and closes the private hub (synchronous part of close). */
  detach(): void {
    for (const f of this.#unforward.splice(0)) f();
    this.#hub?.close();
  }

  /** Closes both socket managers (those opened). */
  close(): Array<Promise<unknown> | undefined> {
    return [this.#publicManager?.close(), this.#privateManager?.close()];
  }

  #creds(): Promise<ResolvedCredentials> {
    const { ctx, options, wiring } = this.#d;
    const provider = options.credentials;
    if (provider === undefined) return Promise.reject(new ExchangeError(`${ctx.id}: private streams need credentials`, { exchange: ctx.id }));
    this.#credentials ??= resolveCredentials(provider, ctx.id).then(
      (c) => {
        wiring.transport.redactor.add(c.apiKey.reveal(), c.apiSecret.reveal());
        return c;
      },
      (err: unknown) => {
        this.#credentials = undefined;
        throw err;
      },
    );
    return this.#credentials;
  }

  #socketOptions(name: 'public' | 'private', barrier?: PingBarrier): ConstructorParameters<typeof TopicManager>[0]['socket'] {
    const { ctx, options, wiring } = this.#d;
    const url = name === 'public' ? options.urls.publicWs : options.urls.privateWs;
    return {
      exchange: ctx.id,
      url,
      heartbeat:
        barrier === undefined
          ? createHeartbeat(wiring.venueTime, options.heartbeatIntervalMs)
          : { ping: barrier.ping, isPong: barrier.isPong, intervalMs: options.heartbeatIntervalMs, timeoutMs: Math.min(PONG_TIMEOUT_MS, options.heartbeatIntervalMs) },
      rateLimit: WS_OUTBOUND_LIMIT,
      backoff: RECONNECT_BACKOFF,
      budget: { maxDowntimeMs: options.reconnectBudgetMs },
      redactor: wiring.transport.redactor,
      logger: ctx.logger,
      clock: ctx.clock,
      ...(name === 'private' && { authenticate: createLogin({ exchange: ctx.id, credentials: () => this.#creds(), clock: wiring.venueTime }) }),
    };
  }
}
