import type { Market, Trade } from '@exkit/core';
import type { TradeFrame } from '../ws/schemas/public.js';

/**
 * WS `trade` frame → Trades (the taker side). Bitunix sends no trade id (§6): the id is `<frame ts>-<index>`,
 * unique within a stream and stable for one frame. Prints of one frame keep their venue order.
 */
export function fromWsTrades(frame: TradeFrame, market: Market): Trade[] {
  return frame.data.map((t, i) => ({
    id: `${frame.ts}-${i}`,
    symbol: market.symbol,
    timestamp: t.t,
    price: t.p,
    size: t.v.mul(market.contractSize),
    side: t.s === 'BUY' ? 'buy' : 'sell',
  }));
}
