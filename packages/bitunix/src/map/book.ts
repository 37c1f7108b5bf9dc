import type { Decimal, Market, OrderBook } from '@exkit/core';
import type { WireDepth } from '../rest/schemas/market.js';

/**
 * REST depth → OrderBook: best first, zero sizes dropped, at most `limit` levels per side. The reply has no time
 * or update id (PROBE); CCXT reads an optional `time`, used when present, else `now`.
 */
export function fromRestDepth(depth: WireDepth, market: Market, now: number, limit?: number): OrderBook {
  const side = (levels: WireDepth['bids'], desc: boolean) =>
    levels
      .filter(([, size]) => size.gt(0))
      .map(([price, size]) => ({ price: price as Decimal, size: (size as Decimal).mul(market.contractSize) }))
      .sort((a, b) => (desc ? b.price.comparedTo(a.price) : a.price.comparedTo(b.price)))
      .slice(0, limit ?? Number.POSITIVE_INFINITY);
  return { symbol: market.symbol, timestamp: depth.time ?? now, bids: side(depth.bids, true), asks: side(depth.asks, false) };
}
