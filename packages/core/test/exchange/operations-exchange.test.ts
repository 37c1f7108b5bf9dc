import { describe, expect, it } from 'vitest';
import {
  BadSymbolError,
  Decimal,
  NO_CAPABILITIES,
  OperationsExchange,
  capabilitiesExcept,
  type ExchangeOperations,
  type ExchangeStreams,
  type Market,
  type Order,
  type ResolvedOrder,
} from '../../src/index.js';

const d = (v: string) => new Decimal(v);
const btc: Market = {
  symbol: 'BTC/USDT:USDT', id: 'BTCUSDT', type: 'swap', base: 'BTC', quote: 'USDT', settle: 'USDT', active: true,
  contractSize: d('1'), tickSize: d('0.1'), stepSize: d('0.001'), minAmount: d('0.001'), maxLeverage: d('100'),
};
const T = 1_700_000_000_000;

interface Ctx {
  readonly venue: string;
  readonly calls: string[];
}

function order(symbol: string, id: string): Order {
  return {
    id, symbol, type: 'limit', side: 'buy', timeInForce: 'gtc', status: 'open', price: d('100'), amount: d('1'), filled: d('0'),
    remaining: d('1'), cost: d('0'), reduceOnly: false, postOnly: false, timestamp: T, updatedAt: T,
  };
}

/** Venue A's table: each entry records what it was handed, so the test sees the routing and the context. */
const operations: ExchangeOperations<Ctx> = {
  loadMarkets: async (ctx) => (ctx.calls.push(`${ctx.venue} loadMarkets`), [btc]),
  fetchServerTime: async (ctx) => (ctx.calls.push('fetchServerTime'), T),
  fetchTicker: async (ctx, m) => (ctx.calls.push(`fetchTicker ${m.id}`), { symbol: m.symbol, timestamp: T }),
  fetchTickers: async (ctx, ms) => (ctx.calls.push(`fetchTickers ${ms?.length ?? 'all'}`), [{ symbol: btc.symbol, timestamp: T }]),
  fetchOrderBook: async (ctx, m, depth) => (ctx.calls.push(`fetchOrderBook ${m.id} ${depth}`), { symbol: m.symbol, bids: [], asks: [], timestamp: T }),
  fetchCandles: async (ctx, m, tf, q) => (ctx.calls.push(`fetchCandles ${m.id} ${tf} ${q.limit}`), []),
  fetchTrades: async (ctx, m, q) => (ctx.calls.push(`fetchTrades ${m.id} ${q.since}`), []),
  fetchFundingRate: async (ctx, m) => (ctx.calls.push(`fetchFundingRate ${m.id}`), { symbol: m.symbol, rate: d('0.0001'), timestamp: T }),
  fetchBalances: async (ctx) => (ctx.calls.push('fetchBalances'), []),
  fetchPositions: async (ctx, ms) => (ctx.calls.push(`fetchPositions ${ms?.map((m) => m.id).join(',')}`), []),
  setLeverage: async (ctx, m, lev) => void ctx.calls.push(`setLeverage ${m.id} ${lev.toFixed()}`),
  placeOrder: async (ctx, o: ResolvedOrder) => (ctx.calls.push(`placeOrder ${o.market.id} ${o.amount.toFixed()}`), order(o.market.symbol, 'p1')),
  amendOrder: async (ctx, m, r) => (ctx.calls.push(`amendOrder ${m.id} ${r.id}`), order(m.symbol, r.id ?? '?')),
  cancelOrder: async (ctx, m, r) => (ctx.calls.push(`cancelOrder ${m.id} ${r.id}`), order(m.symbol, r.id ?? '?')),
  cancelAllOrders: async (ctx, m) => (ctx.calls.push(`cancelAllOrders ${m?.id ?? 'all'}`), ['x']),
  fetchOrder: async (ctx, m, r) => (ctx.calls.push(`fetchOrder ${m.id} ${r.id}`), order(m.symbol, r.id ?? '?')),
  fetchOpenOrders: async (ctx, m) => (ctx.calls.push(`fetchOpenOrders ${m?.id ?? 'all'}`), []),
  fetchOrderHistory: async (ctx, m, q) => (ctx.calls.push(`fetchOrderHistory ${m?.id ?? 'all'} ${q.limit}`), []),
  fetchFills: async (ctx, m, q) => (ctx.calls.push(`fetchFills ${m?.id ?? 'all'} ${q.limit}`), []),
};

