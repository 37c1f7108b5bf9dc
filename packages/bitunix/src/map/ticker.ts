import type { Decimal, Market, OrderBook, Ticker } from '@exkit/core';
import type { WireTicker } from '../rest/schemas/market.js';
import type { TickerFrame, TickersItem } from '../ws/schemas/public.js';
import { orderVolumes } from './volumes.js';

function present<K extends string>(key: K, value: Decimal | undefined): Partial<Record<K, Decimal>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, Decimal>);
}

/**
 * REST tickers row → Ticker. The reply has no bid/ask and no time (bitunix.md §5): `book` (a depth limit=1 read)
 * supplies the top of book when given; `now` stamps it.
 */
export function fromRestTicker(t: WireTicker, market: Market, now: number, book?: OrderBook): Ticker {
  const vol = orderVolumes({ base: t.baseVol, quote: t.quoteVol }, t.low, t.high);
  const bid = book?.bids[0];
  const ask = book?.asks[0];
  return {
    symbol: market.symbol,
    timestamp: book?.timestamp ?? now,
    ...(bid && { bid: bid.price, bidSize: bid.size }),
    ...(ask && { ask: ask.price, askSize: ask.size }),
    ...present('last', t.lastPrice ?? t.last),
    ...present('open24h', t.open),
    ...present('high24h', t.high),
    ...present('low24h', t.low),
    ...present('baseVolume24h', vol.base),
    ...present('quoteVolume24h', vol.quote),
    ...present('markPrice', t.markPrice),
  };
}

/** WS `tickers` item (has best bid/ask) → Ticker, stamped with the frame's `ts`. */
export function fromWsTickersItem(item: TickersItem, market: Market, ts: number): Ticker {
  return {
    symbol: market.symbol,
    timestamp: ts,
    ...present('bid', item.bd),
    ...present('bidSize', item.bv),
    ...present('ask', item.ak),
    ...present('askSize', item.av),
    ...present('last', item.la),
    ...present('open24h', item.o),
    ...present('high24h', item.h),
    ...present('low24h', item.l),
    ...present('baseVolume24h', item.b),
    ...present('quoteVolume24h', item.q),
  };
}

/** WS `ticker` frame (no bid/ask) → Ticker. */
export function fromWsTicker(frame: TickerFrame, market: Market): Ticker {
  return fromWsTickersItem({ ...frame.data, bd: undefined, ak: undefined, bv: undefined, av: undefined }, market, frame.ts);
}
