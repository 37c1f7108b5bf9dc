import type { Capabilities } from '@exkit/core';
import type { BybitCategory } from '../environments.js';

/** What the adapter offers: positions, leverage, funding and reduce-only need the linear category. */
export function bybitCapabilities(categories: readonly BybitCategory[]): Capabilities {
  const linear = categories.includes('linear');
  return Object.freeze({
    fetchTickers: true,
    fetchServerTime: true,
    fetchFundingRate: linear,
    streamTicker: true,
    streamOrderBook: true,
    streamTrades: true,
    streamCandles: true,
    streamOrders: true,
    streamFills: true,
    streamPositions: linear,
    streamBalances: true,
    marketOrders: true,
    postOnly: true,
    ioc: true,
    fok: true,
    reduceOnly: linear,
    conditionalOrders: true,
    clientOrderId: true,
    amendOrder: true,
    cancelAllOrders: true,
    positions: linear,
    setLeverage: linear,
  });
}
