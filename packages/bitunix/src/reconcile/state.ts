import { OrderLedger, isTerminalStatus, statusRegresses, type Balance, type Order, type Position } from '@exkit/core';

/**
 * The last delivered state of every order, so that whatever reports an order (the WS `order` channel, a REST read,
 * reconciliation) delivers it only when it is news, and never backwards: filled never decreases, a status never
 * moves back (open after filled), and a terminal order never changes again.
 */
export class OrderTracker extends OrderLedger {
  constructor(max = 10_000) {
    super({ max, advances });
  }
}

function advances(prev: Order, order: Order): boolean {
  if (isTerminalStatus(prev.status) || order.filled.lt(prev.filled) || statusRegresses(prev.status, order.status)) return false;
  // A repeat: same state, not newer (the venue re-sends an unchanged order with the same or an older ctime).
  const same =
    order.status === prev.status &&
    order.filled.eq(prev.filled) &&
    order.amount.eq(prev.amount) &&
    (order.price?.toFixed() ?? '') === (prev.price?.toFixed() ?? '') &&
    order.updatedAt <= prev.updatedAt;
  return !same;
}

function positionKey(p: Position): string {
  // One-way: one position per symbol. A hedge-mode account has a long and a short leg: keyed by leg.
  return `${p.symbol}|${p.size.isNegative() ? 'short' : p.size.isZero() ? 'flat' : 'long'}`;
}

function samePosition(a: Position, b: Position): boolean {
  const eq = (x: { toFixed(): string } | undefined, y: { toFixed(): string } | undefined): boolean => (x?.toFixed() ?? '') === (y?.toFixed() ?? '');
  return a.size.eq(b.size) && eq(a.entryPrice, b.entryPrice) && eq(a.margin, b.margin) && eq(a.leverage, b.leverage) && a.marginMode === b.marginMode && a.unrealizedPnl.eq(b.unrealizedPnl);
}

/** Open positions as last delivered, to emit only changes and to report a position that vanished as flat. */
export class PositionTracker {
  readonly #bySymbol = new Map<string, Map<string, Position>>();

  /** True when `p` changes what was delivered for its symbol/leg. A flat position clears the symbol. */
  accept(p: Position): boolean {
    const legs = this.#bySymbol.get(p.symbol) ?? new Map<string, Position>();
    if (p.side === 'flat' || p.size.isZero()) {
      const had = legs.size > 0;
      this.#bySymbol.delete(p.symbol);
      return had;
    }
    const key = positionKey(p);
    const prev = legs.get(key);
    if (prev !== undefined && samePosition(prev, p)) return false;
    legs.set(key, p);
    this.#bySymbol.set(p.symbol, legs);
    return true;
  }

  /** Symbols delivered as open. */
  symbols(): string[] {
    return [...this.#bySymbol.keys()];
  }
}

/** Balances as last delivered, per currency. */
export class BalanceTracker {
  readonly #byCurrency = new Map<string, Balance>();

  accept(b: Balance): boolean {
    const prev = this.#byCurrency.get(b.currency);
    if (prev !== undefined && prev.free.eq(b.free) && prev.used.eq(b.used) && prev.total.eq(b.total)) return false;
    this.#byCurrency.set(b.currency, b);
    return true;
  }
}
