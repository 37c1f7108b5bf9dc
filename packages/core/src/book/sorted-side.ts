import { formatScaled, parseScaled } from './scaled.js';
import { APPLIED, MISFIT, NEGATIVE, type ApplyCode, type BookSide, type SideLevels } from './side.js';
import type { BookLevelText } from './types.js';

/** Slots walked after the interpolated guess before falling back to binary search. */
const WALK = 8;

/** Below this many elements a hand loop beats the call into `copyWithin`. */
const SHORT_MOVE = 24;

/**
 * The form for books whose levels span too many ticks for a ladder: scaled integers in sorted
 * Float64Arrays, ascending, best level at the END (feeds touch the top most, and there an insert
 * or delete moves almost nothing). No allocation per update.
 */
export class SortedSide implements BookSide {
  readonly form = 'sorted';
  count = 0;
  #keys: Float64Array;
  #sizes: Float64Array;

  constructor(
    readonly negate: boolean,
    readonly priceScale: number,
    readonly sizeScale: number,
    readonly maxLevels: number,
    capacity = 64,
  ) {
    this.#keys = new Float64Array(capacity);
    this.#sizes = new Float64Array(capacity);
  }

  apply(price: string, size: string): ApplyCode {
    const p = parseScaled(price, this.priceScale);
    const q = parseScaled(size, this.sizeScale);
    if (p !== p || q !== q) return MISFIT;
    if (q < 0) return NEGATIVE;
    this.set(this.negate ? -p : p, q);
    return APPLIED;
  }

  /** Sets the size at a key; 0 deletes. */
  set(key: number, size: number): void {
    const n = this.count;
    const at = this.find(key);
    if (at < n && this.#keys[at] === key) {
      if (size !== 0) this.#sizes[at] = size;
      else this.#removeAt(at);
    } else if (size !== 0) {
      this.#insertAt(at, key, size);
    }
  }

  /**
   * The first index whose key is ≥ `key`. Prices on a tick grid are spread evenly enough that
   * interpolating lands within a few slots; a short walk finishes, binary search is the fallback.
   */
  find(key: number): number {
    const keys = this.#keys;
    const last = this.count - 1;
    if (last < 0) return 0;
    const low = keys[0]!;
    const high = keys[last]!;
    if (key <= low) return 0;
    if (key > high) return last + 1;
    // Here keys[0] < key ≤ keys[last], so both walks stop inside the array.
    let at = Math.floor(((key - low) / (high - low)) * last);
    let steps = WALK;
    if (keys[at]! >= key) {
      while (keys[at - 1]! >= key) {
        at--;
        if (--steps === 0) return bisect(keys, key, 0, at);
      }
      return at;
    }
    do {
      at++;
      if (--steps === 0) return bisect(keys, key, at, last);
    } while (keys[at]! < key);
    return at;
  }

  #insertAt(at: number, key: number, size: number): void {
    const n = this.count;
    if (n >= this.maxLevels) {
      // Full: the worst level (index 0) makes room, unless the new one would be the worst.
      if (at === 0) return;
      move(this.#keys, this.#sizes, 0, 1, at - 1);
      this.#keys[at - 1] = key;
      this.#sizes[at - 1] = size;
      return;
    }
    if (n === this.#keys.length) this.#grow();
    move(this.#keys, this.#sizes, at + 1, at, n - at);
    this.#keys[at] = key;
    this.#sizes[at] = size;
    this.count = n + 1;
  }

  #removeAt(at: number): void {
    const n = this.count - 1;
    move(this.#keys, this.#sizes, at, at + 1, n - at);
    this.count = n;
  }

  #grow(): void {
    const keys = new Float64Array(this.#keys.length * 2);
    const sizes = new Float64Array(this.#sizes.length * 2);
    keys.set(this.#keys);
    sizes.set(this.#sizes);
    this.#keys = keys;
    this.#sizes = sizes;
  }

  bestKey(): number {
    return this.#keys[this.count - 1]!;
  }

  texts(limit: number): BookLevelText[] {
    const n = Math.min(limit, this.count);
    const out = new Array<BookLevelText>(n);
    for (let i = 0; i < n; i++) {
      const at = this.count - 1 - i;
      const key = this.#keys[at]!;
      out[i] = [formatScaled(this.negate ? -key : key, this.priceScale), formatScaled(this.#sizes[at]!, this.sizeScale)];
    }
    return out;
  }

  exportLevels(): SideLevels {
    const keys: bigint[] = [];
    const sizes: bigint[] = [];
    for (let i = 0; i < this.count; i++) {
      keys.push(BigInt(this.#keys[i]!));
      sizes.push(BigInt(this.#sizes[i]!));
    }
    return { keys, sizes, priceScale: this.priceScale, sizeScale: this.sizeScale };
  }
}

/** First index in [lo, hi] whose key is ≥ `key` (one exists: keys[hi] ≥ key). */
function bisect(keys: Float64Array, key: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Moves `len` entries of both arrays from `from` to `to` (overlap allowed). */
function move(keys: Float64Array, sizes: Float64Array, to: number, from: number, len: number): void {
  if (len <= 0) return;
  if (len > SHORT_MOVE) {
    keys.copyWithin(to, from, from + len);
    sizes.copyWithin(to, from, from + len);
  } else if (to > from) {
    for (let i = len - 1; i >= 0; i--) {
      keys[to + i] = keys[from + i]!;
      sizes[to + i] = sizes[from + i]!;
    }
  } else {
    for (let i = 0; i < len; i++) {
      keys[to + i] = keys[from + i]!;
      sizes[to + i] = sizes[from + i]!;
    }
  }
}
