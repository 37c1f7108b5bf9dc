import type { Market, Trade } from '@exkit/core';
import type { TradeFrame } from '../ws/schemas/public.js';

/**
 * WS `trade` frame → Trades (the taker side). Bitunix sends no trade id (§6): the id is `<frame ts>-<n>`, where
 * `n` counts the stream's prints (`firstIndex` is how many came before this frame) — unique within a stream even
 * when several frames share a `ts`. Prints of one frame keep their venue order.
 */
export function fromWsTrades(frame: TradeFrame, market: Market, firstIndex = 0): Trade[] {
  return frame.data.map((t, i) => ({
    id: `${frame.ts}-${firstIndex + i}`,
    symbol: market.symbol,
    timestamp: t.t,
    price: t.p,
    size: t.v.mul(market.contractSize),
    side: t.s === 'BUY' ? 'buy' : 'sell',
  }));
}
