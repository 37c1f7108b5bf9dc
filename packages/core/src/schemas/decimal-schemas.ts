import { z } from 'zod';
import { isCoreDecimal, toDecimal, type Decimal } from '../decimal.js';

/** A neutral-model field: must already be a finite Decimal (G1). */
export const decimalSchema: z.ZodType<Decimal> = z.custom<Decimal>(
  (v) => isCoreDecimal(v) && v.isFinite(),
  { message: 'expected a finite core Decimal' },
);

const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A wire field carrying a number as text (`"0.1"`) or, for venues that send JSON numbers, as a
 * number. Parsed straight to Decimal: never through a float intermediate for strings.
 */
export const wireDecimal = z
  .union([z.string().trim().regex(DECIMAL_TEXT, 'expected a decimal string'), z.number().finite()])
  .transform((v) => toDecimal(v));

/** Like wireDecimal but `""` (how venues often say "absent") becomes undefined. */
export const wireOptionalDecimal = z
  .union([z.literal(''), z.string().trim().regex(DECIMAL_TEXT, 'expected a decimal string'), z.number().finite()])
  .optional()
  .nullable()
  .transform((v) => (v === '' || v === undefined || v === null ? undefined : toDecimal(v)));
