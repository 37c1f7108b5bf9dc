import { z } from 'zod';
import type { Decimal } from '../decimal.js';
import { decimalSchema } from '../schemas/decimal-schemas.js';

/** A fee as the venue reported it (negative = rebate). Never recomputed from a rate. */
export interface Fee {
  readonly amount: Decimal;
  readonly currency: string;
}

export const feeSchema: z.ZodType<Fee> = z.object({ amount: decimalSchema, currency: z.string().min(1) });
