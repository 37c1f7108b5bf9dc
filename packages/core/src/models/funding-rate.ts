import { z } from 'zod';
import type { Decimal } from '../decimal.js';
import { decimalSchema } from '../schemas/decimal-schemas.js';
import { epochMsSchema } from '../schemas/time-schemas.js';

export interface FundingRate {
  readonly symbol: string;
  readonly rate: Decimal;
  /** When this rate applies (settles), epoch ms. */
  readonly timestamp: number;
  readonly nextFundingTime?: number;
  readonly markPrice?: Decimal;
  readonly indexPrice?: Decimal;
}

export const fundingRateSchema: z.ZodType<FundingRate> = z.object({
  symbol: z.string().min(1),
  rate: decimalSchema,
  timestamp: epochMsSchema,
  nextFundingTime: epochMsSchema.optional(),
  markPrice: decimalSchema.optional(),
  indexPrice: decimalSchema.optional(),
});
