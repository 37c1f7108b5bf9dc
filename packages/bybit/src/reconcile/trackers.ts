import { OrderLedger, ZERO, isTerminalStatus, statusRegresses, type Balance, type Decimal, type Order, type Position } from '@exkit/core';

/**
 * The last state of every order seen on the stream or by reconciliation, so an update is only
 * delivered when it moves the order forward: a status never regresses (terminal never changes),
 * `filled` never falls, an older `updatedAt` is dropped, and an exact repeat (Bybit can send two
 * `Filled` frames when a cancel races a fill, reference §6) is delivered once. Live orders are
 * the last forgotten.
 */
export class OrderTracker extends OrderLedger {
  constructor(max = 20_000) {
    super({ max, advances, keepLive: true });
  }
}

function advances(prev: Order, order: Order): boolean {
  if (statusRegresses(prev.status, order.status)) return false;
  if (isTerminalStatus(prev.status) && order.status !== prev.status) return false;
  if (order.filled.lt(prev.filled)) return false;
  if (order.updatedAt < prev.updatedAt) return false;
  return !sameOrderState(prev, order);
}

function sameOrderState(a: Order, b: Order): boolean {
  return (
    a.status === b.status &&
    a.filled.eq(b.filled) &&
    a.amount.eq(b.amount) &&
    a.updatedAt === b.updatedAt &&
    (a.price === undefined ? b.price === undefined : b.price !== undefined && a.price.eq(b.price)) &&
    (a.triggerPrice === undefined ? b.triggerPrice === undefined : b.triggerPrice !== undefined && a.triggerPrice.eq(b.triggerPrice))
  );
}

const sameDecimal = (a: Decimal | undefined, b: Decimal | undefined): boolean => (a === undefined ? b === undefined : b !== undefined && a.eq(b));

/** The last position per symbol, so a position that closed during a gap is reported flat. */
export class PositionTracker {
  readonly #last = new Map<string, Position>();

  /** Records `position`; false when it equals what was last recorded for its symbol (time aside). */
  record(position: Position): boolean {
    const prev = this.#last.get(position.symbol);
    this.#last.set(position.symbol, position);
    return prev === undefined || !samePosition(prev, position);
  }

  /** Symbols last seen with a non-zero size. */
  openSymbols(): string[] {
    return [...this.#last.values()].filter((p) => !p.size.isZero()).map((p) => p.symbol);
  }

  /** A flat position for `symbol` at `timestamp`. */
  static flat(symbol: string, timestamp: number): Position {
    return { symbol, side: 'flat', size: ZERO, unrealizedPnl: ZERO, timestamp };
  }
}

function samePosition(a: Position, b: Position): boolean {
  return (
    a.side === b.side &&
    a.size.eq(b.size) &&
    a.unrealizedPnl.eq(b.unrealizedPnl) &&
    sameDecimal(a.entryPrice, b.entryPrice) &&
    sameDecimal(a.markPrice, b.markPrice) &&
    sameDecimal(a.liquidationPrice, b.liquidationPrice) &&
    sameDecimal(a.leverage, b.leverage) &&
    sameDecimal(a.margin, b.margin) &&
    sameDecimal(a.realizedPnl, b.realizedPnl)
  );
}

/** The last balance per currency: a periodic re-read that changes nothing is not news. */
export class BalanceTracker {
  readonly #last = new Map<string, Balance>();

  /** Records `balance`; false when free, used and total are what was last recorded. */
  record(balance: Balance): boolean {
    const prev = this.#last.get(balance.currency);
    this.#last.set(balance.currency, balance);
    return prev === undefined || !(prev.free.eq(balance.free) && prev.used.eq(balance.used) && prev.total.eq(balance.total));
  }
}
