import { Decimal, type Market, type OrderBook, type OrderBookLevel } from '@exkit/core';
import type { WireOrderBook } from '../rest/schemas/market.js';

function levels(raw: readonly (readonly [string, string])[]): OrderBookLevel[] {
  const out: OrderBookLevel[] = [];
  for (const [price, size] of raw) {
    const s = new Decimal(size);
    if (s.gt(0)) out.push({ price: new Decimal(price), size: s });
  }
  return out;
}

/**
 * REST `/v5/market/orderbook` → core OrderBook: bids descending and asks ascending as the venue
 * sends them, the generation time `ts` and the update id `u` (equal to the 1000-level stream's `u`).
 */
export function mapOrderBook(w: WireOrderBook, market: Market, depth?: number): OrderBook {
  const bids = levels(w.b);
  const asks = levels(w.a);
  return {
    symbol: market.symbol,
    timestamp: w.ts,
    sequence: w.u,
    bids: depth === undefined ? bids : bids.slice(0, depth),
    asks: depth === undefined ? asks : asks.slice(0, depth),
  };
}
