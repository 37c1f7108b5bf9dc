/** Public market endpoints (bitunix.md §5), 10 req/s per IP each. */
import type { Timeframe } from '@exkit/core';
import { E } from '../../codes.js';
import { percent, restTicker, tradingPair } from '../../format.js';
import { PUBLIC } from '../../limits.js';
import { market, optEnum, optInt, optString, reqString, swaps } from '../params.js';
import { Refusal, type Params, type Route } from '../types.js';
import type { SimInstrument, SimVenue } from '@exkit/sim';

const P = '/api/v1/futures/market';
const DEPTH_LIMITS = ['1', '5', '15', '50', 'max'] as const;
const INTERVALS = ['1m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1M'] as const;
/** REST interval → engine timeframe; 8h and 3d are venue intervals the engine does not keep (answered empty). */
const TIMEFRAME: Partial<Record<(typeof INTERVALS)[number], Timeframe>> = { '1m': '1m', '5m': '5m', '15m': '15m', '30m': '30m', '1h': '1h', '2h': '2h', '4h': '4h', '6h': '6h', '12h': '12h', '1d': '1d', '1w': '1w', '1M': '1M' };

function symbolsOf(venue: SimVenue, p: Params): SimInstrument[] {
  const list = optString(p, 'symbols');
  if (list === undefined) return swaps(venue);
  return list.split(',').filter((x) => x !== '').map((id) => market(venue, id));
}

function fundingRow(venue: SimVenue, i: SimInstrument): Record<string, unknown> {
  const f = venue.funding(i.symbol);
  const t = venue.ticker(i.symbol);
  const cap = i.fundingRateCap.toFixed();
  return {
    symbol: i.nativeId,
    markPrice: f.markPrice.toFixed(),
    lastPrice: t.last.toFixed(),
    indexPrice: f.indexPrice.toFixed(),
    // percent on the wire (§5, PROBE)
    fundingRate: percent(f.rate.toFixed()),
    maxFundingRate: percent(cap),
    minFundingRate: percent(cap.startsWith('-') ? cap : `-${cap}`),
    fundingInterval: Math.round(i.fundingIntervalMs / 3_600_000),
    nextFundingTime: String(f.nextFundingTime),
  };
}

export const marketRoutes: Route[] = [
  {
    method: 'GET',
    path: `${P}/trading_pairs`,
    auth: 'public',
    limit: PUBLIC,
    operation: 'loadMarkets',
    handle: ({ venue, params }) => symbolsOf(venue, params).map(tradingPair),
  },
  {
    method: 'GET',
    path: `${P}/tickers`,
    auth: 'public',
    limit: PUBLIC,
    operation: (p) => (optString(p, 'symbols')?.includes(',') === false ? 'fetchTicker' : 'fetchTickers'),
    handle: ({ venue, params }) => symbolsOf(venue, params).map((i) => restTicker(i.nativeId, venue.ticker(i.symbol))),
  },
  {
    method: 'GET',
    path: `${P}/depth`,
    auth: 'public',
    limit: PUBLIC,
    operation: 'fetchOrderBook',
    handle: ({ venue, params }) => {
      // a missing symbol answered `{"code":1,"msg":"Network Error"}` live (PROBE)
      const inst = market(venue, reqString(params, 'symbol', E.networkError));
      const limit = optEnum(params, 'limit', DEPTH_LIMITS);
      const depth = limit === undefined || limit === 'max' ? Number.POSITIVE_INFINITY : Number(limit);
      const book = venue.book(inst.symbol, depth);
      return { asks: book.asks.map(([px, q]) => [px, q]), bids: book.bids.map(([px, q]) => [px, q]) };
    },
  },
  {
    method: 'GET',
    path: `${P}/kline`,
    auth: 'public',
    limit: PUBLIC,
    operation: 'fetchCandles',
    handle: ({ venue, params }) => {
      const inst = market(venue, reqString(params, 'symbol', E.networkError));
      const interval = optEnum(params, 'interval', INTERVALS);
      if (interval === undefined) throw new Refusal(E.parameter);
      const type = optEnum(params, 'type', ['LAST_PRICE', 'MARK_PRICE'] as const) ?? 'LAST_PRICE';
      const limit = optInt(params, 'limit', { min: 1, max: 200 }) ?? 100;
      const start = optInt(params, 'startTime', { min: 0 });
      const end = optInt(params, 'endTime', { min: 0 });
      const tf = TIMEFRAME[interval];
      if (tf === undefined) return [];
      // endTime inclusive; from startTime the oldest `limit`, otherwise the newest; ascending by `time` (README open point)
      const rows = venue.candles(inst.symbol, tf, { ...(start === undefined ? {} : { since: start }), ...(end === undefined ? {} : { until: end + 1 }) });
      const picked = start === undefined ? rows.slice(Math.max(0, rows.length - limit)) : rows.slice(0, limit);
      return picked.map((c) => ({
        open: c.open.toFixed(),
        high: c.high.toFixed(),
        low: c.low.toFixed(),
        close: c.close.toFixed(),
        quoteVol: c.turnover.toFixed(),
        baseVol: c.volume.toFixed(),
        time: c.openTime,
        type,
      }));
    },
  },
  {
    method: 'GET',
    path: `${P}/funding_rate`,
    auth: 'public',
    limit: PUBLIC,
    operation: 'fetchFundingRate',
    // object, as live (NET/DEMO; the doc example's array is an open point)
    handle: ({ venue, params }) => fundingRow(venue, market(venue, reqString(params, 'symbol', E.networkError))),
  },
  {
    method: 'GET',
    path: `${P}/funding_rate/batch`,
    auth: 'public',
    limit: PUBLIC,
    operation: 'other',
    handle: ({ venue }) => swaps(venue).map((i) => fundingRow(venue, i)),
  },
  {
    method: 'GET',
    path: `${P}/get_funding_rate_history`,
    auth: 'public',
    limit: PUBLIC,
    operation: 'other',
    handle: ({ venue, params }) => {
      const inst = market(venue, reqString(params, 'symbol', E.networkError));
      const limit = optInt(params, 'limit', { min: 1, max: 200 }) ?? 100;
      const start = optInt(params, 'starTime', { min: 0 }) ?? optInt(params, 'startTime', { min: 0 });
      const end = optInt(params, 'endTime', { min: 0 });
      const rows = venue
        .funding(inst.symbol)
        .history.filter((h) => (start === undefined || h.timestamp >= start) && (end === undefined || h.timestamp <= end))
        .slice()
        .reverse();
      // fractions here, newest first (PROBE)
      return rows.slice(0, limit).map((h) => ({ fundingRate: h.rate.toFixed(), fundingTime: String(h.timestamp), markPrice: h.markPrice.toFixed() }));
    },
  },
  {
    method: 'GET',
    path: '/api/v1/futures/position/get_position_tiers',
    auth: 'public',
    limit: PUBLIC,
    operation: 'other',
    handle: ({ venue, params }) => {
      const inst = market(venue, reqString(params, 'symbol', E.networkError));
      return [{ symbol: inst.nativeId, level: 1, startValue: '0', endValue: '100000000', leverage: Number(inst.maxLeverage?.toFixed() ?? '100'), maintenanceMarginRate: inst.maintenanceMarginRate.toFixed() }];
    },
  },
];

