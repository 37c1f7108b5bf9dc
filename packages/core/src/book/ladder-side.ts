import { formatScaled, parseScaled } from './scaled.js';
import { APPLIED, MISFIT, NEGATIVE, SPARSE, type ApplyCode, type BookSide, type SideLevels } from './side.js';
import type { BookLevelText } from './types.js';

/** Most ticks a ladder may span (1 MiB of sizes at twice this); a wider book is kept sorted instead. */
export const MAX_LADDER_SPAN = 1 << 16;

const INITIAL_SLOTS = 1024;

/**
 * The hot-path side: a price ladder. `slots[key − base]` holds the scaled size at that price
 * (0 = no level), so an update is one array write — no search, no memmove, no allocation.
 * Best and worst keys are tracked; when one is deleted the next is found by scanning, which on a
 * live book is a step or two.
 */
export class LadderSide implements BookSide {
  readonly form = 'ladder';
  count = 0;
  #slots = new Float64Array(INITIAL_SLOTS);
  #base = 0;
  #best = Number.NEGATIVE_INFINITY;
  #worst = Number.POSITIVE_INFINITY;

  constructor(
    /** True for asks: keys are −price so that a higher key is a better level. */
    readonly negate: boolean,
    readonly priceScale: number,
    readonly sizeScale: number,
    /** Most levels kept; the worst one falls off when a better one arrives. */
    readonly maxLevels: number,
  ) {}

  apply(price: string, size: string): ApplyCode {
    const p = parseScaled(price, this.priceScale);
    const q = parseScaled(size, this.sizeScale);
    if (p !== p || q !== q) return MISFIT; // NaN: not exact as a double at these scales
    if (q < 0) return NEGATIVE;
    return this.set(this.negate ? -p : p, q);
  }

  /** Sets the size at a key; 0 deletes. SPARSE when the key is too far from the other levels. */
  set(key: number, size: number): ApplyCode {
    let slots = this.#slots;
    let at = key - this.#base;
    if (at < 0 || at >= slots.length) {
      if (size === 0) return APPLIED; // absent: nothing to delete
      if (!this.#reframe(key)) return SPARSE;
      slots = this.#slots;
      at = key - this.#base;
    }
    const old = slots[at]!;
    if (size !== 0) {
      slots[at] = size;
      if (old === 0) {
        if (key > this.#best) this.#best = key;
        if (key < this.#worst) this.#worst = key;
        if (++this.count > this.maxLevels) this.#remove(this.#worst);
      }
    } else if (old !== 0) {
      this.#remove(key);
    }
    return APPLIED;
  }

  #remove(key: number): void {
    const slots = this.#slots;
    const base = this.#base;
    slots[key - base] = 0;
    if (--this.count === 0) {
      this.#best = Number.NEGATIVE_INFINITY;
      this.#worst = Number.POSITIVE_INFINITY;
      return;
    }
    // Another level exists on the far side of a deleted extreme, so these scans stop in bounds.
    if (key === this.#best) {
      let at = key - base - 1;
      while (slots[at] === 0) at--;
      this.#best = base + at;
    }
    if (key === this.#worst) {
      let at = key - base + 1;
      while (slots[at] === 0) at++;
      this.#worst = base + at;
    }
  }

  /** Moves (and if needed grows) the window so that `key` fits; false when the span would be too wide. */
  #reframe(key: number): boolean {
    const empty = this.count === 0;
    const lo = empty ? key : Math.min(this.#worst, key);
    const hi = empty ? key : Math.max(this.#best, key);
    const span = hi - lo + 1;
    if (span > MAX_LADDER_SPAN) return false;
    let length = this.#slots.length;
    while (length < span * 2) length *= 2;
    // Centre the levels: the price drifts both ways.
    const base = lo - Math.floor((length - span) / 2);
    const slots = length === this.#slots.length && empty ? this.#slots : new Float64Array(length);
    if (!empty) {
      const from = this.#worst - this.#base;
      slots.set(this.#slots.subarray(from, this.#best - this.#base + 1), this.#worst - base);
    }
    this.#slots = slots;
    this.#base = base;
    return true;
  }

  bestKey(): number {
    return this.#best;
  }

  texts(limit: number): BookLevelText[] {
    const out: BookLevelText[] = [];
    const slots = this.#slots;
    const n = Math.min(limit, this.count);
    for (let at = this.#best - this.#base; out.length < n; at--) {
      const size = slots[at]!;
      if (size === 0) continue;
      const key = this.#base + at;
      out.push([formatScaled(this.negate ? -key : key, this.priceScale), formatScaled(size, this.sizeScale)]);
    }
    return out;
  }

  exportLevels(): SideLevels {
    const keys: bigint[] = [];
    const sizes: bigint[] = [];
    const slots = this.#slots;
    if (this.count > 0) {
      for (let at = this.#worst - this.#base; at <= this.#best - this.#base; at++) {
        const size = slots[at]!;
        if (size === 0) continue;
        keys.push(BigInt(this.#base + at));
        sizes.push(BigInt(size));
      }
    }
    return { keys, sizes, priceScale: this.priceScale, sizeScale: this.sizeScale };
  }
}
