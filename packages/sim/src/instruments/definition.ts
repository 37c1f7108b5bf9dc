import { z } from 'zod';
import { Decimal, timeframeSchema } from '@exkit/core';

const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** Decimals travel as strings in definitions and snapshots: never through a float. */
export const decimalText = z.string().regex(DECIMAL_TEXT, 'expected a decimal string');
const positiveText = decimalText.refine((s) => new Decimal(s).gt(0), 'must be > 0');

/** One candle of a recorded series to replay (`openTime` epoch ms; volume in base units). */
export const replayCandleSchema = z.object({
  openTime: z.number().int(),
  open: decimalText,
  high: decimalText,
  low: decimalText,
  close: decimalText,
  volume: decimalText,
});
export type ReplayCandle = z.infer<typeof replayCandleSchema>;

/** How an instrument's market data moves when nobody trades. */
export const marketDataSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('random'),
    /** Relative standard deviation of the fair price per √second (0.0002 ≈ 6 % a day). */
    volatility: z.number().nonnegative().optional(),
    /** Probability that a background tick prints a trade. */
    tradeProbability: z.number().min(0).max(1).optional(),
  }),
  z.object({
    mode: z.literal('replay'),
    timeframe: timeframeSchema,
    candles: z.array(replayCandleSchema).min(1),
    /** Start again from the first candle when the series ends (otherwise the market goes quiet). */
    loop: z.boolean().optional(),
  }),
]);
export type MarketDataSpec = z.infer<typeof marketDataSchema>;

/**
 * An instrument as fronts and tests define it. Sizes are base units (contracts × contractSize).
 * Numbers are decimal strings so a definition round-trips through JSON exactly.
 */
export const instrumentDefinitionSchema = z
  .object({
    /** Venue-native id (`BTCUSDT`); spot and perpetual markets may share it. */
    nativeId: z.string().min(1),
    type: z.enum(['spot', 'swap']),
    base: z.string().min(1),
    quote: z.string().min(1),
    /** Settlement coin of a perpetual (defaults to quote). */
    settle: z.string().min(1).optional(),
    tickSize: positiveText,
    stepSize: positiveText,
    minSize: positiveText,
    maxSize: positiveText.optional(),
    /** Largest market order, where the venue caps it separately. */
    maxMarketSize: positiveText.optional(),
    minNotional: decimalText.optional(),
    /** Base units per contract ("1" when the venue counts in base units). */
    contractSize: positiveText.optional(),
    maxLeverage: positiveText.optional(),
    defaultLeverage: positiveText.optional(),
    makerFee: decimalText,
    takerFee: decimalText,
    /** Maintenance margin rate (perpetuals). */
    maintenanceMarginRate: decimalText.optional(),
    fundingIntervalMs: z.number().int().positive().optional(),
    /** |funding rate| cap per interval. */
    fundingRateCap: decimalText.optional(),
    status: z.enum(['trading', 'halted']).optional(),
    /** Starting fair price (on tick). */
    initialPrice: positiveText,
    /** Venue liquidity levels per side the background process keeps. */
    depth: z.number().int().min(1).max(5000).optional(),
    /** Ticks between venue levels (default: about half a basis point of price). */
    levelGapTicks: z.number().int().positive().optional(),
    /** Ticks between fair price and best venue quote on each side. */
    halfSpreadTicks: z.number().int().nonnegative().optional(),
    /** Typical quote notional of one venue level. */
    levelNotional: positiveText.optional(),
    /** Open interest the rest of the market holds (base units); accounts' longs add to it. */
    openInterest: decimalText.optional(),
    marketData: marketDataSchema.optional(),
    /** Unified symbol override, for a second market on the same coins (derived from base/quote/settle otherwise). */
    symbol: z.string().min(3).optional(),
  });

export type InstrumentDefinition = z.input<typeof instrumentDefinitionSchema>;
export type ParsedInstrumentDefinition = z.output<typeof instrumentDefinitionSchema>;
