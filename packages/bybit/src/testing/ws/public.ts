/**
 * Public stream frames (reference §6): `orderbook.{depth}.{symbol}` snapshot then deltas with `u`
 * / `seq`, `tickers.{symbol}`, `publicTrade.{symbol}`, `kline.{interval}.{symbol}`.
 */
import type { PublicEvent, SimInstrument, SimVenue } from '@exkit/sim';
import { INTERVALS, intervalOf, plainText, px, qty, SIDE, updateId, type Category } from '../format.js';
import { toDecimal } from '@exkit/core';

export const BOOK_DEPTHS = [1, 50, 200, 1000] as const;

export interface ParsedTopic {
  readonly kind: 'orderbook' | 'tickers' | 'publicTrade' | 'kline';
  readonly instrument: SimInstrument;
  readonly depth?: number;
  readonly interval?: string;
}

/** A public topic of this category's stream, or undefined when the venue would refuse it. */
export function parsePublicTopic(venue: SimVenue, category: Category, topic: string): ParsedTopic | undefined {
  const parts = topic.split('.');
  const type = category === 'spot' ? 'spot' : 'swap';
  const inst = (id: string | undefined): SimInstrument | undefined => (id === undefined ? undefined : venue.findInstrument(id, type));
  if (parts[0] === 'orderbook' && parts.length === 3) {
    const depth = Number(parts[1]);
    const i = inst(parts[2]);
    if (!(BOOK_DEPTHS as readonly number[]).includes(depth) || i === undefined) return undefined;
    return { kind: 'orderbook', instrument: i, depth };
  }
  if ((parts[0] === 'tickers' || parts[0] === 'publicTrade') && parts.length === 2) {
    const i = inst(parts[1]);
    return i === undefined ? undefined : { kind: parts[0], instrument: i };
  }
  if (parts[0] === 'kline' && parts.length === 3) {
    const i = inst(parts[2]);
    if (i === undefined || parts[1] === undefined || INTERVALS[parts[1]] === undefined) return undefined;
    return { kind: 'kline', instrument: i, interval: parts[1] };
  }
  return undefined;
}

function wireLevels(i: SimInstrument, rows: ReadonlyArray<readonly [string, string]>): Array<[string, string]> {
  if (i.contractSize.eq(1)) return rows.map(([p, s]) => [plainText(p), plainText(s)]);
  return rows.map(([p, s]) => [plainText(p), i.toContracts(toDecimal(s)).toFixed(i.sizeDp)]);
}

/** The snapshot a new subscriber (or a re-seeded book) gets. */
export function bookSnapshot(venue: SimVenue, i: SimInstrument, depth: number): Record<string, unknown> {
  const b = venue.book(i.symbol, depth);
  const now = venue.serverTime();
  return {
    topic: `orderbook.${depth}.${i.nativeId}`,
    type: 'snapshot',
    ts: now,
    data: { s: i.nativeId, b: wireLevels(i, b.bids), a: wireLevels(i, b.asks), u: updateId(b.seq), seq: b.seq },
    cts: b.timestamp,
  };
}

/** The frame a book event becomes for one depth; level-1 books are snapshot-only (rule 4). */
export function bookFrame(venue: SimVenue, i: SimInstrument, depth: number, e: Extract<PublicEvent, { type: 'book' }>): Record<string, unknown> {
  // Level 1 is snapshot-only (rule 4): the current top, with the book's current update id.
  if (depth === 1) return bookSnapshot(venue, i, 1);
  if (e.snapshot) {
    return {
      topic: `orderbook.${depth}.${i.nativeId}`,
      type: 'snapshot',
      ts: venue.serverTime(),
      data: { s: i.nativeId, b: wireLevels(i, e.bids.slice(0, depth)), a: wireLevels(i, e.asks.slice(0, depth)), u: updateId(e.seq), seq: e.seq },
      cts: e.timestamp,
    };
  }
  return {
    topic: `orderbook.${depth}.${i.nativeId}`,
    type: 'delta',
    ts: venue.serverTime(),
    data: { s: i.nativeId, b: wireLevels(i, e.bids), a: wireLevels(i, e.asks), u: updateId(e.seq), seq: e.seq },
    cts: e.timestamp,
  };
}

