import type { ExchangeOperations } from '@exkit/core';
import { fetchBalances, fetchPositions, setLeverage } from './account.js';
import { amendOrder } from './amend-order.js';
import { cancelAllOrders, cancelOrder } from './cancel-orders.js';
import type { BybitContext } from './context.js';
import { fetchFundingRate } from './funding.js';
import { fetchCandles, fetchOrderBook, fetchServerTime, fetchTicker, fetchTickers, fetchTrades } from './market-data.js';
import { loadBybitMarkets } from './markets.js';
import { findOrderOrThrow } from './order-lookup.js';
import { fetchFills, fetchOpenOrders, fetchOrderHistory } from './order-queries.js';
import { placeOrder } from './place-order.js';

/** Where each neutral call goes once ExchangeBase has validated it (grouped by the module that serves it). */
export const bybitOperations: ExchangeOperations<BybitContext> = {
  loadMarkets: loadBybitMarkets,
  fetchServerTime, fetchTicker, fetchTickers, fetchOrderBook, fetchCandles, fetchTrades, // market-data.ts
  fetchFundingRate, // funding.ts
  fetchBalances, fetchPositions, setLeverage, // account.ts
  placeOrder, amendOrder, cancelOrder, cancelAllOrders, // place-order.ts, amend-order.ts, cancel-orders.ts
  fetchOrder: findOrderOrThrow, // order-lookup.ts: by id, open or finished
  fetchOpenOrders, fetchOrderHistory, fetchFills, // order-queries.ts
};
