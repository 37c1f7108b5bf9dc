/** Public market data (reference §5): time, instruments-info, tickers, orderbook, kline, recent-trade, funding history. */
import { ONE, ZERO, toDecimal } from '@exkit/core';
import type { SimInstrument, SimVenue } from '@exkit/sim';
import { RET } from '../../codes.js';
import { INTERVALS, categoryOf, num, plainText, px, qty, SIDE, tradeTime, updateId, type Category } from '../../format.js';
import { fail } from '../envelope.js';
import { instrumentOf, pageOf } from '../params.js';
import type { Route } from '../types.js';

/** Printed as the maximum quantity of a market without one. */
const UNLIMITED = toDecimal('1000000000');

function instrumentsOf(venue: SimVenue, category: Category): SimInstrument[] {
  return venue.instruments().filter((i) => categoryOf(i) === category);
}

const statusOf = (i: SimInstrument): string => (i.status === 'trading' ? 'Trading' : 'Closed');

function linearInstrument(i: SimInstrument, symbolId: number): Record<string, unknown> {
  return {
    symbol: i.nativeId,
    symbolId,
    contractType: 'LinearPerpetual',
    status: statusOf(i),
    baseCoin: i.base,
    quoteCoin: i.quote,
    symbolType: '',
    launchTime: '1585526400000',
    deliveryTime: '0',
    deliveryFeeRate: '',
    priceScale: String(i.priceDp),
    leverageFilter: { minLeverage: '1', maxLeverage: (i.maxLeverage ?? ONE).toFixed(2), leverageStep: '0.01' },
    priceFilter: { minPrice: px(i, i.tickSize), maxPrice: px(i, i.tickSize.times(19_999_998)), tickSize: px(i, i.tickSize) },
    lotSizeFilter: {
      maxOrderQty: qty(i, i.maxSize ?? UNLIMITED),
      minOrderQty: qty(i, i.minSize),
      qtyStep: i.toContracts(i.stepSize).toFixed(i.sizeDp),
      postOnlyMaxOrderQty: qty(i, i.maxSize ?? UNLIMITED),
      maxMktOrderQty: qty(i, i.maxMarketSize ?? i.maxSize ?? UNLIMITED),
      minNotionalValue: num(i.minNotional ?? ZERO),
    },
    unifiedMarginTrade: true,
    fundingInterval: Math.round(i.fundingIntervalMs / 60_000),
    settleCoin: i.settle ?? i.quote,
    copyTrading: 'both',
    upperFundingRate: i.fundingRateCap.toFixed(),
    lowerFundingRate: i.fundingRateCap.negated().toFixed(),
    displayName: '',
    forbidUplWithdrawal: false,
    riskParameters: { priceLimitRatioX: '0.01', priceLimitRatioY: '0.02' },
    isPreListing: false,
    preListingInfo: null,
  };
}

function spotInstrument(i: SimInstrument, symbolId: number): Record<string, unknown> {
  const max = i.maxSize ?? UNLIMITED;
  return {
    symbolId,
    symbol: i.nativeId,
    baseCoin: i.base,
    quoteCoin: i.quote,
    innovation: '0',
    symbolType: '',
    status: statusOf(i),
    marginTrading: 'none',
    stTag: '0',
    lotSizeFilter: {
      basePrecision: i.stepSize.toFixed(i.sizeDp),
      quotePrecision: '0.0000001',
      minOrderQty: qty(i, i.minSize),
      maxOrderQty: qty(i, max),
      minOrderAmt: num(i.minNotional ?? ONE),
      maxOrderAmt: '8000000',
      maxLimitOrderQty: qty(i, max),
      maxMarketOrderQty: qty(i, i.maxMarketSize ?? max),
      postOnlyMaxLimitOrderSize: qty(i, max),
    },
    priceFilter: { tickSize: px(i, i.tickSize) },
    riskParameters: { priceLimitRatioX: '0.005', priceLimitRatioY: '0.01' },
  };
}

function tickerRow(venue: SimVenue, i: SimInstrument): Record<string, unknown> {
  const t = venue.ticker(i.symbol);
  const pcnt = t.open24h.isZero() ? '0' : t.last.minus(t.open24h).div(t.open24h).toDecimalPlaces(6).toFixed();
  const common = {
    symbol: i.nativeId,
    bid1Price: px(i, t.bid),
    bid1Size: t.bidSize === undefined ? '' : qty(i, t.bidSize),
    ask1Price: px(i, t.ask),
    ask1Size: t.askSize === undefined ? '' : qty(i, t.askSize),
    lastPrice: px(i, t.last),
    prevPrice24h: px(i, t.open24h),
    price24hPcnt: pcnt,
    highPrice24h: px(i, t.high24h),
    lowPrice24h: px(i, t.low24h),
    turnover24h: t.turnover24h.toFixed(4),
    volume24h: qty(i, t.volume24h),
  };
  if (i.isSpot) return { ...common, usdIndexPrice: px(i, t.last) };
  const oi = t.openInterest ?? ZERO;
  return {
    ...common,
    indexPrice: px(i, t.indexPrice),
    markPrice: px(i, t.markPrice),
    prevPrice1h: px(i, t.open24h),
    openInterest: qty(i, oi),
    openInterestValue: oi.times(t.markPrice ?? t.last).toFixed(2),
    fundingRate: num(t.fundingRate),
    nextFundingTime: t.nextFundingTime === undefined ? '' : String(t.nextFundingTime),
    predictedDeliveryPrice: '',
    basisRate: '',
    basis: '',
    deliveryFeeRate: '',
    deliveryTime: '0',
    preOpenPrice: '',
    preQty: '',
    curPreListingPhase: '',
    fundingIntervalHour: String(Math.round(i.fundingIntervalMs / 3_600_000)),
    fundingCap: i.fundingRateCap.toFixed(),
    basisRateYear: '',
  };
}

