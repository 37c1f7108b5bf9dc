import {
  ClosedError,
  createSubscription,
  FillLedger,
  type Balance,
  type Clock,
  type ExchangeError,
  type Fill,
  type Logger,
  type Market,
  type Order,
  type Position,
  type Subscription,
  type SubscriptionSink,
  type TopicLease,
  type TopicManager,
} from '@exkit/core';
import { fromWsBalance } from '../map/balance.js';
import { fromWsOrder } from '../map/order.js';
import { fromWsPosition } from '../map/position.js';
import { reconcile, type ReconcileSource, type ReconcileState } from '../reconcile/reconciler.js';
import { BalanceTracker, OrderTracker, PositionTracker } from '../reconcile/state.js';
import { nextLoginRefusal } from './login-refusal.js';
import { parseFrame } from './parse.js';
import { balanceFrameSchema, orderFrameSchema, positionFrameSchema, type WsOrder } from './schemas/private.js';
import { asError } from './stream.js';

type Kind = 'orders' | 'fills' | 'positions' | 'balances';
type Channel = 'order' | 'position' | 'balance';

/** Which private channel feeds each stream: fills have no channel of their own (§6) and are read on order fills. */
const CHANNEL: Readonly<Record<Kind, Channel>> = { orders: 'order', fills: 'order', positions: 'position', balances: 'balance' };

interface Consumer<T> {
  readonly kind: Kind;
  /** Unified symbol filter, resolved once the market is known. */
  symbol?: string;
  readonly sink: SubscriptionSink<T>;
}

export interface PrivateHubOptions {
  readonly exchange: string;
  readonly manager: TopicManager;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Loaded market for a native id (undefined: outside this adapter's markets — the frame is skipped). */
  readonly marketById: (id: string) => Market | undefined;
  /** Loads markets once (frames may arrive before anyone asked for them). */
  readonly ensureMarkets: () => Promise<unknown>;
  /** REST detail of one order: the authority when a frame cannot be mapped alone (see map/order.ts). */
  readonly lookupOrder: (id: string, market: Market) => Promise<Order>;
  /** REST fills of one order (get_history_trades?orderId=), ascending. */
  readonly fillsOfOrder: (order: Order, market: Market) => Promise<Fill[]>;
  readonly reconcileSource: ReconcileSource;
  readonly onReconciled: (e: { reason: string; emitted: number; at: number }) => void;
  /** Reconcile over REST this often even without a visible gap (default RECONCILE_INTERVAL_MS; 0 = never). */
  readonly reconcileIntervalMs?: number;
}

/**
 * The private streams over one logged-in socket (bitunix.md §6 "Private channels": `balance`, `position`, `order`,
 * `tpsl`). One hub-owned subscription per channel, fanned out to every consumer, so that the order tracker sees each
 * update once: orders are delivered only when they are news and never regress; fills — for which Bitunix has no
 * channel — are read over REST when an order's filled quantity grows, and deduplicated by trade id. After every gap
 * (reconnect, dropped or unmappable frame) the state is reconciled over REST and the differences delivered as
 * normal events, followed by a `reconciled` event.
 */
/**
 * A private event the venue silently lost (no gap, no reconnect, no bad frame) is found by reconciling on a timer:
 * Bitunix private frames carry no sequence number (bitunix.md §6), so nothing else can reveal the loss. 10 s keeps
 * the four REST reads far inside the 10 req/s/UID budget (§3).
 */
export const RECONCILE_INTERVAL_MS = 10_000;

export class PrivateHub {
  readonly #o: PrivateHubOptions;
  readonly #state: ReconcileState = { orders: new OrderTracker(), fills: new FillLedger(), positions: new PositionTracker(), balances: new BalanceTracker() };
  readonly #consumers = new Set<Consumer<unknown>>();
  readonly #leases = new Map<Channel, TopicLease>();
  readonly #unhook: Array<() => void> = [];
  #startedAt: number | undefined;
  #reconciling: Promise<void> | undefined;
  #again: string | undefined;
  #closed = false;

