import type { Decimal } from '../util/decimal.js';
import type { OrderRecord } from './order-record.js';

/** One resting quantity: an account order, or anonymous venue liquidity (`order` undefined). */
export interface BookEntry {
  readonly order: OrderRecord | undefined;
  lots: bigint;
  readonly level: Level;
}

/** A price level: a FIFO queue of entries (time priority), venue liquidity and account orders alike. */
export class Level {
  readonly ticks: bigint;
  readonly price: Decimal;
  /** The price printed on the grid (cached: levels are printed on every delta). */
  priceText: string | undefined;
  /** The price as a script wrote it (`100.10`), published as written until the level goes. */
  label: string | undefined;
  /** The size as a script wrote it, until anything else changes the level. */
  sizeLabel: string | undefined;
  readonly entries: BookEntry[] = [];
  head = 0;
  total = 0n;
  venueLots = 0n;

  constructor(ticks: bigint, price: Decimal) {
    this.ticks = ticks;
    this.price = price;
  }

  get empty(): boolean {
    return this.total === 0n;
  }

  front(): BookEntry | undefined {
    return this.entries[this.head];
  }

  push(order: OrderRecord | undefined, lots: bigint): BookEntry {
    const entry: BookEntry = { order, lots, level: this };
    this.entries.push(entry);
    this.total += lots;
    if (order === undefined) this.venueLots += lots;
    return entry;
  }

  /** Takes `lots` from an entry; drops it from the queue when it reaches zero. */
  take(entry: BookEntry, lots: bigint): void {
    entry.lots -= lots;
    this.total -= lots;
    if (entry.order === undefined) this.venueLots -= lots;
    if (entry.lots === 0n) this.remove(entry);
  }

  /** Removes an entry wherever it sits (cancel), or pops the front (fill). */
  remove(entry: BookEntry): void {
    if (entry.lots !== 0n) {
      this.total -= entry.lots;
      if (entry.order === undefined) this.venueLots -= entry.lots;
      entry.lots = 0n;
    }
    if (this.entries[this.head] === entry) {
      this.head++;
      // Compact now and then so the queue does not grow without bound.
      if (this.head > 32 && this.head * 2 > this.entries.length) {
        this.entries.splice(0, this.head);
        this.head = 0;
      }
      return;
    }
    const i = this.entries.indexOf(entry, this.head);
    if (i >= 0) this.entries.splice(i, 1);
  }

  /** Live entries in time priority. */
  *live(): IterableIterator<BookEntry> {
    for (let i = this.head; i < this.entries.length; i++) yield this.entries[i]!;
  }
}

/** One side, levels sorted best first (bids descending, asks ascending). */
export class BookSide {
  readonly isBid: boolean;
  readonly levels: Level[] = [];
  readonly #byTicks = new Map<bigint, Level>();

  constructor(isBid: boolean) {
    this.isBid = isBid;
  }

  best(): Level | undefined {
    return this.levels[0];
  }

  get(ticks: bigint): Level | undefined {
    return this.#byTicks.get(ticks);
  }

  /** True when `a` is a better price than `b` on this side. */
  better(a: bigint, b: bigint): boolean {
    return this.isBid ? a > b : a < b;
  }

  getOrCreate(ticks: bigint, price: () => Decimal): Level {
    const found = this.#byTicks.get(ticks);
    if (found !== undefined) return found;
    const level = new Level(ticks, price());
    // Binary search for the insertion point (200+ levels, mostly near the top).
    let lo = 0;
    let hi = this.levels.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.better(this.levels[mid]!.ticks, ticks)) lo = mid + 1;
      else hi = mid;
    }
    this.levels.splice(lo, 0, level);
    this.#byTicks.set(ticks, level);
    return level;
  }

  /** Drops a level once it is empty. */
  dropIfEmpty(level: Level): void {
    if (!level.empty) return;
    if (this.#byTicks.get(level.ticks) !== level) return;
    this.#byTicks.delete(level.ticks);
    const i = this.levels[0] === level ? 0 : this.levels.indexOf(level);
    if (i >= 0) this.levels.splice(i, 1);
  }
}

/** Both sides plus what changed since the last published delta. */
export class OrderBook {
  readonly bids = new BookSide(true);
  readonly asks = new BookSide(false);
  /** Update id of the last published book event (consecutive, per market). */
  seq = 0;
  /** Levels touched since the last publication, keyed by side and price (the last state wins). */
  readonly changedBids = new Map<bigint, Level>();
  readonly changedAsks = new Map<bigint, Level>();
  /** The next publication is a full snapshot (after a seed), not a delta. */
  snapshotPending = false;
  /** Counts venue quotes taken away or used up (tells the background its grid has holes). */
  venueDrained = 0;

  side(bid: boolean): BookSide {
    return bid ? this.bids : this.asks;
  }

  touch(level: Level, bid: boolean): void {
    (bid ? this.changedBids : this.changedAsks).set(level.ticks, level);
  }

  get dirty(): boolean {
    return this.snapshotPending || this.changedBids.size > 0 || this.changedAsks.size > 0;
  }

  clearChanges(): void {
    this.changedBids.clear();
    this.changedAsks.clear();
    this.snapshotPending = false;
  }
}