/** Book levels in wire units (contracts on a contract market). */
function levels(i: SimInstrument, rows: ReadonlyArray<readonly [string, string]>): Array<[string, string]> {
  if (i.contractSize.eq(ONE)) return rows.map(([p, s]) => [plainText(p), plainText(s)]);
  return rows.map(([p, s]) => [plainText(p), i.toContracts(toDecimal(s)).toFixed(i.sizeDp)]);
}

export const marketRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/v5/market/time',
    operation: 'fetchServerTime',
    handle: ({ venue }) => {
      const now = venue.serverTime();
      return { timeSecond: String(Math.floor(now / 1000)), timeNano: `${now}000000` };
    },
  },
  {
    method: 'GET',
    path: '/v5/market/instruments-info',
    operation: 'loadMarkets',
    handle: ({ venue, params }) => {
      const category = params.category();
      const symbol = params.str('symbol');
      const status = params.str('status') ?? (symbol === undefined ? 'Trading' : undefined);
      const all = instrumentsOf(venue, category);
      const rows = all
        .map((i, n) => ({ i, n: n + 1 }))
        .filter(({ i }) => (symbol === undefined || i.nativeId === symbol) && (status === undefined || statusOf(i) === status))
        .map(({ i, n }) => (category === 'spot' ? spotInstrument(i, n) : linearInstrument(i, n)));
      if (category === 'spot') return { category, list: rows, nextPageCursor: '' };
      return { category, ...pageOf(rows, params, 500, 1000) };
    },
  },
  {
    method: 'GET',
    path: '/v5/market/tickers',
    operation: (raw) => (raw['symbol'] === undefined ? 'fetchTickers' : 'fetchTicker'),
    handle: ({ venue, params }) => {
      const category = params.category();
      const symbol = params.str('symbol');
      const list = symbol === undefined ? instrumentsOf(venue, category) : [instrumentOf(venue, category, symbol)];
      return { category, list: list.map((i) => tickerRow(venue, i)) };
    },
  },
  {
    method: 'GET',
    path: '/v5/market/orderbook',
    operation: 'fetchOrderBook',
    handle: ({ venue, params }) => {
      const category = params.category();
      const i = instrumentOf(venue, category, params.need('symbol'));
      const limit = params.int('limit', category === 'spot' ? 1 : 25, 1, 1000);
      const b = venue.book(i.symbol, limit);
      return { s: i.nativeId, b: levels(i, b.bids), a: levels(i, b.asks), ts: venue.serverTime(), u: updateId(b.seq), seq: b.seq, cts: b.timestamp };
    },
  },
  {
    method: 'GET',
    path: '/v5/market/kline',
    operation: 'fetchCandles',
    handle: ({ venue, params }) => {
      const category = (params.str('category') ?? 'linear') as Category;
      if (category !== 'linear' && category !== 'spot') fail(RET.PARAM, 'params error: category invalid');
      const i = instrumentOf(venue, category, params.need('symbol'));
      const interval = params.need('interval');
      const tf = INTERVALS[interval];
      if (tf === undefined) fail(RET.PARAM, 'params error: interval invalid');
      const limit = params.int('limit', 200, 1, 1000);
      const start = params.str('start');
      const end = params.str('end');
      const candles = venue.candles(i.symbol, tf, {
        ...(start !== undefined && { since: Number(start) }),
        ...(end !== undefined && { until: Number(end) + 1 }),
        limit,
      });
      // With only `start`, Bybit returns the candles right after it.
      const rows = start !== undefined && end === undefined ? candles.slice(0, limit) : candles;
      return {
        category,
        symbol: i.nativeId,
        list: rows
          .map((c) => [String(c.openTime), px(i, c.open), px(i, c.high), px(i, c.low), px(i, c.close), qty(i, c.volume), c.turnover.toFixed()])
          .reverse(),
      };
    },
  },
  {
    method: 'GET',
    path: '/v5/market/recent-trade',
    operation: 'fetchTrades',
    handle: ({ venue, params }) => {
      const category = params.category();
      const i = instrumentOf(venue, category, params.need('symbol'));
      const limit = params.int('limit', category === 'spot' ? 60 : 500, 1, category === 'spot' ? 60 : 1000);
      const list = venue
        .trades(i.symbol, limit)
        .map((t) => ({
          execId: t.id,
          symbol: i.nativeId,
          price: px(i, t.price),
          size: qty(i, t.size),
          side: SIDE[t.side],
          time: tradeTime(t.timestamp, venue.faults.timestampUnit()),
          isBlockTrade: false,
          isRPITrade: false,
          seq: String(t.seq),
        }))
        .reverse();
      return { category, list };
    },
  },
  {
    method: 'GET',
    path: '/v5/market/funding/history',
    operation: 'fetchFundingRate',
    handle: ({ venue, params }) => {
      const category = params.category(['linear']);
      const i = instrumentOf(venue, category, params.need('symbol'));
      const startTime = params.str('startTime');
      const endTime = params.str('endTime');
      if (startTime !== undefined && endTime === undefined) fail(RET.PARAM, 'params error: endTime is required with startTime');
      const limit = params.int('limit', 200, 1, 200);
      const list = venue
        .funding(i.symbol)
        .history.filter((h) => (startTime === undefined || h.timestamp >= Number(startTime)) && (endTime === undefined || h.timestamp <= Number(endTime)))
        .slice(-limit)
        .reverse()
        .map((h) => ({ symbol: i.nativeId, fundingRate: h.rate.toFixed(), fundingRateTimestamp: String(h.timestamp) }));
      return { category, list };
    },
  },
];
