import { Decimal } from '../../src/decimal.js';
import type { BookLevelInput } from '../../src/book/types.js';

/**
 * The obvious, slow order book the real one is checked against: a Map from canonical price to
 * Decimal size per side, sorted on every read.
 */
export class ReferenceBook {
  bids = new Map<string, Decimal>();
  asks = new Map<string, Decimal>();

  constructor(readonly depth = Number.POSITIVE_INFINITY) {}

  snapshot(bids: readonly BookLevelInput[], asks: readonly BookLevelInput[]): void {
    this.bids.clear();
    this.asks.clear();
    this.apply(bids, asks);
  }

  apply(bids: readonly BookLevelInput[] = [], asks: readonly BookLevelInput[] = []): void {
    for (const [p, s] of bids) this.#set(this.bids, p, s, true);
    for (const [p, s] of asks) this.#set(this.asks, p, s, false);
  }

  #set(side: Map<string, Decimal>, price: string, size: string, bid: boolean): void {
    const key = new Decimal(price).toFixed();
    const q = new Decimal(size);
    if (q.isZero()) {
      side.delete(key);
      return;
    }
    side.set(key, q);
    if (side.size > this.depth) side.delete(this.sorted(side, bid).at(-1)![0]);
  }

  sorted(side: Map<string, Decimal>, bid: boolean): [string, Decimal][] {
    return [...side].sort(([a], [b]) => (bid ? new Decimal(b).cmp(a) : new Decimal(a).cmp(b)));
  }

  crossed(): boolean {
    const bid = this.sorted(this.bids, true)[0];
    const ask = this.sorted(this.asks, false)[0];
    return bid !== undefined && ask !== undefined && new Decimal(bid[0]).gte(ask[0]);
  }

  view(): { bids: string[][]; asks: string[][] } {
    const text = (rows: [string, Decimal][]) => rows.map(([p, s]) => [p, s.toFixed()]);
    return { bids: text(this.sorted(this.bids, true)), asks: text(this.sorted(this.asks, false)) };
  }
}