export function tickerData(venue: SimVenue, i: SimInstrument): Record<string, unknown> {
  const t = venue.ticker(i.symbol);
  const pcnt = t.open24h.isZero() ? '0' : t.last.minus(t.open24h).div(t.open24h).toDecimalPlaces(6).toFixed();
  const common = {
    symbol: i.nativeId,
    lastPrice: px(i, t.last),
    highPrice24h: px(i, t.high24h),
    lowPrice24h: px(i, t.low24h),
    prevPrice24h: px(i, t.open24h),
    volume24h: qty(i, t.volume24h),
    turnover24h: t.turnover24h.toFixed(4),
    price24hPcnt: pcnt,
  };
  if (i.isSpot) return { ...common, usdIndexPrice: px(i, t.last) };
  return {
    ...common,
    tickDirection: 'ZeroPlusTick',
    prevPrice1h: px(i, t.open24h),
    markPrice: px(i, t.markPrice),
    indexPrice: px(i, t.indexPrice),
    openInterest: t.openInterest === undefined ? '0' : qty(i, t.openInterest),
    openInterestValue: (t.openInterest ?? toDecimal(0)).times(t.markPrice ?? t.last).toFixed(2),
    nextFundingTime: t.nextFundingTime === undefined ? '' : String(t.nextFundingTime),
    fundingRate: t.fundingRate === undefined ? '' : t.fundingRate.toFixed(),
    bid1Price: px(i, t.bid),
    bid1Size: t.bidSize === undefined ? '' : qty(i, t.bidSize),
    ask1Price: px(i, t.ask),
    ask1Size: t.askSize === undefined ? '' : qty(i, t.askSize),
    fundingIntervalHour: String(Math.round(i.fundingIntervalMs / 3_600_000)),
    fundingCap: i.fundingRateCap.toFixed(),
  };
}

/** Linear tickers: snapshot on subscribe, then deltas (here always complete, which a merge accepts). Spot: snapshots only. */
export function tickerFrame(venue: SimVenue, i: SimInstrument, first: boolean, cs: number): Record<string, unknown> {
  return { topic: `tickers.${i.nativeId}`, type: first || i.isSpot ? 'snapshot' : 'delta', data: tickerData(venue, i), cs, ts: venue.serverTime() };
}

export function tradeFrame(venue: SimVenue, i: SimInstrument, e: Extract<PublicEvent, { type: 'trade' }>): Record<string, unknown> {
  const t = e.trade;
  return {
    topic: `publicTrade.${i.nativeId}`,
    type: 'snapshot',
    ts: venue.serverTime(),
    data: [
      {
        T: t.timestamp,
        s: i.nativeId,
        S: SIDE[t.side],
        v: qty(i, t.size),
        p: px(i, t.price),
        ...(i.isSpot ? {} : { L: 'ZeroPlusTick' }),
        i: t.id,
        BT: false,
        RPI: false,
        seq: t.seq,
      },
    ],
  };
}

export function klineFrame(venue: SimVenue, i: SimInstrument, e: Extract<PublicEvent, { type: 'candle' }>): Record<string, unknown> {
  const c = e.candle;
  const interval = intervalOf(c.timeframe);
  return {
    topic: `kline.${interval}.${i.nativeId}`,
    type: 'snapshot',
    ts: venue.serverTime(),
    data: [
      {
        start: c.openTime,
        end: c.closeTime,
        interval,
        open: px(i, c.open),
        close: px(i, c.close),
        high: px(i, c.high),
        low: px(i, c.low),
        volume: qty(i, c.volume),
        turnover: c.turnover.toFixed(),
        confirm: c.closed,
        timestamp: e.timestamp,
      },
    ],
  };
}
