import { isTerminalStatus, type OrderStatus } from '../models/enums.js';
import type { Order } from '../models/order.js';
import { trimOldest } from './bounded-map.js';

/** How far along its life a status is: an update never moves an order to a lower rank. */
export const ORDER_STATUS_RANK: Readonly<Record<OrderStatus, number>> = Object.freeze({
  untriggered: 0,
  open: 1,
  filled: 2,
  canceled: 2,
  rejected: 2,
  expired: 2,
});

/** True when going from `prev` to `next` would move an order backwards (open after filled, …). */
export function statusRegresses(prev: OrderStatus, next: OrderStatus): boolean {
  return ORDER_STATUS_RANK[next] < ORDER_STATUS_RANK[prev];
}

export interface OrderLedgerOptions {
  /** At most this many orders are remembered; the least recently updated go first. */
  readonly max: number;
  /**
   * The venue's rule for "is this news": called with the last recorded state of the same order id.
   * Venues differ on repeats and timestamps (venue A re-sends identical terminal frames, venue B
   * stamps updates coarsely), so that judgement stays with the adapter.
   */
  readonly advances: (prev: Order, next: Order) => boolean;
  /** Evict settled orders before live ones when over `max` (default: strictly oldest first). */
  readonly keepLive?: boolean;
}

/**
 * The last delivered state of every order, whatever reported it (the private stream, a REST read,
 * reconciliation), so each change reaches consumers once and never backwards.
 */
export class OrderLedger {
  readonly #last = new Map<string, Order>();
  readonly #options: OrderLedgerOptions;

  constructor(options: OrderLedgerOptions) {
    if (!Number.isInteger(options.max) || options.max < 1) throw new RangeError(`OrderLedger max must be a positive integer, got ${options.max}`);
    this.#options = options;
  }

  /** True when `order` is news (and records it); false when it is old, repeated or would regress. */
  accept(order: Order): boolean {
    const prev = this.#last.get(order.id);
    if (prev !== undefined) {
      if (!this.#options.advances(prev, order)) return false;
      this.#last.delete(order.id); // re-insert: most recent last
    }
    this.#last.set(order.id, order);
    trimOldest(this.#last, this.#options.max, this.#options.keepLive === true ? (o) => !isTerminalStatus(o.status) : undefined);
    return true;
  }

  /** Orders last seen open or untriggered: after a gap, each must be re-read. */
  live(): Order[] {
    return [...this.#last.values()].filter((o) => !isTerminalStatus(o.status));
  }

  get(id: string): Order | undefined {
    return this.#last.get(id);
  }
}
