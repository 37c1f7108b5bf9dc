// `ma_crossover` (seed 004): simple moving averages of closed candles; the fast one crossing above
// the slow one targets a long position, crossing below a short one (or flat without `allow_short`).
import { Decimal } from '@exkit/core';
import { z } from 'zod';

export const maCrossoverParamsSchema = z
  .object({
    fast_ma: z.number().int().min(1).max(500),
    slow_ma: z.number().int().min(2).max(1000),
    /** Position size in base units, a decimal string. */
    size: z.string().regex(/^\d+(\.\d+)?$/, 'size: a plain decimal string such as "0.01"'),
    allow_short: z.boolean().default(true),
    order_type: z.enum(['market', 'limit']).default('market'),
    /** Limit orders rest this fraction away from the close (buy below, sell above). */
    limit_offset: z.string().regex(/^\d+(\.\d+)?$/).default('0'),
  })
  .loose()
  .refine((p) => p.fast_ma < p.slow_ma, { message: 'fast_ma must be smaller than slow_ma', path: ['fast_ma'] })
  .refine((p) => !/^\d+(\.\d+)?$/.test(p.size) || new Decimal(p.size).gt(0), { message: 'size must be positive', path: ['size'] });

export type MaCrossoverParams = z.infer<typeof maCrossoverParamsSchema>;
export type Signal = 'bullish' | 'bearish';

function sma(values: readonly Decimal[], period: number, end: number): Decimal {
  let sum = new Decimal(0);
  for (let i = end - period; i < end; i++) sum = sum.plus(values[i]!);
  return sum.div(period);
}

/** The crossover between the previous and the newest close, if any (needs slow_ma + 1 closes). */
export function crossover(closes: readonly Decimal[], fast: number, slow: number): Signal | null {
  const n = closes.length;
  if (n < slow + 1) return null;
  const prev = sma(closes, fast, n - 1).minus(sma(closes, slow, n - 1));
  const now = sma(closes, fast, n).minus(sma(closes, slow, n));
  if (prev.lte(0) && now.gt(0)) return 'bullish';
  if (prev.gte(0) && now.lt(0)) return 'bearish';
  return null;
}
