import type { Balance, Candle, Fill, Order, OrderBook, Position, Ticker, Trade } from '@exkit/core';
import { cell } from './values.js';

export type StreamName = 'ticker' | 'book' | 'trades' | 'candles' | 'orders' | 'fills' | 'positions' | 'balances';

function clock(ms: number | undefined): string {
  return new Date(ms ?? Date.now()).toISOString().slice(11, 23);
}

/** One human line per stream item. */
export function eventLine(stream: StreamName, item: unknown): string {
  switch (stream) {
    case 'ticker': {
      const t = item as Ticker;
      return `${clock(t.timestamp)} ticker ${t.symbol} bid ${cell(t.bid)} ask ${cell(t.ask)} last ${cell(t.last)}`;
    }
    case 'book': {
      const b = item as OrderBook;
      return `${clock(b.timestamp)} book ${b.symbol} bid ${cell(b.bids[0]?.price)} × ${cell(b.bids[0]?.size)} | ask ${cell(b.asks[0]?.price)} × ${cell(b.asks[0]?.size)}${b.sequence === undefined ? '' : ` seq ${b.sequence}`}`;
    }
    case 'trades': {
      const t = item as Trade;
      return `${clock(t.timestamp)} trade ${t.symbol} ${t.side} ${cell(t.size)} @ ${cell(t.price)} id ${t.id}`;
    }
    case 'candles': {
      const c = item as Candle;
      return `${clock(c.openTime)} candle ${c.symbol} ${c.timeframe} o ${cell(c.open)} h ${cell(c.high)} l ${cell(c.low)} c ${cell(c.close)} v ${cell(c.volume)}${c.closed ? ' closed' : ''}`;
    }
    case 'orders': {
      const o = item as Order;
      return `${clock(o.updatedAt)} order ${o.id} ${o.symbol} ${o.side} ${o.type} ${o.status} ${cell(o.filled)}/${cell(o.amount)} @ ${cell(o.price)}`;
    }
    case 'fills': {
      const f = item as Fill;
      return `${clock(f.timestamp)} fill ${f.symbol} ${f.side} ${cell(f.size)} @ ${cell(f.price)} fee ${cell(f.fee.amount)} ${f.fee.currency} order ${f.orderId}`;
    }
    case 'positions': {
      const p = item as Position;
      return `${clock(p.timestamp)} position ${p.symbol} ${p.side} ${cell(p.size)} entry ${cell(p.entryPrice)} uPnL ${cell(p.unrealizedPnl)}`;
    }
    case 'balances': {
      const b = item as Balance;
      return `${clock(b.timestamp)} balance ${b.currency} free ${cell(b.free)} used ${cell(b.used)} total ${cell(b.total)}`;
    }
  }
}
