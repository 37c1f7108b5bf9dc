import { downloadCandleRange, resolveCandleRange, UnexpectedResponseError } from '@exkit/core';
import type { Candle, CandleQuery, Clock, HistoryQuery, Market, OrderBook, Ticker, Timeframe, Trade } from '@exkit/core';
import { mapOrderBook } from '../map/book.js';
import { mapKline, TIMEFRAME_TO_INTERVAL } from '../map/candle.js';
import { mapTicker } from '../map/ticker.js';
import { compareTrades, mapRecentTrade } from '../map/trade.js';
import { getKlines, KLINE_PAGE_SIZE } from '../rest/endpoints/kline.js';
import { getOrderBook } from '../rest/endpoints/orderbook.js';
import { getRecentTrades, MAX_RECENT_TRADES } from '../rest/endpoints/recent-trade.js';
import { getServerTime } from '../rest/endpoints/server-time.js';
import { getTickers } from '../rest/endpoints/tickers.js';
import { categoryOf } from '../ws/public-streams.js';
import type { BybitContext } from './context.js';
import { limitAscending } from './history.js';

export function fetchServerTime(ctx: BybitContext): Promise<number> {
  return getServerTime(ctx.rest);
}

export async function fetchTicker(ctx: BybitContext, market: Market): Promise<Ticker> {
  const res = await getTickers(ctx.rest, categoryOf(market), market.id);
  const item = res.result.list.find((t) => t.symbol === market.id);
  if (item === undefined) throw new UnexpectedResponseError(`${ctx.id}: no ticker for ${market.id} in the answer`, { exchange: ctx.id, path: 'result.list' });
  return mapTicker(item, market, res.time);
}

/** One tickers request per category asked for; rows of markets not loaded are skipped. */
export async function fetchTickers(ctx: BybitContext, markets: readonly Market[] | undefined): Promise<Ticker[]> {
  await ctx.loadMarkets();
  const categories = markets === undefined ? ctx.categories : [...new Set(markets.map(categoryOf))];
  const pages = await Promise.all(categories.map(async (category) => ({ category, res: await getTickers(ctx.rest, category) })));
  const out: Ticker[] = [];
  for (const { category, res } of pages) {
    for (const item of res.result.list) {
      const market = ctx.marketFor(category, item.symbol);
      if (market !== undefined) out.push(mapTicker(item, market, res.time));
    }
  }
  return out;
}

export async function fetchOrderBook(ctx: BybitContext, market: Market, depth: number | undefined): Promise<OrderBook> {
  const res = await getOrderBook(ctx.rest, categoryOf(market), market.id, depth);
  return mapOrderBook(res.result, market, depth);
}

/** Klines paged by core's candle downloader (with the configured cache). */
export function fetchCandles(ctx: BybitContext, market: Market, timeframe: Timeframe, query: CandleQuery): Promise<Candle[]> {
  // Candles are venue-time intervals: "the newest closed one" is judged by the venue's clock as its
  // latest answers show it, never by a local clock that may lag it.
  const venueNow: Clock = { now: () => Math.max(ctx.clock.now(), ctx.observedTime.now(ctx.venueClock.now())) };
  const now = venueNow.now();
  const range = resolveCandleRange(timeframe, query, { now, defaultLimit: KLINE_PAGE_SIZE });
  const category = categoryOf(market);
  const interval = TIMEFRAME_TO_INTERVAL[timeframe];
  return downloadCandleRange({
    exchange: ctx.id,
    symbol: market.symbol,
    timeframe,
    range,
    pageSize: KLINE_PAGE_SIZE,
    // `end` is inclusive on the venue, core's `until` exclusive.
    fetchPage: async (page) => {
      const res = await getKlines(ctx.rest, {
        category,
        symbol: market.id,
        interval,
        start: page.since,
        end: page.until - 1,
        limit: page.limit,
        ...(page.signal !== undefined && { signal: page.signal }),
      });
      const at = venueNow.now();
      return res.result.list.map((row) => mapKline(row, market, timeframe, at));
    },
    cache: ctx.candleCache,
    onProgress: query.onProgress,
    clock: venueNow,
    logger: ctx.logger,
  });
}

/**
 * `/v5/market/recent-trade` has no time range (reference §5): the newest trades (spot 60, linear
 * 1000) are fetched, filtered to `[since, until)`, sorted ascending and cut to `limit` (the
 * earliest ones after `since`, else the newest).
 */
export async function fetchTrades(ctx: BybitContext, market: Market, query: HistoryQuery): Promise<Trade[]> {
  const category = categoryOf(market);
  const res = await getRecentTrades(ctx.rest, category, market.id, MAX_RECENT_TRADES[category]);
  const trades = res.result.list
    .map((t) => mapRecentTrade(t, market))
    .filter((t) => (query.since === undefined || t.timestamp >= query.since) && (query.until === undefined || t.timestamp < query.until))
    .sort(compareTrades);
  return limitAscending(trades, query);
}
