import { timeframeNextOpen, type Candle, type Decimal, type Market, type Timeframe } from '@exkit/core';
import type { WireKline } from '../rest/schemas/market.js';

/** core timeframe → Bybit kline interval (reference §8: minutes, `D`, `W`, `M`). All 13 are served. */
export const TIMEFRAME_TO_INTERVAL: Readonly<Record<Timeframe, string>> = {
  '1m': '1',
  '3m': '3',
  '5m': '5',
  '15m': '15',
  '30m': '30',
  '1h': '60',
  '2h': '120',
  '4h': '240',
  '6h': '360',
  '12h': '720',
  '1d': 'D',
  '1w': 'W',
  '1M': 'M',
};

export const BYBIT_TIMEFRAMES: readonly Timeframe[] = Object.keys(TIMEFRAME_TO_INTERVAL) as Timeframe[];

const INTERVAL_TO_TIMEFRAME: ReadonlyMap<string, Timeframe> = new Map(
  Object.entries(TIMEFRAME_TO_INTERVAL).map(([tf, interval]) => [interval, tf as Timeframe]),
);

export function timeframeOfInterval(interval: string): Timeframe | undefined {
  return INTERVAL_TO_TIMEFRAME.get(interval);
}

/**
 * One REST kline row → Candle. `volume` is base for spot and linear, `turnover` quote (DOCS
 * `docs/v5/market/kline.mdx`). The venue does not flag the running candle: it is open while its
 * interval has not ended by `now`.
 */
export function mapKline(row: WireKline, market: Market, timeframe: Timeframe, now: number): Candle {
  return {
    symbol: market.symbol,
    timeframe,
    openTime: row.start,
    open: row.open,
    high: row.high,
    low: row.low,
    close: row.close,
    volume: row.volume,
    quoteVolume: row.turnover,
    closed: timeframeNextOpen(row.start, timeframe) <= now,
  };
}

/** A WS `kline` item (reference §6): `confirm` says whether the candle closed. */
export interface WsKlineFields {
  readonly start: number;
  readonly open: Decimal;
  readonly high: Decimal;
  readonly low: Decimal;
  readonly close: Decimal;
  readonly volume: Decimal;
  readonly turnover: Decimal;
  readonly confirm: boolean;
}

export function mapWsKline(k: WsKlineFields, market: Market, timeframe: Timeframe): Candle {
  return {
    symbol: market.symbol,
    timeframe,
    openTime: k.start,
    open: k.open,
    high: k.high,
    low: k.low,
    close: k.close,
    volume: k.volume,
    quoteVolume: k.turnover,
    closed: k.confirm,
  };
}
