import { timeframeNextOpen, timeframeOpen, type Timeframe } from '@exkit/core';
import { D0, type Decimal } from '../util/decimal.js';
import type { SimCandle } from './types.js';

export const TIMEFRAMES: readonly Timeframe[] = ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w', '1M'];

export interface CandleState {
  readonly openTime: number;
  open: Decimal;
  high: Decimal;
  low: Decimal;
  close: Decimal;
  volume: Decimal;
  turnover: Decimal;
  trades: number;
}

export function flatCandle(openTime: number, price: Decimal): CandleState {
  return { openTime, open: price, high: price, low: price, close: price, volume: D0, turnover: D0, trades: 0 };
}

export function candleView(symbol: string, timeframe: Timeframe, c: CandleState, closed: boolean): SimCandle {
  return {
    symbol,
    timeframe,
    openTime: c.openTime,
    closeTime: timeframeNextOpen(c.openTime, timeframe) - 1,
    open: c.open,
    high: c.high,
    low: c.low,
    close: c.close,
    volume: c.volume,
    turnover: c.turnover,
    trades: c.trades,
    closed,
  };
}

const MINUTE = 60_000;

/**
 * The running candle of every timeframe plus the closed ones, bounded per timeframe. A trade
 * updates only the running minute; a longer timeframe keeps the aggregate of its closed minutes and
 * is combined with the running minute when read, and every live timeframe is exactly its minutes
 * (every venue interval is a whole number of minutes). Intervals with no trade close flat at the
 * previous close with zero volume, as venues serve them.
 */
export class CandleSet {
  /** Per timeframe: the running minute ('1m') or the aggregate of the closed minutes of the running interval. */
  readonly current = new Map<Timeframe, CandleState>();
  readonly closed = new Map<Timeframe, CandleState[]>();
  readonly historyLimit: number;

  constructor(historyLimit: number) {
    this.historyLimit = historyLimit;
  }

  start(now: number, price: Decimal): void {
    for (const tf of TIMEFRAMES) {
      this.current.set(tf, flatCandle(timeframeOpen(now, tf), price));
      this.closed.set(tf, []);
    }
  }

  /** The running candle of a timeframe as of now. */
  running(tf: Timeframe): CandleState {
    const minute = this.current.get('1m')!;
    if (tf === '1m') return minute;
    const agg = this.current.get(tf)!;
    if (minute.trades === 0) return agg;
    if (agg.trades === 0) return { ...minute, openTime: agg.openTime };
    return {
      openTime: agg.openTime,
      open: agg.open,
      high: minute.high.gt(agg.high) ? minute.high : agg.high,
      low: minute.low.lt(agg.low) ? minute.low : agg.low,
      close: minute.close,
      volume: agg.volume.plus(minute.volume),
      turnover: agg.turnover.plus(minute.turnover),
      trades: agg.trades + minute.trades,
    };
  }

  /** Closes every interval that ended by `now`; `onClosed` sees each closed candle in time order. */
  roll(now: number, onClosed: (tf: Timeframe, candle: CandleState) => void): void {
    let minute = this.current.get('1m')!;
    if (now < minute.openTime + MINUTE) return;
    const target = timeframeOpen(now, '1m');
    // A gap much longer than history holds (a restart after days, a frozen market advanced by
    // months): close what runs, then jump to `historyLimit` minutes before now, flat.
    const skipBefore = target - this.historyLimit * MINUTE;
    while (minute.openTime < target) {
      const next = minute.openTime + MINUTE;
      this.#close('1m', minute, onClosed);
      for (const tf of TIMEFRAMES) {
        if (tf === '1m') continue;
        let agg = this.current.get(tf)!;
        fold(agg, minute);
        if (next >= timeframeNextOpen(agg.openTime, tf)) {
          this.#close(tf, agg, onClosed);
          agg = flatCandle(timeframeOpen(next, tf), minute.close);
          this.current.set(tf, agg);
        }
      }
      const price = minute.close;
      minute = flatCandle(next, price);
      if (next < skipBefore - MINUTE) {
        minute = flatCandle(skipBefore, price);
        for (const tf of TIMEFRAMES) if (tf !== '1m') this.current.set(tf, flatCandle(timeframeOpen(skipBefore, tf), price));
      }
      this.current.set('1m', minute);
    }
  }

  #close(tf: Timeframe, c: CandleState, onClosed: (tf: Timeframe, candle: CandleState) => void): void {
    const history = this.closed.get(tf)!;
    history.push(c);
    if (history.length > this.historyLimit + (this.historyLimit >> 2)) history.splice(0, history.length - this.historyLimit);
    onClosed(tf, c);
  }

  /** A trade updates the running minute only. */
  trade(price: Decimal, size: Decimal, notional: Decimal): void {
    const c = this.current.get('1m')!;
    if (c.trades === 0) {
      c.open = price;
      c.high = price;
      c.low = price;
    } else {
      if (price.gt(c.high)) c.high = price;
      if (price.lt(c.low)) c.low = price;
    }
    c.close = price;
    c.volume = c.volume.plus(size);
    c.turnover = c.turnover.plus(notional);
    c.trades++;
  }

  /** Closed candles of one timeframe, oldest first (trimmed lazily to the limit). */
  history(tf: Timeframe): readonly CandleState[] {
    const h = this.closed.get(tf)!;
    return h.length > this.historyLimit ? h.slice(-this.historyLimit) : h;
  }
}

/** Adds a closed minute to the aggregate of its longer interval. */
function fold(agg: CandleState, m: CandleState): void {
  if (m.trades === 0) {
    if (agg.trades === 0) agg.close = m.close;
    return;
  }
  if (agg.trades === 0) {
    agg.open = m.open;
    agg.high = m.high;
    agg.low = m.low;
  } else {
    if (m.high.gt(agg.high)) agg.high = m.high;
    if (m.low.lt(agg.low)) agg.low = m.low;
  }
  agg.close = m.close;
  agg.volume = agg.volume.plus(m.volume);
  agg.turnover = agg.turnover.plus(m.turnover);
  agg.trades += m.trades;
}
