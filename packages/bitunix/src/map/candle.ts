import { timeframeNextOpen, timeframeOpen, UnexpectedResponseError, ZERO, type Candle, type Market, type Timeframe } from '@exkit/core';
import type { WireKline } from '../rest/schemas/market.js';
import type { KlineFrame } from '../ws/schemas/public.js';
import { orderVolumes } from './volumes.js';

/**
 * Timeframes served. REST intervals (bitunix.md §5/§7): 1m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M — no 3m.
 * `1w` and `1M` are left out: the venue's weekly/monthly anchor is undocumented, and core aligns weeks on Monday.
 */
export const REST_INTERVAL: Readonly<Partial<Record<Timeframe, string>>> = {
  '1m': '1m',
  '5m': '5m',
  '15m': '15m',
  '30m': '30m',
  '1h': '1h',
  '2h': '2h',
  '4h': '4h',
  '6h': '6h',
  '12h': '12h',
  '1d': '1d',
};

/** WS channel suffixes: `market_kline_<iv>` with `1min 3min 5min 15min 30min 60min 2h 4h 6h 8h 12h 1day …` (§6). */
export const WS_INTERVAL: Readonly<Partial<Record<Timeframe, string>>> = {
  '1m': '1min',
  '5m': '5min',
  '15m': '15min',
  '30m': '30min',
  '1h': '60min',
  '2h': '2h',
  '4h': '4h',
  '6h': '6h',
  '12h': '12h',
  '1d': '1day',
};

export const TIMEFRAMES: readonly Timeframe[] = Object.keys(REST_INTERVAL) as Timeframe[];

/** REST kline row → Candle (`time` is the candle open, ms). Closed once its interval has ended by `now`. */
export function fromRestKline(k: WireKline, market: Market, timeframe: Timeframe, now: number): Candle {
  if (timeframeOpen(k.time, timeframe) !== k.time) {
    throw new UnexpectedResponseError(`kline time ${k.time} is not a ${timeframe} open`, { exchange: 'bitunix', path: 'time' });
  }
  const vol = orderVolumes({ base: k.baseVol, quote: k.quoteVol }, k.low, k.high);
  return {
    symbol: market.symbol,
    timeframe,
    openTime: k.time,
    open: k.open,
    high: k.high,
    low: k.low,
    close: k.close,
    volume: (vol.base ?? ZERO).mul(market.contractSize),
    ...(vol.quote !== undefined && { quoteVolume: vol.quote }),
    closed: timeframeNextOpen(k.time, timeframe) <= now,
  };
}

/**
 * WS kline frame → the running Candle. The frame has no start time and no closed flag (§6): the open time is the
 * interval holding the frame's `ts`, and a pushed candle is never reported closed (use REST history for closed ones).
 */
export function fromWsKline(frame: KlineFrame, market: Market, timeframe: Timeframe): Candle {
  const d = frame.data;
  return {
    symbol: market.symbol,
    timeframe,
    openTime: timeframeOpen(frame.ts, timeframe),
    open: d.o,
    high: d.h,
    low: d.l,
    close: d.c,
    volume: (d.b ?? ZERO).mul(market.contractSize),
    ...(d.q !== undefined && { quoteVolume: d.q }),
    closed: false,
  };
}
