import type { SimTrade } from './types.js';

/** The newest trades of one market, oldest first, bounded. */
export class Tape {
  readonly limit: number;
  #trades: SimTrade[] = [];

  constructor(limit: number) {
    this.limit = limit;
  }

  push(trade: SimTrade): void {
    this.#trades.push(trade);
    // Trim in chunks: one splice per `limit / 4` trades instead of a shift per trade.
    if (this.#trades.length > this.limit + Math.max(1, this.limit >> 2)) this.#trades.splice(0, this.#trades.length - this.limit);
  }

  /** The newest `n`, ascending. */
  tail(n: number): SimTrade[] {
    const all = this.#trades.length > this.limit ? this.#trades.slice(-this.limit) : this.#trades;
    return n >= all.length ? [...all] : all.slice(all.length - n);
  }

  all(): readonly SimTrade[] {
    return this.tail(this.limit);
  }

  replace(trades: readonly SimTrade[]): void {
    this.#trades = [...trades];
  }
}
