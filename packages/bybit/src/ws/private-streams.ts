import {
  AuthenticationError,
  ClosedError,
  ExchangeError,
  FillLedger,
  TopicManager,
  forwardLifecycle,
  type BackoffOptions,
  type ReconnectBudget,
  type Balance,
  type Clock,
  type CredentialsProvider,
  type Exchange,
  type Fill,
  type HeartbeatOptions,
  type Logger,
  type Market,
  type Order,
  type Position,
  type Redactor,
  type Subscription,
} from '@exkit/core';
import type { BybitCategory, BybitUrls } from '../environments.js';
import { mapWalletCoin } from '../map/balance.js';
import { mapExecution } from '../map/fill.js';
import { mapOrder } from '../map/order.js';
import { mapPosition } from '../map/position.js';
import { reconcilePrivateState, type ReconcileSink, type ReconcileSource } from '../reconcile/reconcile.js';
import { BalanceTracker, OrderTracker, PositionTracker } from '../reconcile/trackers.js';
import type { WireCategory } from '../rest/schemas/common.js';
import { privateAuthenticate } from './auth.js';
import { parseFrame } from './parse.js';
import { bybitTopicProtocol } from './protocol.js';
import { wsExecutionFrameSchema, wsOrderFrameSchema, wsPositionFrameSchema, wsWalletFrameSchema } from './schemas/private.js';
import { StreamHub, type TopicControl, type TopicState } from './stream-hub.js';

/** All-in-one private topics (reference §6): every category on one subscription, filtered here. */
export const PRIVATE_TOPICS = { orders: 'order', fills: 'execution', positions: 'position', balances: 'wallet' } as const;

/** Fills are re-read from this long before the connection dropped (clock differences, late pushes). */
const FILL_MARGIN_MS = 60_000;

export interface PrivateStreamsOptions {
  readonly exchange: string;
  readonly urls: BybitUrls;
  readonly events: Exchange['events'];
  readonly heartbeat: HeartbeatOptions;
  readonly backoff?: BackoffOptions;
  /** When a dropped socket stops reconnecting (its streams then end with a NetworkError). */
  readonly budget?: ReconnectBudget;
  readonly redactor: Redactor;
  readonly logger?: Logger;
  readonly clock: Clock;
  readonly credentials?: CredentialsProvider;
  readonly recvWindow: number;
  /** Venue time (synced clock) for the login's `expires`. */
  readonly venueNow: () => number;
  readonly categories: readonly BybitCategory[];
  /** Resolves a symbol (loading markets first). */
  readonly market: (symbol: string) => Promise<Market>;
  /** Loads the markets (a no-op once loaded). */
  readonly ensureMarkets: () => Promise<void>;
  /** A loaded market by category and native id, for mapping pushed rows. */
  readonly marketFor: (category: BybitCategory, nativeId: string) => Market | undefined;
  /** REST reads for the initial state and for reconciliation after a reconnect. */
  readonly source: ReconcileSource;
  /** Period of the REST check while connected, ms (0: only after reconnects). */
  readonly reconcileIntervalMs: number;
}

/**
 * Private streams over one authenticated connection (`/v5/private`): orders, fills, positions and
 * balances. Every update passes a tracker (orders never regress, each fill once, positions
 * remembered), the same path REST reconciliation takes after a reconnect. Positions and balances
 * get a REST snapshot when subscribed (the venue pushes no snapshot, reference §6 "wallet"). They
 * are delivered queued, not conflated: one subscription carries several symbols/currencies and
 * conflating would drop all but the last one's state.
 */
