import { Decimal } from '../decimal.js';
import type { OrderBook, OrderBookLevel } from '../models/order-book.js';
import { systemClock, type Clock } from '../time/clock.js';
import { emptySide, rebuildSide } from './build-side.js';
import { parseExact } from './scaled.js';
import type { SequenceRule } from './sequence.js';
import { APPLIED, MISFIT, SPARSE, type BookSide, type SideForm } from './side.js';
import type {
  BookChecksum,
  BookDeltaInput,
  BookLevelInput,
  BookResyncEvent,
  BookSnapshotInput,
  BookUpdateStatus,
  DesyncKind,
} from './types.js';

export interface LocalOrderBookOptions {
  /** Unified symbol, carried into the emitted OrderBook and resync events. */
  readonly symbol: string;
  /** How this venue numbers its updates (see `consecutiveSequence`, `linkedSequence`, …, `unsequenced`). */
  readonly sequence: SequenceRule;
  /** Most levels kept and emitted per side (the venue's window, e.g. 50); unlimited when absent. */
  readonly depth?: number;
  /**
   * Decimals of the price tick and the size step (`stepDecimals(market.tickSize)`): the scale of
   * the fast integers. A value with more decimals is still exact: the book rescales or widens.
   */
  readonly priceDecimals?: number;
  readonly sizeDecimals?: number;
  readonly checksum?: BookChecksum;
  /** Source of local time for `ageMs` and for timestamps the venue did not send. */
  readonly clock?: Clock;
  /** Called once each time the book becomes invalid: the adapter should fetch a fresh snapshot. */
  readonly onResync?: (event: BookResyncEvent) => void;
}

export type BookState = 'empty' | 'live' | 'invalid';

/**
 * A maintained local order book: a snapshot, then deltas checked for continuity. Prices and
 * sizes are held exactly as scaled integers; Decimals are made only when the book is read.
 * A gap, a crossed book, a checksum mismatch or a bad level invalidates the book: reads answer
 * `undefined` and deltas are dropped until the next snapshot, which always replaces the book.
 */
export class LocalOrderBook {
  readonly symbol: string;
  readonly depth: number;
  #bids: BookSide;
  #asks: BookSide;
  #state: BookState = 'empty';
  #seq: number | undefined;
  #timestamp: number | undefined;
  #updatedAt: number | undefined;
  #lastResync: BookResyncEvent | undefined;
  readonly #rule: SequenceRule;
  readonly #clock: Clock;
  readonly #checksum: BookChecksum | undefined;
  readonly #onResync: ((event: BookResyncEvent) => void) | undefined;
  /** Scales of the scaled integers: the configured decimals, raised (never lowered) by values with more. */
  #priceScale: number;
  #sizeScale: number;

  constructor(options: LocalOrderBookOptions) {
    this.symbol = options.symbol;
    this.depth = options.depth ?? Number.POSITIVE_INFINITY;
    if (!(this.depth >= 1 && (Number.isInteger(this.depth) || this.depth === Number.POSITIVE_INFINITY))) {
      throw new RangeError(`depth must be an integer ≥ 1, got ${options.depth}`);
    }
    this.#rule = options.sequence;
    this.#clock = options.clock ?? systemClock;
    this.#checksum = options.checksum;
    this.#onResync = options.onResync;
    this.#priceScale = checkDecimals(options.priceDecimals ?? 0, 'priceDecimals');
    this.#sizeScale = checkDecimals(options.sizeDecimals ?? 0, 'sizeDecimals');
    this.#bids = this.#newSide(false);
    this.#asks = this.#newSide(true);
  }

  get state(): BookState {
    return this.#state;
  }

  /** True while the book holds a verified state that may be emitted. */
  get isValid(): boolean {
    return this.#state === 'live';
  }

  /** The venue sequence of the state held (undefined before a snapshot or when the venue sends none). */
  get sequence(): number | undefined {
    return this.#seq;
  }

  /** Venue time of the last applied update (local time when the venue sent none). */
  get timestamp(): number | undefined {
    return this.#timestamp;
  }

