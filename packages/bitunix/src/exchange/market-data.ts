import { downloadCandleRange, NotSupportedError, resolveCandleRange, timeframeAdd, timeframeCeil, UnexpectedResponseError } from '@exkit/core';
import type { Candle, CandleQuery, FundingRate, HistoryQuery, Market, OrderBook, Ticker, Timeframe, Trade } from '@exkit/core';
import { fromRestDepth } from '../map/book.js';
import { fromRestKline, REST_INTERVAL } from '../map/candle.js';
import { fromRestFundingRate } from '../map/funding.js';
import { fromRestTicker } from '../map/ticker.js';
import { depthLimitFor, getDepth } from '../rest/endpoints/depth.js';
import { getFundingRate } from '../rest/endpoints/funding-rate.js';
import { getKline } from '../rest/endpoints/kline.js';
import { getTickers } from '../rest/endpoints/tickers.js';
import { MAX_KLINE_LIMIT } from '../rest/limits.js';
import { ensureMarkets, type BitunixContext } from './context.js';

export async function fetchTicker(ctx: BitunixContext, market: Market): Promise<Ticker> {
  // tickers has no bid/ask (bitunix.md §5): the top of book comes from depth?limit=1, read at the same time.
  const [rows, depth] = await Promise.all([getTickers(ctx.rest, { symbols: market.id }), getDepth(ctx.rest, { symbol: market.id, limit: 1 })]);
  const row = rows.find((r) => r.symbol.toUpperCase() === market.id);
  if (row === undefined) throw new UnexpectedResponseError(`${ctx.id}: tickers has no row for ${market.id}`, { exchange: ctx.id, path: 'data' });
  const now = ctx.clock.now();
  return fromRestTicker(row, market, now, fromRestDepth(depth, market, now, 1));
}

/**
 * All tickers, or the listed ones. The tickers endpoint carries no bid/ask (bitunix.md §5), so each row is joined with
 * that market's `depth?limit=1`, as `fetchTicker` does: one extra public request per market, paced by the 10 req/s/IP
 * limiter — pass the symbols you need rather than asking for all ~800 live markets.
 */
export async function fetchTickers(ctx: BitunixContext, markets: readonly Market[] | undefined): Promise<Ticker[]> {
  await ensureMarkets(ctx);
  const rows = await getTickers(ctx.rest, markets === undefined ? {} : { symbols: [...new Set(markets.map((m) => m.id))].join(',') });
  const wanted = markets === undefined ? undefined : new Set(markets.map((m) => m.id));
  const pairs = rows.flatMap((row) => {
    const m = ctx.registry().find(row.symbol.toUpperCase());
    return m !== undefined && (wanted === undefined || wanted.has(m.id)) ? [{ row, m }] : [];
  });
  return Promise.all(
    pairs.map(async ({ row, m }) => {
      const depth = await getDepth(ctx.rest, { symbol: m.id, limit: 1 });
      const now = ctx.clock.now();
      return fromRestTicker(row, m, now, fromRestDepth(depth, m, now, 1));
    }),
  );
}

export async function fetchOrderBook(ctx: BitunixContext, market: Market, depth: number | undefined): Promise<OrderBook> {
  const raw = await getDepth(ctx.rest, { symbol: market.id, limit: depthLimitFor(depth) });
  return fromRestDepth(raw, market, ctx.clock.now(), depth);
}

export async function fetchCandles(ctx: BitunixContext, market: Market, timeframe: Timeframe, query: CandleQuery): Promise<Candle[]> {
  const interval = REST_INTERVAL[timeframe];
  if (interval === undefined) throw new NotSupportedError(`${ctx.id}: timeframe ${timeframe} is not served`, { exchange: ctx.id });
  const now = ctx.clock.now();
  // With `since` and `limit` the window is fixed without our clock: the venue's clock may run ahead of ours
  // (no time endpoint, §3), and it alone knows which of those intervals exist.
  const fixed = query.since !== undefined && query.limit !== undefined;
  const range =
    fixed
      ? { since: query.since, until: Math.min(query.until ?? Number.POSITIVE_INFINITY, timeframeAdd(timeframeCeil(query.since, timeframe), query.limit, timeframe)), limit: query.limit }
      : resolveCandleRange(timeframe, query, { now, defaultLimit: 100 });
  // A window reaching past our clock may still be history on the venue's: ask the venue for its time (one read)
  // and judge which candles have closed by that clock instead.
  let clock = ctx.clock;
  if (fixed && range.until > now) {
    const offset = (await ctx.venueNow()) - ctx.clock.now();
    if (offset > 0) {
      clock = { now: () => ctx.clock.now() + offset };
    }
  }
  return downloadCandleRange({
    exchange: ctx.id,
    symbol: market.symbol,
    timeframe,
    range,
    pageSize: MAX_KLINE_LIMIT,
    cache: ctx.candleCache,
    onProgress: query.onProgress,
    clock,
    logger: ctx.logger,
    fetchPage: async (page) => {
      // endTime inclusiveness is undocumented: ask up to the last millisecond before `until`, and keep only the range.
      const rows = await getKline(
        ctx.rest,
        { symbol: market.id, interval, startTime: page.since, endTime: page.until - 1, limit: Math.min(page.limit, MAX_KLINE_LIMIT), type: 'LAST_PRICE' },
        page.signal === undefined ? {} : { signal: page.signal },
      );
      const at = clock.now();
      return rows.filter((k) => k.time >= page.since && k.time < page.until).map((k) => fromRestKline(k, market, timeframe, at));
    },
  });
}

export function fetchTrades(ctx: BitunixContext, market: Market, _query: HistoryQuery): Promise<Trade[]> {
  return Promise.reject(
    new NotSupportedError(`${ctx.id}: no public-trades REST endpoint exists (bitunix.md §5); use streams.trades('${market.symbol}')`, { exchange: ctx.id }),
  );
}

export async function fetchFundingRate(ctx: BitunixContext, market: Market): Promise<FundingRate> {
  const rows = await getFundingRate(ctx.rest, { symbol: market.id });
  const row = rows.find((r) => r.symbol.toUpperCase() === market.id) ?? (rows.length === 1 ? rows[0] : undefined);
  if (row === undefined) throw new UnexpectedResponseError(`${ctx.id}: funding_rate has no row for ${market.id}`, { exchange: ctx.id, path: 'data' });
  return fromRestFundingRate(row, market, ctx.clock.now());
}
