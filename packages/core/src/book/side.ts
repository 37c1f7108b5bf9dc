import type { BookLevelText } from './types.js';

/**
 * One side of a local book. Prices are scaled integers used as keys: bids keyed by price, asks by
 * −price, so on both sides a higher key is a better level. Three forms, all exact:
 * - `ladder`: sizes in a Float64Array indexed by key − base (O(1) per update; the usual form),
 * - `sorted`: sorted Float64Arrays (when the levels span too many ticks for a ladder),
 * - `wide`: sorted bigints (when a value does not fit a double exactly).
 */
export interface BookSide {
  readonly form: SideForm;
  readonly count: number;
  readonly priceScale: number;
  readonly sizeScale: number;
  /** Sets `size` at `price` (wire strings); size 0 deletes, deleting an absent level is a no-op. */
  apply(price: string, size: string): ApplyCode;
  /** The best key; only meaningful when count > 0. */
  bestKey(): number | bigint;
  /** Canonical texts of the best `limit` levels, best first. */
  texts(limit: number): BookLevelText[];
  /** Every level as exact integers at this side's scales, to rebuild in another form. */
  exportLevels(): SideLevels;
}

export type SideForm = 'ladder' | 'sorted' | 'wide';

export interface SideLevels {
  /** Signed keys (−price for asks), any order. */
  readonly keys: readonly bigint[];
  readonly sizes: readonly bigint[];
  readonly priceScale: number;
  readonly sizeScale: number;
}

/**
 * 0: applied; 1: a value does not fit this form or scale (the book rescales or widens and
 * retries); 2: negative size; 3: the ladder would span too many ticks (the book sorts and retries).
 */
export type ApplyCode = 0 | 1 | 2 | 3;
export const APPLIED = 0;
export const MISFIT = 1;
export const NEGATIVE = 2;
export const SPARSE = 3;
