import { describe, expect, it } from 'vitest';
import {
  BadSymbolError,
  ClosedError,
  Decimal,
  ExchangeBase,
  InvalidArgumentError,
  InvalidOrderError,
  NO_CAPABILITIES,
  NotSupportedError,
  type Capabilities,
  type ExchangeStreams,
  type Market,
  type Order,
  type ResolvedOrder,
  type Ticker,
} from '../../src/index.js';

const d = (v: string) => new Decimal(v);
const btc: Market = {
  symbol: 'BTC/USDT:USDT', id: 'BTCUSDT', type: 'swap', base: 'BTC', quote: 'USDT', settle: 'USDT', active: true,
  contractSize: d('1'), tickSize: d('0.1'), stepSize: d('0.001'), minAmount: d('0.001'), maxLeverage: d('100'),
};

/** Counts every call that would reach a venue. */
class CountingExchange extends ExchangeBase {
  readonly id = 'counting';
  readonly capabilities: Capabilities = { ...NO_CAPABILITIES, fetchTickers: true, setLeverage: true };
  readonly timeframes = ['1m', '1h'] as const;
  readonly streams = {} as ExchangeStreams;
  requests: string[] = [];
  gate: Promise<void> = Promise.resolve();
  closedResources = 0;

  private hit(name: string): void {
    this.requests.push(name);
  }
  protected async doLoadMarkets(): Promise<Market[]> {
    this.hit('markets');
    await new Promise((r) => setTimeout(r, 10));
    return [btc];
  }
  protected async doFetchTicker(market: Market): Promise<Ticker> {
    this.hit('ticker');
    await this.gate;
    return { symbol: market.symbol, timestamp: Date.now(), bid: d('1'), ask: d('2') };
  }
  protected async doFetchTickers(): Promise<Ticker[]> {
    this.hit('tickers');
    return [{ symbol: 'BTC/USDT:USDT', timestamp: Date.now() }, { symbol: 'OTHER/USDT:USDT', timestamp: Date.now() }];
  }
  protected async doSetLeverage(): Promise<void> {
    this.hit('leverage');
  }
  protected async doPlaceOrder(order: ResolvedOrder): Promise<Order> {
    this.hit('order');
    return {
      id: '1', symbol: order.market.symbol, type: order.request.type, side: order.request.side, timeInForce: 'gtc', status: 'open',
      ...(order.price && { price: order.price }), amount: order.amount, filled: d('0'), remaining: order.amount, cost: d('0'),
      reduceOnly: false, postOnly: false, timestamp: Date.now(), updatedAt: Date.now(),
    };
  }
  protected async doClose(): Promise<void> {
    this.closedResources++;
  }
  protected doFetchServerTime = this.unused;
  protected doFetchOrderBook = this.unused;
  protected doFetchCandles = this.unused;
  protected doFetchTrades = this.unused;
  protected doFetchFundingRate = this.unused;
  protected doFetchBalances = this.unused;
  protected doFetchPositions = this.unused;
  protected doAmendOrder = this.unused;
  protected doCancelOrder = this.unused;
  protected doCancelAllOrders = this.unused;
  protected doFetchOrder = this.unused;
  protected doFetchOpenOrders = this.unused;
  protected doFetchOrderHistory = this.unused;
  protected doFetchFills = this.unused;
  private async unused(): Promise<never> {
    throw new Error('not reached in this test');
  }
}