class TableExchange extends OperationsExchange<Ctx> {
  readonly id = 'table';
  readonly capabilities = capabilitiesExcept([]);
  readonly timeframes = ['1m'] as const;
  readonly streams = {} as ExchangeStreams;
  readonly ctx: Ctx = { venue: 'venue-a', calls: [] };
  closed_ = 0;

  constructor(install = true) {
    super();
    if (install) this.operate({ context: this.ctx, operations });
  }

  installAgain(): void {
    this.operate({ context: this.ctx, operations });
  }

  protected async doClose(): Promise<void> {
    this.closed_++;
  }
}

describe('OperationsExchange', () => {
  it('routes every neutral method to its operation with the installed context, after validation', async () => {
    const ex = new TableExchange();
    const s = btc.symbol;
    await ex.loadMarkets();
    expect(await ex.fetchServerTime()).toBe(T);
    await ex.fetchTicker(s);
    expect(Object.keys(await ex.fetchTickers([s]))).toEqual([s]);
    await ex.fetchOrderBook(s, 5);
    await ex.fetchCandles(s, '1m', { limit: 3 });
    await ex.fetchTrades(s, { since: T });
    await ex.fetchFundingRate(s);
    await ex.fetchBalances();
    await ex.fetchPositions([s]);
    await ex.setLeverage(s, '3');
    await ex.placeOrder({ symbol: s, side: 'buy', type: 'limit', amount: '0.5', price: '100' });
    await ex.amendOrder({ symbol: s, id: 'a1', price: '101' });
    await ex.cancelOrder({ symbol: s, id: 'c1' });
    expect(await ex.cancelAllOrders()).toEqual(['x']);
    await ex.fetchOrder({ symbol: s, id: 'f1' });
    await ex.fetchOpenOrders(s);
    await ex.fetchOrderHistory(undefined, { limit: 7 });
    await ex.fetchFills(s, { limit: 2 });
    expect(ex.ctx.calls).toEqual([
      'venue-a loadMarkets', 'fetchServerTime', 'fetchTicker BTCUSDT', 'fetchTickers 1', 'fetchOrderBook BTCUSDT 5', 'fetchCandles BTCUSDT 1m 3',
      `fetchTrades BTCUSDT ${T}`, 'fetchFundingRate BTCUSDT', 'fetchBalances', 'fetchPositions BTCUSDT', 'setLeverage BTCUSDT 3',
      'placeOrder BTCUSDT 0.5', 'amendOrder BTCUSDT a1', 'cancelOrder BTCUSDT c1', 'cancelAllOrders all', 'fetchOrder BTCUSDT f1',
      'fetchOpenOrders BTCUSDT', 'fetchOrderHistory all 7', 'fetchFills BTCUSDT 2',
    ]);
    await ex.close();
    expect(ex.closed_).toBe(1);
  });

  it('keeps ExchangeBase in front: a bad symbol or an undeclared capability never reaches the table', async () => {
    const ex = new TableExchange();
    const err = await ex.fetchTicker('NOPE/USDT').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadSymbolError);
    expect((err as BadSymbolError).method).toBe('fetchTicker');
    expect(ex.ctx.calls).toEqual(['venue-a loadMarkets']);
  });

  it('installs operations once, and says so when a subclass forgot to', async () => {
    expect(() => new TableExchange().installAgain()).toThrow(/already installed/);
    const bare = new TableExchange(false);
    await expect(bare.loadMarkets()).rejects.toThrow(/no operations installed/);
  });
});

describe('capabilitiesExcept', () => {
  it('declares everything but the listed gaps, frozen', () => {
    const caps = capabilitiesExcept(['conditionalOrders', 'setLeverage']);
    expect(Object.keys(caps).sort()).toEqual(Object.keys(NO_CAPABILITIES).sort());
    expect(Object.entries(caps).filter(([, on]) => !on).map(([k]) => k)).toEqual(['conditionalOrders', 'setLeverage']);
    expect(Object.isFrozen(caps)).toBe(true);
    expect(Object.values(capabilitiesExcept([])).every(Boolean)).toBe(true);
  });
});
