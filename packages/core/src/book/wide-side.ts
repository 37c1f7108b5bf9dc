import { formatScaledBig, parseScaledBig } from './scaled.js';
import { APPLIED, MISFIT, NEGATIVE, type ApplyCode, type BookSide, type SideLevels } from './side.js';
import type { BookLevelText } from './types.js';

/**
 * The exact fallback when a value does not fit a double (123456789.12345678 at scale 8 is above
 * 2^53): sorted bigint keys and sizes, best at the end. Slower; a book leaves it at its next snapshot.
 */
export class WideSide implements BookSide {
  readonly form = 'wide';
  #keys: bigint[] = [];
  #sizes: bigint[] = [];

  constructor(
    readonly negate: boolean,
    readonly priceScale: number,
    readonly sizeScale: number,
    readonly maxLevels: number,
  ) {}

  get count(): number {
    return this.#keys.length;
  }

  apply(price: string, size: string): ApplyCode {
    const p = parseScaledBig(price, this.priceScale);
    const q = parseScaledBig(size, this.sizeScale);
    if (p === undefined || q === undefined) return MISFIT;
    if (q < 0n) return NEGATIVE;
    this.set(this.negate ? -p : p, q);
    return APPLIED;
  }

  set(key: bigint, size: bigint): void {
    const keys = this.#keys;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    if (lo < keys.length && keys[lo] === key) {
      if (size !== 0n) this.#sizes[lo] = size;
      else {
        keys.splice(lo, 1);
        this.#sizes.splice(lo, 1);
      }
    } else if (size !== 0n) {
      if (keys.length >= this.maxLevels) {
        if (lo === 0) return; // worse than every level kept
        keys.shift();
        this.#sizes.shift();
        lo--;
      }
      keys.splice(lo, 0, key);
      this.#sizes.splice(lo, 0, size);
    }
  }

  bestKey(): bigint {
    return this.#keys[this.#keys.length - 1]!;
  }

  texts(limit: number): BookLevelText[] {
    const n = Math.min(limit, this.count);
    const out = new Array<BookLevelText>(n);
    for (let i = 0; i < n; i++) {
      const at = this.count - 1 - i;
      const key = this.#keys[at]!;
      out[i] = [formatScaledBig(this.negate ? -key : key, this.priceScale), formatScaledBig(this.#sizes[at]!, this.sizeScale)];
    }
    return out;
  }

  exportLevels(): SideLevels {
    return { keys: [...this.#keys], sizes: [...this.#sizes], priceScale: this.priceScale, sizeScale: this.sizeScale };
  }
}