describe('ExchangeBase', () => {
  it('shares one markets request among concurrent callers and caches it', async () => {
    const ex = new CountingExchange();
    const results = await Promise.all(Array.from({ length: 5 }, () => ex.loadMarkets()));
    expect(new Set(results.map((r) => r.length))).toEqual(new Set([1]));
    await ex.loadMarkets();
    expect(ex.requests).toEqual(['markets']);
    await ex.loadMarkets({ reload: true });
    expect(ex.requests).toEqual(['markets', 'markets']);
  });

  it('refuses bad symbols before any venue request, naming the method', async () => {
    const ex = new CountingExchange();
    for (const bad of ['NOPE/USDT', 'BTC/USDT', '']) {
      const err = await ex.fetchTicker(bad).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BadSymbolError);
      expect((err as BadSymbolError).method).toBe('fetchTicker');
    }
    expect(ex.requests).toEqual(['markets']);
  });

  it('resolves the symbol of request-object methods before their schema: BadSymbol, not InvalidOrder (CK-SY-05)', async () => {
    const ex = new CountingExchange();
    const calls: Array<[string, (symbol: string) => Promise<unknown>]> = [
      ['placeOrder', (symbol) => ex.placeOrder({ symbol, side: 'buy', type: 'limit', amount: '1', price: '1' })],
      ['cancelOrder', (symbol) => ex.cancelOrder({ symbol, id: '1' })],
      ['fetchOrder', (symbol) => ex.fetchOrder({ symbol, id: '1' })],
      ['fetchOpenOrders', (symbol) => ex.fetchOpenOrders(symbol)],
      ['fetchOrderHistory', (symbol) => ex.fetchOrderHistory(symbol)],
      ['fetchFills', (symbol) => ex.fetchFills(symbol)],
      ['setLeverage', (symbol) => ex.setLeverage(symbol, '2')],
    ];
    for (const bad of ['', 'NOPE/USDT', 'BTC/USDT']) {
      for (const [method, call] of calls) {
        const err = await call(bad).catch((e: unknown) => e);
        expect(err, `${method}(${JSON.stringify(bad)})`).toBeInstanceOf(BadSymbolError);
        expect((err as BadSymbolError).method).toBe(method);
      }
    }
    // A symbol of the wrong type is still a malformed order, named by the schema.
    const wrongType = await ex.placeOrder({ symbol: 7 as unknown as string, side: 'buy', type: 'limit', amount: '1', price: '1' }).catch((e: unknown) => e);
    expect(wrongType).toBeInstanceOf(InvalidOrderError);
    expect((wrongType as InvalidOrderError).message).toContain('request.symbol');
    expect(ex.requests).toEqual(['markets']);
  });

  it('refuses undeclared capabilities and invalid orders before any request', async () => {
    const ex = new CountingExchange();
    await expect(ex.fetchPositions()).rejects.toBeInstanceOf(NotSupportedError);
    await expect(ex.fetchServerTime()).rejects.toBeInstanceOf(NotSupportedError);
    await expect(ex.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'market', amount: '1' })).rejects.toBeInstanceOf(NotSupportedError);
    await expect(ex.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', amount: '1', price: '1', timeInForce: 'post_only' })).rejects.toBeInstanceOf(
      NotSupportedError,
    );
    await expect(ex.fetchCandles('BTCUSDT', '5m')).rejects.toBeInstanceOf(NotSupportedError);
    await expect(ex.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', amount: '0', price: '100' })).rejects.toBeInstanceOf(InvalidOrderError);
    await expect(ex.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', amount: '-1', price: '100' })).rejects.toBeInstanceOf(InvalidOrderError);
    // A JS float is not accepted as an amount.
    await expect(ex.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', amount: 0.1 as unknown as string, price: '100' })).rejects.toBeInstanceOf(
      InvalidOrderError,
    );
    for (const lev of ['0', '-2', '101']) await expect(ex.setLeverage('BTCUSDT', lev)).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(ex.fetchOrderBook('BTCUSDT', 0)).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(ex.requests.filter((r) => r !== 'markets')).toEqual([]);
  });

  it('puts valid orders through with exact values; filters tickers to the requested symbols', async () => {
    const ex = new CountingExchange();
    const order = await ex.placeOrder({ symbol: 'BTC/USDT:USDT', side: 'buy', type: 'limit', amount: '0.005', price: '30000.5' });
    expect(order.amount.toFixed()).toBe('0.005');
    const tickers = await ex.fetchTickers(['BTCUSDT']);
    expect(Object.keys(tickers)).toEqual(['BTC/USDT:USDT']);
    await ex.setLeverage('BTCUSDT', '5');
    expect(ex.requests).toContain('leverage');
  });

  it('close(): idempotent, rejects in-flight and later calls with ClosedError, works with await using', async () => {
    const ex = new CountingExchange();
    await ex.loadMarkets();
    let release!: () => void;
    ex.gate = new Promise((r) => (release = r));
    const inFlight = ex.fetchTicker('BTCUSDT');
    const closed: unknown[] = [];
    ex.events.on('closed', (e) => closed.push(e));
    await ex.close();
    await ex.close();
    release();
    await expect(inFlight).rejects.toBeInstanceOf(ClosedError);
    const before = ex.requests.length;
    await expect(ex.fetchTicker('BTCUSDT')).rejects.toBeInstanceOf(ClosedError);
    expect(ex.requests.length).toBe(before);
    expect(ex.closedResources).toBe(1);
    expect(closed).toHaveLength(1);

    let disposed: CountingExchange;
    {
      await using scoped = new CountingExchange();
      disposed = scoped;
    }
    expect(disposed.closed).toBe(true);
    expect(disposed.closedResources).toBe(1);
  });
});
