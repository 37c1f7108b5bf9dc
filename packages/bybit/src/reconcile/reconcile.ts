import type { Balance, Fill, Order, Position } from '@exkit/core';
import { PositionTracker } from './trackers.js';

/** Where reconciliation reads the truth: the adapter's REST calls. */
export interface ReconcileSource {
  openOrders(): Promise<Order[]>;
  /** One order by id (open or closed); undefined when the venue has none. */
  order(symbol: string, id: string): Promise<Order | undefined>;
  /** Fills since `since` (epoch ms), ascending. */
  fills(since: number): Promise<Fill[]>;
  positions(): Promise<Position[]>;
  balances(): Promise<Balance[]>;
}

/** Where reconciled state goes: the same paths stream events take (the trackers drop what is not news). */
export interface ReconcileSink {
  order(order: Order): boolean;
  fill(fill: Fill): boolean;
  position(position: Position): boolean;
  balance(balance: Balance): boolean;
}

export interface ReconcileRequest {
  readonly orders: boolean;
  readonly fills: boolean;
  readonly positions: boolean;
  readonly balances: boolean;
  /** Fills at or after this time are re-read (the gap start, less a margin). */
  readonly fillsSince: number;
  /** Orders last seen live: each is re-read if it is no longer open. */
  readonly liveOrders: readonly Order[];
  /** Symbols last seen with a position: reported flat if REST no longer has one. */
  readonly openPositionSymbols: readonly string[];
  readonly now: number;
}

/**
 * After a gap in the private stream (reconnect), re-reads by REST what the stream may have missed
 * and pushes the differences through the normal event path: open orders, then every order that
 * was live before the gap and is no longer open (its final state), fills since the gap (the fill
 * tracker drops the ones already delivered), positions (closed ones as flat) and balances.
 * Returns how many events were emitted.
 */
export async function reconcilePrivateState(source: ReconcileSource, sink: ReconcileSink, req: ReconcileRequest): Promise<number> {
  let emitted = 0;
  const count = (delivered: boolean): void => {
    if (delivered) emitted++;
  };
  if (req.orders) {
    const open = await source.openOrders();
    const openIds = new Set(open.map((o) => o.id));
    for (const o of open) count(sink.order(o));
    for (const prev of req.liveOrders) {
      if (openIds.has(prev.id)) continue;
      const now = await source.order(prev.symbol, prev.id);
      if (now !== undefined) count(sink.order(now));
    }
  }
  if (req.fills) {
    for (const f of await source.fills(req.fillsSince)) count(sink.fill(f));
  }
  if (req.positions) {
    const positions = await source.positions();
    const held = new Set(positions.map((p) => p.symbol));
    for (const p of positions) count(sink.position(p));
    for (const symbol of req.openPositionSymbols) if (!held.has(symbol)) count(sink.position(PositionTracker.flat(symbol, req.now)));
  }
  if (req.balances) {
    for (const b of await source.balances()) count(sink.balance(b));
  }
  return emitted;
}
