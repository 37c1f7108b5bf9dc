import { z } from 'zod';
import { okEnvelope } from '../envelope.js';
import { bookLevel, categorySchema, contractTypeSchema, dec, instrumentStatusSchema, optDec, optTs, sideSchema, ts } from './common.js';

/** GET /v5/market/time (fixture `server-time.json`). */
export const serverTimeResultSchema = z.object({
  timeSecond: z.string().regex(/^\d+$/),
  timeNano: z.string().regex(/^\d+$/),
});
export const serverTimeResponseSchema = okEnvelope(serverTimeResultSchema);

/** GET /v5/market/instruments-info, category=linear (fixtures `instruments-info-linear*.json`). */
export const linearInstrumentSchema = z.object({
  symbol: z.string().min(1),
  contractType: contractTypeSchema,
  status: instrumentStatusSchema,
  baseCoin: z.string().min(1),
  quoteCoin: z.string().min(1),
  settleCoin: z.string().min(1),
  launchTime: optTs,
  deliveryTime: optTs,
  priceScale: z.string().optional(),
  leverageFilter: z.object({ minLeverage: dec, maxLeverage: dec, leverageStep: dec }),
  priceFilter: z.object({ minPrice: dec, maxPrice: dec, tickSize: dec }),
  lotSizeFilter: z.object({
    maxOrderQty: dec,
    maxMktOrderQty: optDec,
    minOrderQty: dec,
    qtyStep: dec,
    minNotionalValue: optDec,
    postOnlyMaxOrderQty: optDec,
  }),
  /** Minutes (an int on the wire). */
  fundingInterval: z.number().int().optional(),
  isPreListing: z.boolean().optional(),
  preListingInfo: z.object({ curAuctionPhase: z.string() }).loose().nullable().optional(),
});
export type WireLinearInstrument = z.infer<typeof linearInstrumentSchema>;

/** GET /v5/market/instruments-info, category=spot (fixture `instruments-info-spot.json`). */
export const spotInstrumentSchema = z.object({
  symbol: z.string().min(1),
  baseCoin: z.string().min(1),
  quoteCoin: z.string().min(1),
  status: instrumentStatusSchema,
  lotSizeFilter: z.object({
    basePrecision: dec,
    quotePrecision: optDec,
    /** Deprecated by the venue but still sent; `basePrecision` stands in when absent. */
    minOrderQty: optDec,
    maxOrderQty: optDec,
    minOrderAmt: optDec,
    maxOrderAmt: optDec,
    maxLimitOrderQty: optDec,
    maxMarketOrderQty: optDec,
  }),
  priceFilter: z.object({ tickSize: dec }),
});
export type WireSpotInstrument = z.infer<typeof spotInstrumentSchema>;

export const linearInstrumentsResponseSchema = okEnvelope(
  z.object({ category: z.literal('linear'), list: z.array(linearInstrumentSchema), nextPageCursor: z.string().optional() }),
);
export const spotInstrumentsResponseSchema = okEnvelope(
  z.object({ category: z.literal('spot'), list: z.array(spotInstrumentSchema), nextPageCursor: z.string().optional() }),
);

/**
 * GET /v5/market/tickers item, linear/inverse and spot (fixtures `tickers-inverse.json`,
 * `tickers-spot.json`). Every value may be `""`; only `symbol` is always there.
 */
export const tickerItemSchema = z.object({
  symbol: z.string().min(1),
  lastPrice: optDec,
  indexPrice: optDec,
  markPrice: optDec,
  prevPrice24h: optDec,
  price24hPcnt: optDec,
  highPrice24h: optDec,
  lowPrice24h: optDec,
  openInterest: optDec,
  turnover24h: optDec,
  volume24h: optDec,
  fundingRate: optDec,
  nextFundingTime: optTs,
  bid1Price: optDec,
  bid1Size: optDec,
  ask1Price: optDec,
  ask1Size: optDec,
  usdIndexPrice: optDec,
});
export type WireTicker = z.infer<typeof tickerItemSchema>;
export const tickersResponseSchema = okEnvelope(z.object({ category: categorySchema, list: z.array(tickerItemSchema) }));

/** GET /v5/market/orderbook (fixture `orderbook-spot.json`): bids descending, asks ascending, `u` = 1000-level stream id. */
export const orderBookResultSchema = z.object({
  s: z.string().min(1),
  b: z.array(bookLevel),
  a: z.array(bookLevel),
  ts: z.number().int(),
  u: z.number().int(),
  seq: z.number().int().optional(),
  cts: z.number().int().optional(),
});
export type WireOrderBook = z.infer<typeof orderBookResultSchema>;
export const orderBookResponseSchema = okEnvelope(orderBookResultSchema);

/** GET /v5/market/kline (fixture `kline-inverse.json`): 7 strings per candle, newest first. */
export const klineRowSchema = z
  .tuple([ts, dec, dec, dec, dec, dec, dec])
  .transform(([start, open, high, low, close, volume, turnover]) => ({ start, open, high, low, close, volume, turnover }));
export type WireKline = z.infer<typeof klineRowSchema>;
export const klineResponseSchema = okEnvelope(z.object({ category: categorySchema, symbol: z.string().min(1), list: z.array(klineRowSchema) }));

/** GET /v5/market/recent-trade (fixture `recent-trade-spot.json`). */
export const recentTradeSchema = z.object({
  execId: z.string().min(1),
  symbol: z.string().min(1),
  price: dec,
  size: dec,
  side: sideSchema,
  time: ts,
  isBlockTrade: z.boolean().optional(),
  isRPITrade: z.boolean().optional(),
  seq: z.union([z.string(), z.number()]).optional(),
});
export type WireRecentTrade = z.infer<typeof recentTradeSchema>;
export const recentTradesResponseSchema = okEnvelope(z.object({ category: categorySchema, list: z.array(recentTradeSchema) }));

/** GET /v5/market/funding/history (fixture `funding-history.json`). */
export const fundingHistoryItemSchema = z.object({ symbol: z.string().min(1), fundingRate: dec, fundingRateTimestamp: ts });
export type WireFundingHistory = z.infer<typeof fundingHistoryItemSchema>;
export const fundingHistoryResponseSchema = okEnvelope(z.object({ category: categorySchema, list: z.array(fundingHistoryItemSchema) }));
