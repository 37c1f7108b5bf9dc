import { timeframeOpen, type Timeframe } from '@exkit/core';
import type { Ctx } from '../context.js';
import { D0, type Decimal } from '../util/decimal.js';
import { candleView, type CandleState } from './candles.js';
import { syntheticHistory } from './history.js';
import type { Market } from './market.js';
import type { SimCandle, SimTicker } from './types.js';

const DAY_MINUTES = 1440;

/** Pre-start candles of one timeframe (generated once, from the seed). */
export function syntheticFor(ctx: Ctx, m: Market, tf: Timeframe): CandleState[] {
  let h = m.historyCache.get(tf);
  if (h === undefined) {
    h = syntheticHistory(ctx.options.seed, m.instrument, tf, timeframeOpen(m.startTime, tf), m.startPrice, ctx.options.syntheticHistory, m.params.volatility);
    m.historyCache.set(tf, h);
  }
  return h;
}

/** Every candle of a timeframe the venue can serve, oldest first: synthetic, closed, then the running one. */
export function allCandles(ctx: Ctx, m: Market, tf: Timeframe): { closed: CandleState[]; current: CandleState } {
  const closed = m.candles.history(tf);
  const current = m.candles.running(tf);
  const firstLive = timeframeOpen(m.startTime, tf);
  // Synthetic history joins the live series only while nothing was trimmed between them.
  const joined = (closed[0]?.openTime ?? current.openTime) === firstLive;
  return { closed: joined ? [...syntheticFor(ctx, m, tf), ...closed] : [...closed], current };
}

/** Candles with openTime in [since, until), ascending; the newest `limit` when a limit is given. */
export function candleRange(ctx: Ctx, m: Market, tf: Timeframe, since: number, until: number, limit?: number): SimCandle[] {
  const { closed, current } = allCandles(ctx, m, tf);
  const out: SimCandle[] = [];
  for (const c of closed) if (c.openTime >= since && c.openTime < until) out.push(candleView(m.instrument.symbol, tf, c, true));
  if (current.openTime >= since && current.openTime < until) out.push(candleView(m.instrument.symbol, tf, current, false));
  return limit !== undefined && out.length > limit ? out.slice(out.length - limit) : out;
}

interface Stats {
  open: Decimal;
  high: Decimal;
  low: Decimal;
  volume: Decimal;
  turnover: Decimal;
}

/**
 * Rolling 24 h from the 1m candles: the 1 439 closed ones before the running minute (slid minute
 * by minute), plus the running one.
 */
export function stats24h(ctx: Ctx, m: Market): Stats {
  const current = m.candles.current.get('1m')!;
  const w = m.stats;
  if (w.key !== current.openTime) {
    const history = m.candles.history('1m');
    const missing = (current.openTime - w.key) / 60_000;
    const last = history[history.length - 1];
    if (Number.isInteger(missing) && missing > 0 && missing <= history.length && last?.openTime === current.openTime - 60_000) {
      w.slide(current.openTime, history.slice(history.length - missing));
    } else w.rebuild(current.openTime, allCandles(ctx, m, '1m').closed.slice(-(DAY_MINUTES - 1)));
  }
  return {
    open: w.open ?? current.open,
    high: w.high === undefined || current.high.gt(w.high) ? current.high : w.high,
    low: w.low === undefined || current.low.lt(w.low) ? current.low : w.low,
    volume: w.volume.plus(current.volume),
    turnover: w.turnover.plus(current.turnover),
  };
}

export function tickerView(ctx: Ctx, m: Market): SimTicker {
  const inst = m.instrument;
  const bid = m.book.bids.best();
  const ask = m.book.asks.best();
  const s = stats24h(ctx, m);
  let oi: Decimal | undefined;
  if (!inst.isSpot) {
    let longs = 0n;
    for (const id of m.holders) {
      const lots = ctx.accounts.get(id)?.positions.get(inst.symbol)?.lots ?? 0n;
      if (lots > 0n) longs += lots;
    }
    oi = m.oiBase.plus(inst.size(longs));
  }
  // The last price may have been set by a script outside the window's range: keep low ≤ last ≤ high.
  const high = m.last.gt(s.high) ? m.last : s.high;
  const low = m.last.lt(s.low) ? m.last : s.low;
  return {
    symbol: inst.symbol,
    timestamp: ctx.clock.now(),
    ...(bid === undefined ? {} : { bid: bid.price, bidSize: inst.size(bid.total) }),
    ...(ask === undefined ? {} : { ask: ask.price, askSize: inst.size(ask.total) }),
    last: m.last,
    open24h: s.open,
    high24h: high,
    low24h: low,
    volume24h: s.volume,
    turnover24h: s.turnover,
    ...(inst.isSpot
      ? {}
      : {
          markPrice: m.mark,
          indexPrice: m.index,
          fundingRate: m.fundingRate,
          nextFundingTime: m.nextFundingTime,
          openInterest: oi ?? D0,
        }),
  };
}
