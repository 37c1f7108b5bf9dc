import type { Market } from '@exkit/core';
import { toMarket } from '../map/market.js';
import { getTradingPairs } from '../rest/endpoints/trading-pairs.js';
import type { BitunixContext } from './context.js';

/** The trading pairs as markets, first of each symbol kept. */
export async function loadBitunixMarkets(ctx: BitunixContext): Promise<Market[]> {
  const pairs = await getTradingPairs(ctx.rest);
  const out: Market[] = [];
  const seen = new Set<string>();
  for (const p of pairs) {
    const m = toMarket(p);
    if (m === undefined || seen.has(m.symbol)) continue;
    seen.add(m.symbol);
    out.push(m);
  }
  return out;
}
