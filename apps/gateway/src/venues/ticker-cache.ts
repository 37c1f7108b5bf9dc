// Coalesces ticker reads: concurrent requests for one symbol share one venue call, and an answer is reused
// for `freshMs` (default 250 ms) so a burst of dashboard polls costs the venue one request, not hundreds.
import type { Exchange, Ticker } from '@exkit/core';

export class TickerCache {
  readonly #entries = new Map<string, { at: number; value: Promise<Ticker> }>();

  constructor(
    private readonly freshMs = 250,
    private readonly now: () => number = Date.now,
  ) {}

  get(venueId: string, client: Exchange, symbol: string): Promise<Ticker> {
    const key = `${venueId}\u0000${symbol}`;
    const t = this.now();
    const hit = this.#entries.get(key);
    if (hit && t - hit.at < this.freshMs) return hit.value;
    const value = client.fetchTicker(symbol);
    this.#entries.set(key, { at: t, value });
    // A failure is not cached.
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    });
    if (this.#entries.size > 10_000) this.#entries.clear();
    return value;
  }
}