  /** Levels currently held per side (may exceed what a read returns when a limit is passed). */
  get bidCount(): number {
    return this.#bids.count;
  }

  get askCount(): number {
    return this.#asks.count;
  }

  /** How each side is stored (diagnostics): `ladder` normally, `sorted` when very spread out, `wide` after a value beyond 2^53 scaled. */
  get layout(): { readonly bids: SideForm; readonly asks: SideForm } {
    return { bids: this.#bids.form, asks: this.#asks.form };
  }

  /** The last resync signalled, if any (kept after the next snapshot for diagnostics). */
  get lastResync(): BookResyncEvent | undefined {
    return this.#lastResync;
  }

  /** Milliseconds since the last applied snapshot or delta (local clock); Infinity before the first. */
  ageMs(): number {
    return this.#updatedAt === undefined ? Number.POSITIVE_INFINITY : this.#clock.now() - this.#updatedAt;
  }

  /** Replaces the book (never merges). A crossed or malformed snapshot leaves it invalid. */
  applySnapshot(snapshot: BookSnapshotInput): BookUpdateStatus {
    this.#bids = this.#newSide(false);
    this.#asks = this.#newSide(true);
    this.#seq = snapshot.seq;
    this.#state = 'live';
    if (!this.#applyLevels(false, snapshot.bids) || !this.#applyLevels(true, snapshot.asks)) return 'desynced';
    this.#stamp(snapshot.timestamp);
    return this.#verify(snapshot.checksum);
  }

  /** Applies changed levels after checking sequence continuity. */
  applyDelta(delta: BookDeltaInput): BookUpdateStatus {
    const verdict = this.#rule.classify(this.#seq, delta);
    if (verdict === 'reset') {
      return this.applySnapshot({ bids: delta.bids ?? [], asks: delta.asks ?? [], seq: delta.seq, timestamp: delta.timestamp, checksum: delta.checksum });
    }
    if (this.#state !== 'live') return 'awaiting-snapshot';
    if (verdict === 'stale') return 'stale';
    if (verdict === 'gap') {
      return this.#desync('gap', `sequence gap (${this.#rule.name}): book at ${this.#seq}, update seq ${delta.seq} prevSeq ${delta.prevSeq} firstSeq ${delta.firstSeq}`);
    }
    if (delta.bids !== undefined && !this.#applyLevels(false, delta.bids)) return 'desynced';
    if (delta.asks !== undefined && !this.#applyLevels(true, delta.asks)) return 'desynced';
    if (delta.seq !== undefined) this.#seq = delta.seq;
    this.#stamp(delta.timestamp);
    return this.#verify(delta.checksum);
  }

  /** Drops the book (e.g. the socket closed) and signals a resync. */
  invalidate(reason: string): void {
    if (this.#state !== 'invalid') this.#desync('manual', reason);
  }

  bestBid(): OrderBookLevel | undefined {
    return this.#state === 'live' ? levels(this.#bids, 1)[0] : undefined;
  }

  bestAsk(): OrderBookLevel | undefined {
    return this.#state === 'live' ? levels(this.#asks, 1)[0] : undefined;
  }

  /** The book as a core OrderBook, best first, at most `limit` (and at most `depth`) levels per side; undefined unless valid. */
  toOrderBook(limit?: number): OrderBook | undefined {
    if (this.#state !== 'live') return undefined;
    const n = Math.max(0, Math.min(limit ?? this.depth, this.depth));
    return {
      symbol: this.symbol,
      timestamp: this.#timestamp ?? this.#clock.now(),
      ...(this.#seq !== undefined && { sequence: this.#seq }),
      bids: levels(this.#bids, n),
      asks: levels(this.#asks, n),
    };
  }

  #newSide(negate: boolean): BookSide {
    return emptySide({ negate, maxLevels: this.depth, priceScale: this.#priceScale, sizeScale: this.#sizeScale });
  }

  #stamp(timestamp: number | undefined): void {
    const now = this.#clock.now();
    this.#updatedAt = now;
    this.#timestamp = timestamp ?? now;
  }

  #applyLevels(ask: boolean, input: readonly BookLevelInput[]): boolean {
    let side = ask ? this.#asks : this.#bids;
    for (let i = 0; i < input.length; i++) {
      const lv = input[i]!;
      if (side.apply(lv[0], lv[1]) !== APPLIED) {
        if (!this.#applySlow(ask, lv)) return false;
        side = ask ? this.#asks : this.#bids; // it may have been rebuilt
      }
    }
    return true;
  }

  /**
   * A level the fast form could not take. Raise the scales if it has more decimals (both sides,
   * exactly), then move its side to the next form that holds it: ladder → sorted → wide.
   */
  #applySlow(ask: boolean, lv: BookLevelInput): boolean {
    const price = parseExact(lv[0]);
    const size = parseExact(lv[1]);
    if (price === undefined || size === undefined || size.units < 0n) {
      this.#desync('invalid-level', `bad level ${JSON.stringify(lv).slice(0, 80)}`);
      return false;
    }
    if (price.decimals > this.#priceScale || size.decimals > this.#sizeScale) {
      this.#priceScale = Math.max(this.#priceScale, price.decimals);
      this.#sizeScale = Math.max(this.#sizeScale, size.decimals);
      this.#bids = this.#rebuild(false, this.#bids.form);
      this.#asks = this.#rebuild(true, this.#asks.form);
    }
    for (;;) {
      const side = ask ? this.#asks : this.#bids;
      const code = side.apply(lv[0], lv[1]);
      if (code === APPLIED) return true;
      const next = code === SPARSE && side.form === 'ladder' ? 'sorted' : code === MISFIT && side.form !== 'wide' ? 'wide' : undefined;
      if (next === undefined) {
        this.#desync('invalid-level', `level does not fit ${JSON.stringify(lv).slice(0, 80)}`);
        return false;
      }
      if (ask) this.#asks = this.#rebuild(true, next);
      else this.#bids = this.#rebuild(false, next);
    }
  }

  #rebuild(ask: boolean, form: SideForm): BookSide {
    const side = ask ? this.#asks : this.#bids;
    const spec = { negate: ask, maxLevels: this.depth, priceScale: this.#priceScale, sizeScale: this.#sizeScale };
    return rebuildSide(spec, side.exportLevels(), form);
  }

  #crossed(): boolean {
    const bids = this.#bids;
    const asks = this.#asks;
    if (bids.count === 0 || asks.count === 0) return false;
    // Ask keys are −price at the same scale on both sides; number vs bigint compares exactly in JS.
    return bids.bestKey() >= -asks.bestKey();
  }

  #verify(checksum: number | string | undefined): BookUpdateStatus {
    if (this.#crossed()) {
      const bid = this.#bids.texts(1)[0]?.[0];
      const ask = this.#asks.texts(1)[0]?.[0];
      return this.#desync('crossed', `crossed book: best bid ${bid} >= best ask ${ask}`);
    }
    const hook = this.#checksum;
    if (hook !== undefined && checksum !== undefined) {
      const n = Math.min(hook.levels, this.depth);
      const top = { bids: this.#bids.texts(n), asks: this.#asks.texts(n) };
      if (!hook.verify(top, checksum)) return this.#desync('checksum', `checksum mismatch: venue ${checksum}`);
    }
    return 'applied';
  }

  #desync(kind: DesyncKind, reason: string): 'desynced' {
    this.#state = 'invalid';
    this.#bids = this.#newSide(false);
    this.#asks = this.#newSide(true);
    const event: BookResyncEvent = { symbol: this.symbol, kind, reason, at: this.#clock.now() };
    this.#lastResync = event;
    this.#onResync?.(event);
    return 'desynced';
  }
}

function checkDecimals(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 15) throw new RangeError(`${name} must be an integer 0..15, got ${value}`);
  return value;
}

function levels(side: BookSide, limit: number): OrderBookLevel[] {
  return side.texts(limit).map(([price, size]) => ({ price: new Decimal(price), size: new Decimal(size) }));
}
