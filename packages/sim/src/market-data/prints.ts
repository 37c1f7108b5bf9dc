import type { OrderSide } from '@exkit/core';
import { touchMarket, type Ctx } from '../context.js';
import type { Decimal } from '../util/decimal.js';
import { TIMEFRAMES } from './candles.js';
import type { Market } from './market.js';
import type { SimTrade } from './types.js';

/** One public trade: tape, last price, candles, ticker; conditional orders get checked. */
export function printTrade(ctx: Ctx, m: Market, price: Decimal, size: Decimal, side: OrderSide): SimTrade {
  const seq = ++m.seqs.trade;
  const trade: SimTrade = { id: String(seq), seq, symbol: m.instrument.symbol, price, size, side, timestamp: ctx.clock.now() };
  m.tape.push(trade);
  m.candles.trade(price, size, price.times(size));
  for (const tf of TIMEFRAMES) m.pendingCandles.add(tf);
  m.pendingTrades.push(trade);
  m.pendingTicker = true;
  if (!m.last.eq(price)) {
    m.last = price;
    ctx.triggerCheck.add(m);
  }
  touchMarket(ctx, m);
  return trade;
}
