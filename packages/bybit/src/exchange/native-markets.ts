import type { Market, MarketRegistry } from '@exkit/core';
import type { BybitCategory } from '../environments.js';
import { categoryOf } from '../ws/public-streams.js';

/**
 * Loaded markets by category and native id (spot and linear share ids such as `BTCUSDT`). The
 * index is rebuilt whenever the registry changes (a reload).
 */
export class NativeMarkets {
  readonly #registry: () => MarketRegistry;
  #native: { readonly registry: MarketRegistry; readonly map: ReadonlyMap<string, Market> } | undefined;

  constructor(registry: () => MarketRegistry) {
    this.#registry = registry;
  }

  /** The loaded market of a category by native id. */
  marketFor(category: BybitCategory, nativeId: string): Market | undefined {
    const registry = this.#registry();
    if (this.#native?.registry !== registry) {
      const map = new Map<string, Market>();
      for (const m of registry.list()) map.set(`${categoryOf(m)}:${m.id}`, m);
      this.#native = { registry, map };
    }
    return this.#native.map.get(`${category}:${nativeId}`);
  }
}

/** The settle coins of the loaded derivative markets (linear scopes are asked per settle coin). */
export function settleCoins(registry: MarketRegistry): string[] {
  return [...new Set(registry.list().flatMap((m) => (m.type !== 'spot' && m.settle !== undefined ? [m.settle] : [])))];
}