  constructor(options: PrivateHubOptions) {
    this.#o = options;
    const onResubscribed = (): void => this.requestReconcile('reconnect');
    // The manager is the private one: any frame it could not parse may have been an order, fill or balance.
    const onDropped = (): void => this.requestReconcile('dropped frame');
    options.manager.on('resubscribed', onResubscribed);
    options.manager.on('dropped', onDropped);
    this.#unhook.push(() => options.manager.off('resubscribed', onResubscribed), () => options.manager.off('dropped', onDropped));
    const every = options.reconcileIntervalMs ?? RECONCILE_INTERVAL_MS;
    if (every > 0) {
      const timer = setInterval(() => this.requestReconcile('periodic'), every);
      timer.unref();
      this.#unhook.push(() => clearInterval(timer));
    }
  }

  /** The trackers (exposed for tests and for REST results to feed the same de-duplication). */
  get state(): ReconcileState {
    return this.#state;
  }

  open<T>(kind: Kind, market: Promise<Market> | undefined, label: string): Subscription<T> {
    // The consumer exists once the sink does; `ready` runs its first await before reading it.
    const ref: { consumer?: Consumer<T> } = {};
    const ready = (async () => {
      const m = market === undefined ? undefined : await market;
      await this.#o.ensureMarkets();
      const consumer = ref.consumer;
      if (consumer === undefined || consumer.sink.closed) return;
      if (m !== undefined) consumer.symbol = m.symbol;
      this.#startedAt ??= this.#o.clock.now();
      this.#consumers.add(consumer as Consumer<unknown>);
      const refusal = nextLoginRefusal(this.#o.manager);
      try {
        await Promise.race([this.#lease(CHANNEL[kind]).ready, refusal.refused]);
      } finally {
        refusal.dispose();
      }
    })();
    const sink = createSubscription<T>({
      topic: label,
      mode: kind === 'orders' || kind === 'fills' ? 'queue' : 'conflate',
      exchange: this.#o.exchange,
      ready,
      onClose: () => {
        if (ref.consumer !== undefined) this.#consumers.delete(ref.consumer as Consumer<unknown>);
        this.#releaseUnused();
      },
      onListenerError: (err) => this.#o.manager.report(asError(err, this.#o.exchange, `${label}: an onItem listener threw`)),
    });
    ref.consumer = { kind, sink };
    return sink.subscription;
  }

  /** Runs reconciliation now, or once more after the run under way. */
  requestReconcile(reason: string): void {
    if (this.#closed || this.#consumers.size === 0) return;
    if (this.#reconciling !== undefined) {
      this.#again = reason;
      return;
    }
    this.#reconciling = this.#reconcile(reason).finally(() => {
      this.#reconciling = undefined;
      const next = this.#again;
      this.#again = undefined;
      if (next !== undefined) this.requestReconcile(next);
    });
  }

  /** Feeds an order read elsewhere (REST) through the tracker, so the stream never repeats or regresses it. */
  observeOrder(order: Order): void {
    this.#state.orders.accept(order);
  }

  close(): void {
    this.#closed = true;
    for (const f of this.#unhook.splice(0)) f();
    for (const lease of this.#leases.values()) lease.release();
    this.#leases.clear();
    // ends every iterator quietly (a ClosedError is the owner's own close, not a failure)
    const closed = new ClosedError(`${this.#o.exchange}: private streams closed`, { exchange: this.#o.exchange });
    for (const c of [...this.#consumers]) c.sink.fail(closed);
    this.#consumers.clear();
  }

  // ---- channels ---------------------------------------------------------------------------------

  #lease(channel: Channel): TopicLease {
    let lease = this.#leases.get(channel);
    if (lease === undefined) {
      lease = this.#o.manager.subscribe(channel, {
        onMessage: (m) => this.#onFrame(channel, m),
        onError: (error) => this.#failChannel(channel, error),
      });
      this.#leases.set(channel, lease);
    }
    return lease;
  }

  #releaseUnused(): void {
    for (const [channel, lease] of [...this.#leases]) {
      if ([...this.#consumers].some((c) => CHANNEL[c.kind] === channel)) continue;
      lease.release();
      this.#leases.delete(channel);
    }
  }

  #failChannel(channel: Channel, error: ExchangeError): void {
    this.#leases.delete(channel);
    for (const c of [...this.#consumers]) if (CHANNEL[c.kind] === channel) c.sink.fail(error);
  }

  #deliver<T>(kind: Kind, symbol: string | undefined, item: T): void {
    for (const c of this.#consumers) {
      if (c.kind !== kind || (c.symbol !== undefined && symbol !== undefined && c.symbol !== symbol)) continue;
      (c.sink as SubscriptionSink<T>).push(item);
    }
  }

  #has(kind: Kind): boolean {
    for (const c of this.#consumers) if (c.kind === kind) return true;
    return false;
  }

  #onFrame(channel: Channel, message: unknown): void {
    try {
      if (channel === 'order') {
        for (const item of parseFrame(orderFrameSchema, message, this.#o.exchange, 'order').data) this.#onWsOrder(item);
      } else if (channel === 'position') {
        const frame = parseFrame(positionFrameSchema, message, this.#o.exchange, 'position');
        for (const item of frame.data) {
          const market = this.#o.marketById(item.symbol.toUpperCase());
          if (market === undefined) continue;
          const p = fromWsPosition(item, market, frame.ts);
          if (this.#state.positions.accept(p)) this.#deliver<Position>('positions', p.symbol, p);
        }
      } else {
        const frame = parseFrame(balanceFrameSchema, message, this.#o.exchange, 'balance');
        for (const item of frame.data) {
          const b = fromWsBalance(item, frame.ts);
          if (this.#state.balances.accept(b)) this.#deliver<Balance>('balances', undefined, b);
        }
      }
    } catch (err) {
      this.#o.manager.report(asError(err, this.#o.exchange, `private ${channel}: could not map a frame`));
      this.requestReconcile(`unmappable ${channel} frame`);
    }
  }

  #onWsOrder(item: WsOrder): void {
    const market = this.#o.marketById(item.symbol.toUpperCase());
    if (market === undefined) return;
    const known = this.#state.orders.get(item.orderId);
    const mapped = fromWsOrder(item, market, known === undefined ? {} : { known });
    if (typeof mapped !== 'string') {
      this.#onOrder(mapped, market);
      return;
    }
    // The frame alone does not say (odd effect, dealAmount larger than qty): the REST detail decides.
    this.#o.logger.debug({ exchange: this.#o.exchange, orderId: item.orderId, gap: mapped }, 'ws order needs a REST lookup');
    this.#o.lookupOrder(item.orderId, market).then(
      (o) => this.#onOrder(o, market),
      (err: unknown) => this.#o.manager.report(asError(err, this.#o.exchange, `order ${item.orderId}: lookup failed`)),
    );
  }

  #onOrder(order: Order, market: Market): void {
    const before = this.#state.orders.get(order.id)?.filled;
    if (!this.#state.orders.accept(order)) return;
    this.#deliver<Order>('orders', order.symbol, order);
    if (this.#has('fills') && order.filled.gt(before ?? 0)) {
      this.#o.fillsOfOrder(order, market).then(
        (fills) => {
          for (const f of fills) if (this.#state.fills.accept(f)) this.#deliver<Fill>('fills', f.symbol, f);
        },
        (err: unknown) => {
          this.#o.manager.report(asError(err, this.#o.exchange, `fills of order ${order.id}: read failed`));
          this.requestReconcile('fill read failed');
        },
      );
    }
  }

  async #reconcile(reason: string): Promise<void> {
    try {
      const scope = { orders: this.#has('orders'), fills: this.#has('fills'), positions: this.#has('positions'), balances: this.#has('balances') };
      const since = (this.#startedAt ?? this.#o.clock.now()) - 60_000;
      const emitted = await reconcile(
        scope,
        this.#state,
        this.#o.reconcileSource,
        {
          order: (o) => this.#deliver<Order>('orders', o.symbol, o),
          fill: (f) => this.#deliver<Fill>('fills', f.symbol, f),
          position: (p) => this.#deliver<Position>('positions', p.symbol, p),
          balance: (b) => this.#deliver<Balance>('balances', undefined, b),
        },
        this.#o.clock.now(),
        since,
      );
      if (!this.#closed) this.#o.onReconciled({ reason, emitted, at: this.#o.clock.now() });
    } catch (err) {
      if (!this.#closed) {
        this.#o.logger.warn({ exchange: this.#o.exchange, reason, error: err instanceof Error ? err.message : String(err) }, 'reconciliation failed');
        this.#o.manager.report(asError(err, this.#o.exchange, `reconciliation (${reason}) failed`));
      }
    }
  }
}
