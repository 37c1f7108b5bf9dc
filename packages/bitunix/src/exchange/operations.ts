import type { ExchangeOperations } from '@exkit/core';
import { fetchBalances, fetchPositions, setLeverage } from './account.js';
import { amendOrder } from './amend-order.js';
import { cancelAllOrders, cancelOrder } from './cancel-orders.js';
import type { BitunixContext } from './context.js';
import { fetchCandles, fetchFundingRate, fetchOrderBook, fetchTicker, fetchTickers, fetchTrades } from './market-data.js';
import { loadBitunixMarkets } from './markets.js';
import { fetchFills, fetchOpenOrders, fetchOrder, fetchOrderHistory } from './order-queries.js';
import { placeOrder } from './place-order.js';

/** Where each neutral call goes once ExchangeBase has validated it (grouped by the module that serves it). */
export const bitunixOperations: ExchangeOperations<BitunixContext> = {
  loadMarkets: loadBitunixMarkets,
  // No time endpoint (bitunix.md §3): the HTTP `Date` header of a cheap public read.
  fetchServerTime: (ctx) => ctx.venueNow(),
  fetchTicker, fetchTickers, fetchOrderBook, fetchCandles, fetchTrades, fetchFundingRate, // market-data.ts
  setLeverage, fetchBalances, fetchPositions, // account.ts
  placeOrder, amendOrder, cancelAllOrders, cancelOrder, // place-order.ts, amend-order.ts, cancel-orders.ts
  fetchOrder, fetchOpenOrders, fetchOrderHistory, fetchFills, // order-queries.ts
};
