import { ZERO, type Balance, type Fill, type FillLedger, type Order, type Position } from '@exkit/core';
import type { BalanceTracker, OrderTracker, PositionTracker } from './state.js';

/** The REST reads reconciliation needs (supplied by the exchange, so this stays a pure, testable routine). */
export interface ReconcileSource {
  /** Every open order (all symbols). */
  readonly openOrders: () => Promise<Order[]>;
  /** One order by id — for orders last seen open that are no longer listed as open. */
  readonly order: (id: string, symbol: string) => Promise<Order | undefined>;
  /** Fills at or after `since`, ascending. */
  readonly fills: (since: number) => Promise<Fill[]>;
  readonly positions: () => Promise<Position[]>;
  readonly balances: () => Promise<Balance[]>;
}

/** Where differences go: the same paths live events take. */
export interface ReconcileSink {
  readonly order: (o: Order) => void;
  readonly fill: (f: Fill) => void;
  readonly position: (p: Position) => void;
  readonly balance: (b: Balance) => void;
}

export interface ReconcileScope {
  readonly orders: boolean;
  readonly fills: boolean;
  readonly positions: boolean;
  readonly balances: boolean;
}

export interface ReconcileState {
  readonly orders: OrderTracker;
  readonly fills: FillLedger;
  readonly positions: PositionTracker;
  readonly balances: BalanceTracker;
}

/** How far back fills are re-read past the newest one delivered (the venue's `ctime` vs our view of it). */
export const FILL_LOOKBACK_MS = 60_000;

/**
 * After a private-stream gap (reconnect, refused login, dropped frames): re-read open orders, positions, balances
 * and recent fills over REST and emit what the stream missed, as normal events. Orders never regress (the tracker
 * refuses it), fills are deduplicated by id, positions that disappeared are reported flat. Returns how many events
 * were emitted.
 */
export async function reconcile(scope: ReconcileScope, state: ReconcileState, source: ReconcileSource, sink: ReconcileSink, now: number, since: number): Promise<number> {
  let emitted = 0;
  /** Orders that traded in the window and are not known to have ended: born and finished during the gap, maybe. */
  const traded = new Map<string, string>();
  if (scope.fills || scope.orders) {
    const from = state.fills.latest > 0 ? state.fills.latest - FILL_LOOKBACK_MS : since;
    for (const f of await source.fills(from)) {
      const known = state.orders.get(f.orderId);
      if (known === undefined || known.status === 'open') traded.set(f.orderId, f.symbol);
      if (scope.fills && state.fills.accept(f)) {
        sink.fill(f);
        emitted++;
      }
    }
  }
  if (scope.orders || scope.fills) {
    const open = await source.openOrders();
    const listed = new Set(open.map((o) => o.id));
    for (const o of open) {
      if (state.orders.accept(o) && scope.orders) {
        sink.order(o);
        emitted++;
      }
    }
    // Known open orders missing from the open list ended during the gap, and so did orders that traded but are
    // neither listed open nor known to have ended (placed and filled while away): their final state is the detail.
    const ended = new Map(state.orders.live().map((o) => [o.id, o.symbol] as const));
    for (const [id, symbol] of traded) if (!ended.has(id)) ended.set(id, symbol);
    for (const [id, symbol] of ended) {
      if (listed.has(id)) continue;
      const latest = await source.order(id, symbol);
      if (latest !== undefined && state.orders.accept(latest) && scope.orders) {
        sink.order(latest);
        emitted++;
      }
    }
  }
  if (scope.positions) {
    const current = await source.positions();
    const open = new Set<string>();
    for (const p of current) {
      open.add(p.symbol);
      if (state.positions.accept(p)) {
        sink.position(p);
        emitted++;
      }
    }
    for (const symbol of state.positions.symbols()) {
      if (open.has(symbol)) continue;
      const flat: Position = { symbol, side: 'flat', size: ZERO, unrealizedPnl: ZERO, timestamp: now };
      if (state.positions.accept(flat)) {
        sink.position(flat);
        emitted++;
      }
    }
  }
  if (scope.balances) {
    for (const b of await source.balances()) {
      if (state.balances.accept(b)) {
        sink.balance(b);
        emitted++;
      }
    }
  }
  return emitted;
}