export class PrivateStreams {
  readonly #o: PrivateStreamsOptions;
  readonly #hub: StreamHub;
  readonly #orders = new OrderTracker();
  readonly #fills = new FillLedger();
  readonly #positions = new PositionTracker();
  readonly #balances = new BalanceTracker();
  #timer: NodeJS.Timeout | undefined;
  #lastCheck: number | undefined;
  #manager: TopicManager | undefined;
  #unforward: (() => void) | undefined;
  #downSince: number | undefined;
  #everReady = false;
  #reconciling: Promise<void> | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: PrivateStreamsOptions) {
    this.#o = options;
    this.#hub = new StreamHub(options.exchange);
  }

  orders(symbol?: string): Subscription<Order> {
    return this.#open<Order>('orders', symbol, (market) => (o) => (market === undefined || o.symbol === market.symbol ? o : undefined), (control) => this.#orderState(control));
  }

  fills(symbol?: string): Subscription<Fill> {
    return this.#open<Fill>('fills', symbol, (market) => (f) => (market === undefined || f.symbol === market.symbol ? f : undefined), (control) => this.#fillState(control));
  }

  positions(symbol?: string): Subscription<Position> {
    return this.#open<Position>(
      'positions',
      symbol,
      (market) => (p) => (market === undefined || p.symbol === market.symbol ? p : undefined),
      (control) => this.#positionState(control),
      async (market, push) => {
        if (!this.#o.categories.includes('linear')) return;
        const held = await this.#o.source.positions();
        const now = this.#o.clock.now();
        if (market !== undefined) {
          const mine = held.find((p) => p.symbol === market.symbol) ?? PositionTracker.flat(market.symbol, now);
          this.#positions.record(mine);
          push(mine);
          return;
        }
        for (const p of held) {
          this.#positions.record(p);
          push(p);
        }
      },
    );
  }

  balances(): Subscription<Balance> {
    return this.#open<Balance>(
      'balances',
      undefined,
      () => (b) => b,
      (control) => this.#walletState(control),
      async (_market, push) => {
        for (const b of await this.#o.source.balances()) {
          this.#balances.record(b);
          push(b);
        }
      },
    );
  }

  /** Ends every private stream and closes the connection. Idempotent. */
  close(error: ExchangeError): Promise<void> {
    this.#closing ??= (async () => {
      this.#stopSchedule();
      this.#hub.closeAll(error);
      const m = this.#manager;
      this.#manager = undefined;
      this.#unforward?.();
      if (m !== undefined) await m.close();
      await this.#reconciling?.catch(() => undefined);
    })();
    return this.#closing;
  }

  // ---- streams -----------------------------------------------------------------------------------

  #open<T>(
    kind: keyof typeof PRIVATE_TOPICS,
    symbol: string | undefined,
    project: (market: Market | undefined) => (item: T) => T | undefined,
    createState: (control: TopicControl) => TopicState<T>,
    snapshot?: (market: Market | undefined, push: (item: T) => void) => Promise<void>,
  ): Subscription<T> {
    let market: Market | undefined;
    const label = symbol === undefined ? kind : `${kind} ${symbol}`;
    return this.#hub.open<T, T>({
      label,
      mode: 'queue',
      spec: async () => {
        this.#assertUsable();
        await this.#o.ensureMarkets();
        market = symbol === undefined ? undefined : await this.#o.market(symbol);
        return { manager: this.#connection(), venueTopic: PRIVATE_TOPICS[kind], createState, project: project(market) };
      },
      ...(snapshot !== undefined && { afterReady: (push: (item: T) => void) => snapshot(market, push) }),
    });
  }

  /** No credentials: AuthenticationError before anything connects; after close: ClosedError. */
  #assertUsable(): void {
    const o = this.#o;
    if (this.#closing !== undefined) throw new ClosedError(`${o.exchange}: private streams closed`, { exchange: o.exchange });
    if (o.credentials === undefined) {
      throw new AuthenticationError(`${o.exchange}: private streams need credentials (none configured)`, { exchange: o.exchange });
    }
  }

  #connection(): TopicManager {
    this.#assertUsable();
    const o = this.#o;
    if (this.#manager !== undefined) return this.#manager;
    const manager = new TopicManager({
      name: 'private',
      protocol: bybitTopicProtocol('private'),
      socket: {
        exchange: o.exchange,
        url: o.urls.privateWs,
        heartbeat: o.heartbeat,
        ...(o.backoff !== undefined && { backoff: o.backoff }),
        ...(o.budget !== undefined && { budget: o.budget }),
        redactor: o.redactor,
        ...(o.logger !== undefined && { logger: o.logger }),
        clock: o.clock,
        authenticate: privateAuthenticate({
          exchange: o.exchange,
          credentials: o.credentials as CredentialsProvider,
          redactor: o.redactor,
          venueNow: o.venueNow,
          expiresInMs: o.recvWindow,
        }),
      },
    });
    this.#unforward = forwardLifecycle(manager, o.events);
    manager.on('error', (e) => {
      if (e.error instanceof AuthenticationError) this.#loginRefused(manager, e.error);
    });
    manager.on('reconnecting', (e) => {
      this.#downSince ??= e.at;
      this.#stopSchedule();
    });
    manager.on('ready', () => this.#onReady());
    this.#manager = manager;
    return manager;
  }

  /**
   * A refused login ends the private streams with that AuthenticationError and closes the
   * connection, so wrong keys never loop; the next private subscription connects afresh (and asks
   * the credentials provider again).
   */
  #loginRefused(manager: TopicManager, error: AuthenticationError): void {
    if (this.#manager !== manager) return;
    this.#manager = undefined;
    this.#unforward?.();
    this.#unforward = undefined;
    this.#everReady = false;
    this.#downSince = undefined;
    this.#stopSchedule();
    this.#hub.failManager(manager, error);
    void manager.close();
  }

  /** After a reconnect: re-read by REST what the gap may have hidden; then keep a periodic check running. */
  #onReady(): void {
    const reconnect = this.#everReady;
    this.#everReady = true;
    const downSince = this.#downSince;
    this.#downSince = undefined;
    const now = this.#o.clock.now();
    if (reconnect) {
      const gapStart = Math.min(downSince ?? now, this.#fills.latest > 0 ? this.#fills.latest : now);
      this.#reconcile('private stream reconnected', gapStart, true);
    }
    this.#lastCheck = now;
    this.#schedule();
  }

  /**
   * Events can also be lost with the connection up (the private topics carry no per-account
   * sequence to detect it: `seq` is a cross sequence shared by symbols, reference §5 execution):
   * every `reconcileIntervalMs` the same REST re-read runs; it emits only what is news.
   */
  #schedule(): void {
    this.#stopSchedule();
    const every = this.#o.reconcileIntervalMs;
    if (every <= 0 || this.#manager === undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      const since = this.#lastCheck ?? this.#o.clock.now() - every;
      this.#lastCheck = this.#o.clock.now();
      this.#reconcile('periodic check', since, false);
      this.#schedule();
    }, every);
    this.#timer.unref();
  }

  #stopSchedule(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Re-reads by REST what consumers are subscribed to, through the trackers (which drop what is not news). */
  #reconcile(reason: string, since: number, always: boolean): void {
    const manager = this.#manager;
    if (manager === undefined || this.#reconciling !== undefined) return;
    const want = {
      orders: this.#hub.has(manager, PRIVATE_TOPICS.orders),
      fills: this.#hub.has(manager, PRIVATE_TOPICS.fills),
      positions: this.#hub.has(manager, PRIVATE_TOPICS.positions) && this.#o.categories.includes('linear'),
      balances: this.#hub.has(manager, PRIVATE_TOPICS.balances),
    };
    if (!want.orders && !want.fills && !want.positions && !want.balances) return;
    const now = this.#o.clock.now();
    const run = reconcilePrivateState(this.#o.source, this.#sink(manager), {
      ...want,
      fillsSince: Math.max(0, since - FILL_MARGIN_MS),
      liveOrders: this.#orders.live(),
      openPositionSymbols: this.#positions.openSymbols(),
      now,
    }).then(
      (emitted) => {
        if (always || emitted > 0) this.#o.events.emit('reconciled', { reason, emitted, at: this.#o.clock.now() });
      },
      (err: unknown) => {
        const error = err instanceof ExchangeError ? err : new ExchangeError(`${this.#o.exchange}: reconciliation failed: ${String(err)}`, { exchange: this.#o.exchange, cause: err });
        this.#o.events.emit('error', { connection: 'private', error, at: this.#o.clock.now() });
      },
    );
    const tracked: Promise<void> = run.finally(() => {
      if (this.#reconciling === tracked) this.#reconciling = undefined;
    });
    this.#reconciling = tracked;
  }

  #sink(manager: TopicManager): ReconcileSink {
    return {
      order: (o) => this.#orders.accept(o) && this.#hub.publish(manager, PRIVATE_TOPICS.orders, o) > 0,
      fill: (f) => this.#fills.accept(f) && this.#hub.publish(manager, PRIVATE_TOPICS.fills, f) > 0,
      position: (p) => this.#positions.record(p) && this.#hub.publish(manager, PRIVATE_TOPICS.positions, p) > 0,
      balance: (b) => this.#balances.record(b) && this.#hub.publish(manager, PRIVATE_TOPICS.balances, b) > 0,
    };
  }

  // ---- topic states ------------------------------------------------------------------------------

  /** Maps each row on its own: one row the adapter cannot express is reported, the others go on. */
  #each<W, T>(rows: readonly W[], control: TopicControl, map: (row: W) => T | undefined, emit: (item: T) => void): void {
    for (const row of rows) {
      let item: T | undefined;
      try {
        item = map(row);
      } catch (err) {
        control.report(err instanceof ExchangeError ? err : new ExchangeError(String(err), { exchange: this.#o.exchange, cause: err }));
        continue;
      }
      if (item !== undefined) emit(item);
    }
  }

  #loaded(category: WireCategory | undefined, id: string): Market | undefined {
    if (category !== 'linear' && category !== 'spot') return undefined;
    return this.#o.categories.includes(category) ? this.#o.marketFor(category, id) : undefined;
  }

  #orderState(control: TopicControl): TopicState<Order> {
    return {
      onMessage: (message, emit) => {
        const frame = parseFrame(wsOrderFrameSchema, message, 'order');
        this.#each(frame.data, control, (row) => {
          const market = this.#loaded(row.category, row.symbol);
          if (market === undefined) return undefined;
          const order = mapOrder(row, market);
          return this.#orders.accept(order) ? order : undefined;
        }, emit);
      },
    };
  }

  #fillState(control: TopicControl): TopicState<Fill> {
    return {
      onMessage: (message, emit) => {
        const frame = parseFrame(wsExecutionFrameSchema, message, 'execution');
        this.#each(frame.data, control, (row) => {
          const market = this.#loaded(row.category, row.symbol);
          const fill = market === undefined ? undefined : mapExecution(row, market);
          return fill !== undefined && this.#fills.accept(fill) ? fill : undefined;
        }, emit);
      },
    };
  }

  #positionState(control: TopicControl): TopicState<Position> {
    return {
      onMessage: (message, emit) => {
        const frame = parseFrame(wsPositionFrameSchema, message, 'position');
        this.#each(frame.data, control, (row) => {
          const market = this.#loaded(row.category ?? 'linear', row.symbol);
          if (market === undefined) return undefined;
          const position = mapPosition(row, market, frame.creationTime);
          this.#positions.record(position);
          return position;
        }, emit);
      },
    };
  }

  #walletState(control: TopicControl): TopicState<Balance> {
    return {
      onMessage: (message, emit) => {
        const frame = parseFrame(wsWalletFrameSchema, message, 'wallet');
        const coins = frame.data.flatMap((account) => account.coin);
        this.#each(
          coins,
          control,
          (coin) => {
            const balance = mapWalletCoin(coin, frame.creationTime);
            this.#balances.record(balance);
            return balance;
          },
          emit,
        );
      },
    };
  }
}
