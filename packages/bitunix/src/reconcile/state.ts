import { isTerminalStatus, type Balance, type Fill, type Order, type OrderStatus, type Position } from '@exkit/core';

const RANK: Readonly<Record<OrderStatus, number>> = { untriggered: 0, open: 1, filled: 2, canceled: 2, rejected: 2, expired: 2 };

/** Keeps at most `max` entries, dropping the oldest inserted first. */
function trim<K, V>(map: Map<K, V>, max: number): void {
  while (map.size > max) {
    const first = map.keys().next();
    if (first.done === true) return;
    map.delete(first.value);
  }
}

/**
 * The last delivered state of every order, so that whatever reports an order (the WS `order` channel, a REST read,
 * reconciliation) delivers it only when it is news, and never backwards: filled never decreases, a status never
 * moves back (open after filled), and a terminal order never changes again.
 */
export class OrderTracker {
  readonly #orders = new Map<string, Order>();
  readonly #max: number;

  constructor(max = 10_000) {
    this.#max = max;
  }

  get(id: string): Order | undefined {
    return this.#orders.get(id);
  }

  /** Orders last seen open (reconciliation re-reads them). */
  open(): Order[] {
    return [...this.#orders.values()].filter((o) => !isTerminalStatus(o.status));
  }

  /** True when `order` is news (and records it); false when it is old, repeated or would regress. */
  accept(order: Order): boolean {
    const prev = this.#orders.get(order.id);
    if (prev !== undefined) {
      if (isTerminalStatus(prev.status)) return false;
      if (order.filled.lt(prev.filled)) return false;
      if (RANK[order.status] < RANK[prev.status]) return false;
      const same =
        order.status === prev.status &&
        order.filled.eq(prev.filled) &&
        order.amount.eq(prev.amount) &&
        (order.price?.toFixed() ?? '') === (prev.price?.toFixed() ?? '') &&
        order.updatedAt <= prev.updatedAt;
      if (same) return false;
      this.#orders.delete(order.id); // re-insert: most recent last
    }
    this.#orders.set(order.id, order);
    trim(this.#orders, this.#max);
    return true;
  }
}

/** Fill ids already delivered (deduplication across the live path and reconciliation). */
export class FillLedger {
  readonly #seen = new Map<string, number>();
  readonly #max: number;
  #newest = 0;

  constructor(max = 50_000) {
    this.#max = max;
  }

  /** Time of the newest fill delivered (0 before any). */
  get newest(): number {
    return this.#newest;
  }

  has(id: string): boolean {
    return this.#seen.has(id);
  }

  /** True the first time a fill id is offered. */
  accept(fill: Fill): boolean {
    if (this.#seen.has(fill.id)) return false;
    this.#seen.set(fill.id, fill.timestamp);
    this.#newest = Math.max(this.#newest, fill.timestamp);
    trim(this.#seen, this.#max);
    return true;
  }
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
