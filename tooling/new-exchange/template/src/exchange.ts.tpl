import {
  ExchangeBase,
  type AmendOrderRequest,
  type Balance,
  type CancelOrderRequest,
  type Candle,
  type CandleQuery,
  type Capabilities,
  type Decimal,
  type ExchangeBaseOptions,
  type ExchangeStreams,
  type Fill,
  type FundingRate,
  type HistoryQuery,
  type Market,
  type Order,
  type OrderBook,
  type OrderRef,
  type Position,
  type ResolvedOrder,
  type Ticker,
  type Timeframe,
  type Trade,
} from '@exkit/core';
import { __NAME___CAPABILITIES } from './exchange/capabilities.js';
import { notImplemented } from './exchange/not-implemented.js';

/** Options of `create__Name__`: credentials and environment come with step 2 (REST). */
export type __Name__Options = ExchangeBaseOptions;

/**
 * The __Name__ adapter. Core's `ExchangeBase` already validates input, resolves symbols, gates
 * capabilities and names the method on every error; each `do*` below is where the venue's REST
 * call and mapper go (steps 2–4), the streams object where step 5 goes.
 */
export class __Name__Exchange extends ExchangeBase {
  readonly id = '__id__';
  readonly capabilities: Capabilities = __NAME___CAPABILITIES;
  /** Candle timeframes the venue serves: none until `fetchCandles` exists. */
  readonly timeframes: readonly Timeframe[] = [];
  readonly streams: ExchangeStreams;

  constructor(options: __Name__Options = {}) {
    super(options);
    const stream = (name: string): never => {
      throw notImplemented(this.id, `streams.${name}`, 'streams');
    };
    this.streams = {
      ticker: () => stream('ticker'),
      orderBook: () => stream('orderBook'),
      trades: () => stream('trades'),
      candles: () => stream('candles'),
      orders: () => stream('orders'),
      fills: () => stream('fills'),
      positions: () => stream('positions'),
      balances: () => stream('balances'),
    };
  }

  protected async doLoadMarkets(): Promise<Market[]> {
    throw notImplemented(this.id, 'loadMarkets', 'rest');
  }
  protected async doFetchServerTime(): Promise<number> {
    throw notImplemented(this.id, 'fetchServerTime', 'rest');
  }
  protected async doFetchTicker(_market: Market): Promise<Ticker> {
    throw notImplemented(this.id, 'fetchTicker', 'rest');
  }
  protected async doFetchTickers(_markets: readonly Market[] | undefined): Promise<Ticker[]> {
    throw notImplemented(this.id, 'fetchTickers', 'rest');
  }
  protected async doFetchOrderBook(_market: Market, _depth: number | undefined): Promise<OrderBook> {
    throw notImplemented(this.id, 'fetchOrderBook', 'rest');
  }
  protected async doFetchCandles(_market: Market, _timeframe: Timeframe, _query: CandleQuery): Promise<Candle[]> {
    throw notImplemented(this.id, 'fetchCandles', 'rest');
  }
  protected async doFetchTrades(_market: Market, _query: HistoryQuery): Promise<Trade[]> {
    throw notImplemented(this.id, 'fetchTrades', 'rest');
  }
  protected async doFetchFundingRate(_market: Market): Promise<FundingRate> {
    throw notImplemented(this.id, 'fetchFundingRate', 'rest');
  }
  protected async doFetchBalances(): Promise<Balance[]> {
    throw notImplemented(this.id, 'fetchBalances', 'rest');
  }
  protected async doFetchPositions(_markets: readonly Market[] | undefined): Promise<Position[]> {
    throw notImplemented(this.id, 'fetchPositions', 'rest');
  }
  protected async doSetLeverage(_market: Market, _leverage: Decimal): Promise<void> {
    throw notImplemented(this.id, 'setLeverage', 'rest');
  }
  protected async doPlaceOrder(_order: ResolvedOrder): Promise<Order> {
    throw notImplemented(this.id, 'placeOrder', 'rest');
  }
  protected async doAmendOrder(_market: Market, _request: AmendOrderRequest): Promise<Order> {
    throw notImplemented(this.id, 'amendOrder', 'rest');
  }
  protected async doCancelOrder(_market: Market, _request: CancelOrderRequest): Promise<Order> {
    throw notImplemented(this.id, 'cancelOrder', 'rest');
  }
  protected async doCancelAllOrders(_market: Market | undefined): Promise<readonly string[]> {
    throw notImplemented(this.id, 'cancelAllOrders', 'rest');
  }
  protected async doFetchOrder(_market: Market, _ref: OrderRef): Promise<Order> {
    throw notImplemented(this.id, 'fetchOrder', 'rest');
  }
  protected async doFetchOpenOrders(_market: Market | undefined): Promise<Order[]> {
    throw notImplemented(this.id, 'fetchOpenOrders', 'rest');
  }
  protected async doFetchOrderHistory(_market: Market | undefined, _query: HistoryQuery): Promise<Order[]> {
    throw notImplemented(this.id, 'fetchOrderHistory', 'rest');
  }
  protected async doFetchFills(_market: Market | undefined, _query: HistoryQuery): Promise<Fill[]> {
    throw notImplemented(this.id, 'fetchFills', 'rest');
  }
  /** Nothing is open yet: sockets, agents and timers are released here once they exist. */
  protected async doClose(): Promise<void> {}
}
