import { RetryPolicy } from '@exkit/core';
import { BybitExchange, type BybitInternals } from '../../src/exchange.js';
import { resolveOptions, type BybitOptions } from '../../src/options.js';
import { API_KEY, API_SECRET, type FakeBybitRest, type FakeBybitWs } from './fake-bybit.js';

/** An exchange pointed at the loopback fakes, with short test timings. */
export function makeExchange(rest: FakeBybitRest, ws?: FakeBybitWs, options: BybitOptions = {}, internals: BybitInternals = {}): BybitExchange {
  const wsBase = ws?.url ?? 'ws://127.0.0.1:9';
  return new BybitExchange(
    resolveOptions({
      environment: 'custom',
      urls: {
        rest: rest.url,
        publicWs: { linear: `${wsBase}/v5/public/linear`, spot: `${wsBase}/v5/public/spot` },
        privateWs: `${wsBase}/v5/private`,
        tradeWs: `${wsBase}/v5/trade`,
      },
      credentials: { apiKey: API_KEY, apiSecret: API_SECRET },
      timeoutMs: 3_000,
      ...options,
    }),
    {
      retry: new RetryPolicy({ baseDelayMs: 5, maxDelayMs: 50, budgetMs: 3_000 }),
      heartbeat: { intervalMs: 60_000, timeoutMs: 10_000 },
      backoff: { initialDelayMs: 20, maxDelayMs: 100, random: () => 1 },
      ackPollDelaysMs: [5, 10],
      ...internals,
    },
  );
}

/** A linear instrument row (the fields of `instruments-info-linear.json`). */
export function linearRow(symbol: string, base: string, settle = 'USDT', over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    symbol,
    contractType: 'LinearPerpetual',
    status: 'Trading',
    baseCoin: base,
    quoteCoin: settle,
    settleCoin: settle,
    launchTime: '1585526400000',
    deliveryTime: '0',
    priceScale: '2',
    leverageFilter: { minLeverage: '1', maxLeverage: '100.00', leverageStep: '0.01' },
    priceFilter: { minPrice: '0.10', maxPrice: '1999999.80', tickSize: '0.10' },
    lotSizeFilter: { maxOrderQty: '1190.000', minOrderQty: '0.001', qtyStep: '0.001', maxMktOrderQty: '500.000', minNotionalValue: '5' },
    fundingInterval: 480,
    isPreListing: false,
    preListingInfo: null,
    ...over,
  };
}

export function spotRow(symbol: string, base: string, quote = 'USDT'): Record<string, unknown> {
  return {
    symbolId: 9,
    symbol,
    baseCoin: base,
    quoteCoin: quote,
    status: 'Trading',
    lotSizeFilter: { basePrecision: '0.000001', quotePrecision: '0.0000001', minOrderQty: '0.000011', maxOrderQty: '83', minOrderAmt: '5', maxLimitOrderQty: '83', maxMarketOrderQty: '41.5' },
    priceFilter: { tickSize: '0.1' },
  };
}

/** An order row as `/v5/order/realtime` returns it. */
export function orderRow(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orderId: 'o-1',
    orderLinkId: '',
    symbol: 'BTCUSDT',
    price: '30000.0',
    qty: '0.010',
    side: 'Buy',
    orderStatus: 'New',
    orderType: 'Limit',
    timeInForce: 'GTC',
    avgPrice: '',
    leavesQty: '0.010',
    cumExecQty: '0.000',
    cumExecValue: '0',
    cumExecFee: '0',
    triggerPrice: '0.00',
    triggerBy: 'UNKNOWN',
    triggerDirection: 0,
    stopOrderType: 'UNKNOWN',
    reduceOnly: false,
    closeOnTrigger: false,
    positionIdx: 0,
    createdTime: '1700000000000',
    updatedTime: '1700000000000',
    ...over,
  };
}

export function executionRow(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    symbol: 'BTCUSDT',
    orderId: 'o-1',
    orderLinkId: '',
    side: 'Buy',
    orderType: 'Limit',
    execId: 'e-1',
    execPrice: '30000.0',
    execQty: '0.005',
    execValue: '150',
    execFee: '0.09',
    execType: 'Trade',
    execTime: '1700000001000',
    feeRate: '0.0006',
    feeCurrency: '',
    isMaker: false,
    leavesQty: '0.005',
    seq: 1,
    ...over,
  };
}

/** Serves instruments for both categories; linear in two cursor pages (the cursor contains `%`). */
export function serveInstruments(rest: FakeBybitRest, linear: Array<Record<string, unknown>>, spot: Array<Record<string, unknown>> = []): void {
  const cursor = 'first%3DBIOUSDT%26last%3DBIOUSDT';
  rest.on('GET /v5/market/instruments-info', (r) => {
    const category = r.params.get('category');
    if (category === 'spot') return { category: 'spot', list: spot };
    const half = Math.ceil(linear.length / 2);
    if (r.params.get('cursor') === cursor) return { category: 'linear', list: linear.slice(half), nextPageCursor: '' };
    return { category: 'linear', list: linear.slice(0, half), nextPageCursor: linear.length > 1 ? cursor : '' };
  });
}
