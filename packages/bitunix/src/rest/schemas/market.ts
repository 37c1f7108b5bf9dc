import { z } from 'zod';
import { objectOrList, SYMBOL_STATUSES, wireBool, wireDecimal, wireEnum, wireMs, wireOptionalDecimal, wireOptionalMs } from './common.js';

/** GET /api/v1/futures/market/trading_pairs item — bitunix.md §5 (fixtures rest-trading-pairs*.json). */
export const tradingPairSchema = z.object({
  symbol: z.string().min(1),
  base: z.string().min(1),
  quote: z.string().min(1),
  minTradeVolume: wireDecimal,
  // live can send null (NET, bitunix.md §5)
  minBuyPriceOffset: wireOptionalDecimal,
  maxSellPriceOffset: wireOptionalDecimal,
  maxLimitOrderVolume: wireOptionalDecimal,
  maxMarketOrderVolume: wireOptionalDecimal,
  basePrecision: z.number().int().min(0).max(18),
  quotePrecision: z.number().int().min(0).max(18),
  minLeverage: z.number().int().optional(),
  maxLeverage: z.number().int().positive().optional(),
  defaultLeverage: z.number().int().optional(),
  // table: "Isolation"/"Cross"; example: the number 1 — unknown mapping, both kept as given (open point, README)
  defaultMarginMode: z.union([z.string(), z.number()]).nullish(),
  priceProtectScope: wireOptionalDecimal,
  symbolStatus: wireEnum(SYMBOL_STATUSES),
  // newer docs; false = API trading disabled
  isApiSupported: wireBool.optional(),
  maxFundingRate: wireOptionalDecimal,
  minFundingRate: wireOptionalDecimal,
  launchTime: wireOptionalMs,
  delistTime: wireOptionalMs,
});
export type WireTradingPair = z.output<typeof tradingPairSchema>;
export const tradingPairsSchema = z.array(tradingPairSchema);

/** GET /api/v1/futures/market/tickers item (fixture rest-tickers.json); no bid/ask, no time. */
export const tickerSchema = z.object({
  symbol: z.string().min(1),
  markPrice: wireOptionalDecimal,
  lastPrice: wireOptionalDecimal,
  open: wireOptionalDecimal,
  last: wireOptionalDecimal,
  quoteVol: wireOptionalDecimal,
  baseVol: wireOptionalDecimal,
  high: wireOptionalDecimal,
  low: wireOptionalDecimal,
});
export type WireTicker = z.output<typeof tickerSchema>;
export const tickersSchema = z.array(tickerSchema);

/** `[price, qty]`: strings live (PROBE), numbers in the doc example (fixture rest-depth-doc.json). */
const levelSchema = z.tuple([wireDecimal, wireDecimal]).rest(z.unknown());

/** GET /api/v1/futures/market/depth — `{asks, bids}`, asks ascending, bids descending; CCXT also reads an optional `time`. */
export const depthSchema = z.object({
  asks: z.array(levelSchema),
  bids: z.array(levelSchema),
  time: wireOptionalMs,
});
export type WireDepth = z.output<typeof depthSchema>;

/** GET /api/v1/futures/market/kline item (fixture rest-kline.json; `time`/`type` only in the example). */
export const klineSchema = z.object({
  open: wireDecimal,
  high: wireDecimal,
  low: wireDecimal,
  close: wireDecimal,
  quoteVol: wireOptionalDecimal,
  baseVol: wireOptionalDecimal,
  time: wireMs,
  type: z.string().optional(),
});
export type WireKline = z.output<typeof klineSchema>;
export const klinesSchema = z.array(klineSchema);

/**
 * GET /api/v1/futures/market/funding_rate (and /batch) item. `fundingRate` is in **percent** (PROBE, three
 * checks); `nextFundingTime` a string of ms; `fundingInterval` hours. Old page: only 4 fields.
 */
export const fundingRateSchema = z.object({
  symbol: z.string().min(1),
  markPrice: wireOptionalDecimal,
  lastPrice: wireOptionalDecimal,
  indexPrice: wireOptionalDecimal,
  fundingRate: wireDecimal,
  fundingInterval: z.number().int().positive().nullish(),
  nextFundingTime: wireOptionalMs,
  maxFundingRate: wireOptionalDecimal,
  minFundingRate: wireOptionalDecimal,
});
export type WireFundingRate = z.output<typeof fundingRateSchema>;
/** The single endpoint: object (CCXT) or array (doc example) — open point §9, both accepted. */
export const fundingRatesSchema = objectOrList(fundingRateSchema);

/** GET /api/v1/futures/market/get_funding_rate_history item: `fundingRate` is a **fraction** here; newest first (PROBE). */
export const fundingRateHistoryItemSchema = z.object({
  fundingRate: wireDecimal,
  fundingTime: wireMs,
  markPrice: wireOptionalDecimal,
});
export const fundingRateHistorySchema = z.array(fundingRateHistoryItemSchema);
