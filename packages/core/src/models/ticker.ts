import { z } from 'zod';
import type { Decimal } from '../decimal.js';
import { decimalSchema } from '../schemas/decimal-schemas.js';
import { epochMsSchema } from '../schemas/time-schemas.js';

export interface Ticker {
  readonly symbol: string;
  /** Venue time of this state, epoch ms. */
  readonly timestamp: number;
  readonly bid?: Decimal;
  readonly bidSize?: Decimal;
  readonly ask?: Decimal;
  readonly askSize?: Decimal;
  readonly last?: Decimal;
  readonly open24h?: Decimal;
  readonly high24h?: Decimal;
  readonly low24h?: Decimal;
  /** Base-currency volume over 24 h. */
  readonly baseVolume24h?: Decimal;
  /** Quote-currency turnover over 24 h. */
  readonly quoteVolume24h?: Decimal;
  readonly markPrice?: Decimal;
  readonly indexPrice?: Decimal;
  readonly fundingRate?: Decimal;
  readonly nextFundingTime?: number;
  /** Open interest in base units. */
  readonly openInterest?: Decimal;
}

export const tickerSchema: z.ZodType<Ticker> = z.object({
  symbol: z.string().min(1),
  timestamp: epochMsSchema,
  bid: decimalSchema.optional(),
  bidSize: decimalSchema.optional(),
  ask: decimalSchema.optional(),
  askSize: decimalSchema.optional(),
  last: decimalSchema.optional(),
  open24h: decimalSchema.optional(),
  high24h: decimalSchema.optional(),
  low24h: decimalSchema.optional(),
  baseVolume24h: decimalSchema.optional(),
  quoteVolume24h: decimalSchema.optional(),
  markPrice: decimalSchema.optional(),
  indexPrice: decimalSchema.optional(),
  fundingRate: decimalSchema.optional(),
  nextFundingTime: epochMsSchema.optional(),
  openInterest: decimalSchema.optional(),
});
