// Market items as WebSocket `data`: decimal strings for money, epoch ms for times (gateway-api.md § Shapes).
import type { Candle, Decimal, Ticker, Trade } from '@exkit/core';

const str = (d: Decimal | undefined): string | null => (d === undefined ? null : d.toFixed());

export function tickerData(venue: string, t: Ticker): Record<string, unknown> {
  return {
    exchange: venue,
    symbol: t.symbol,
    bid: str(t.bid),
    ask: str(t.ask),
    last: str(t.last),
    mark_price: str(t.markPrice),
    index_price: str(t.indexPrice),
    volume_24h: str(t.baseVolume24h),
    timestamp: t.timestamp,
  };
}

export function tradeData(venue: string, t: Trade): Record<string, unknown> {
  return { exchange: venue, symbol: t.symbol, id: t.id, price: t.price.toFixed(), size: t.size.toFixed(), side: t.side, timestamp: t.timestamp };
}

export function candleData(venue: string, c: Candle): Record<string, unknown> {
  return {
    exchange: venue,
    symbol: c.symbol,
    timeframe: c.timeframe,
    open_time: c.openTime,
    open: c.open.toFixed(),
    high: c.high.toFixed(),
    low: c.low.toFixed(),
    close: c.close.toFixed(),
    volume: c.volume.toFixed(),
    closed: c.closed,
  };
}
