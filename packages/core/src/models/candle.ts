import { z } from 'zod';
import type { Decimal } from '../decimal.js';
import { decimalSchema } from '../schemas/decimal-schemas.js';
import { epochMsSchema } from '../schemas/time-schemas.js';
import { timeframeSchema, type Timeframe } from './enums.js';

export interface Candle {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** Open time, epoch ms, aligned to the timeframe. */
  readonly openTime: number;
  readonly open: Decimal;
  readonly high: Decimal;
  readonly low: Decimal;
  readonly close: Decimal;
  /** Base-currency volume. */
  readonly volume: Decimal;
  /** Quote-currency turnover, when the venue reports it. */
  readonly quoteVolume?: Decimal;
  /** False while the interval is still running (streams, or the newest REST candle). */
  readonly closed: boolean;
}

export const candleSchema: z.ZodType<Candle> = z.object({
  symbol: z.string().min(1),
  timeframe: timeframeSchema,
  openTime: epochMsSchema,
  open: decimalSchema,
  high: decimalSchema,
  low: decimalSchema,
  close: decimalSchema,
  volume: decimalSchema,
  quoteVolume: decimalSchema.optional(),
  closed: z.boolean(),
});
