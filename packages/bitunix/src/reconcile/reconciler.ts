import { ZERO, type Balance, type Fill, type Order, type Position } from '@exkit/core';
import type { BalanceTracker, FillLedger, OrderTracker, PositionTracker } from './state.js';

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
  if (scope.fills) {
    const from = state.fills.newest > 0 ? state.fills.newest - FILL_LOOKBACK_MS : since;
    for (const f of await source.fills(from)) {
      if (state.fills.accept(f)) {
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
    // Known open orders missing from the open list ended during the gap: their final state comes from the detail.
    for (const known of state.orders.open()) {
      if (listed.has(known.id)) continue;
      const latest = await source.order(known.id, known.symbol);
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
