import { NO_CAPABILITIES, type Capabilities } from '@exkit/core';

/**
 * What this adapter promises (the conformance kit holds it to each `true`):
 * - no `conditionalOrders`: Bitunix has no stand-alone trigger order; its TP/SL attach to positions and are offered as
 *   the venue-specific `placeTpsl`/`placePositionTpsl`/… methods instead;
 * - no `fetchTrades`: no recent-public-trades REST endpoint exists (bitunix.md §5: public trades only on the WS
 *   `trade` channel), so `fetchTrades` refuses with NotSupportedError before any request; stream trades instead;
 * - `fetchServerTime` reads the HTTP `Date` header (±500 ms): there is no time endpoint (bitunix.md §3).
 */
export const BITUNIX_CAPABILITIES: Capabilities = Object.freeze({
  ...NO_CAPABILITIES,
  fetchTickers: true,
  fetchTrades: false,
  fetchServerTime: true,
  fetchFundingRate: true,
  streamTicker: true,
  streamOrderBook: true,
  streamTrades: true,
  streamCandles: true,
  streamOrders: true,
  streamFills: true,
  streamPositions: true,
  streamBalances: true,
  marketOrders: true,
  postOnly: true,
  ioc: true,
  fok: true,
  reduceOnly: true,
  clientOrderId: true,
  amendOrder: true,
  cancelAllOrders: true,
  positions: true,
  setLeverage: true,
});
