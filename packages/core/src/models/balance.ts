import { z } from 'zod';
import type { Decimal } from '../decimal.js';
import { decimalSchema } from '../schemas/decimal-schemas.js';

/** One currency of an account. Invariant: total = free + used. */
export interface Balance {
  readonly currency: string;
  readonly free: Decimal;
  readonly used: Decimal;
  readonly total: Decimal;
  readonly timestamp?: number;
}

export const balanceSchema: z.ZodType<Balance> = z.object({
  currency: z.string().min(1),
  free: decimalSchema,
  used: decimalSchema,
  total: decimalSchema,
  timestamp: z.number().int().optional(),
});
