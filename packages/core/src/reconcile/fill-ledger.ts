import type { Fill } from '../models/fill.js';
import { trimOldest } from './bounded-map.js';

/**
 * Fill ids already delivered, so an execution seen on the live stream and again by reconciliation
 * reaches consumers once. Bounded: past `max` ids the oldest are forgotten first.
 */
export class FillLedger {
  readonly #seen = new Map<string, number>();
  readonly #max: number;
  #latest = 0;

  constructor(max = 50_000) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`FillLedger max must be a positive integer, got ${max}`);
    this.#max = max;
  }

  /** Time of the newest fill delivered (0 before any): where a reconciliation re-read starts. */
  get latest(): number {
    return this.#latest;
  }

  has(id: string): boolean {
    return this.#seen.has(id);
  }

  /** True the first time a fill id is offered (and records it); false for a repeat. */
  accept(fill: Fill): boolean {
    if (this.#seen.has(fill.id)) return false;
    this.#seen.set(fill.id, fill.timestamp);
    if (fill.timestamp > this.#latest) this.#latest = fill.timestamp;
    trimOldest(this.#seen, this.#max);
    return true;
  }
}
