import { z } from 'zod';
import type { Decimal } from '../decimal.js';
import { decimalSchema } from '../schemas/decimal-schemas.js';
import { marketTypeSchema, type MarketType } from './enums.js';

/**
 * A tradable instrument. Amounts everywhere in exkit are in the base currency ("core's unit");
 * `contractSize` says how many base units one venue contract is, and adapters convert exactly.
 */
export interface Market {
  /** Unified symbol: `BASE/QUOTE` (spot) or `BASE/QUOTE:SETTLE` (swap/future). */
  readonly symbol: string;
  /** The venue's native id, e.g. `BTCUSDT`. */
  readonly id: string;
  readonly type: MarketType;
  readonly base: string;
  readonly quote: string;
  readonly settle?: string;
  /** False when the venue halted or delisted it: orders are refused before sending. */
  readonly active: boolean;
  /** Base units per venue contract (1 when the venue counts in base units). */
  readonly contractSize: Decimal;
  /** Price grid. */
  readonly tickSize: Decimal;
  /** Amount grid (base units). */
  readonly stepSize: Decimal;
  readonly minAmount: Decimal;
  readonly maxAmount?: Decimal;
  /** Largest amount of one market order, where the venue sets a separate cap. */
  readonly maxMarketAmount?: Decimal;
  /** Minimum price × amount (quote units). */
  readonly minNotional?: Decimal;
  readonly maxLeverage?: Decimal;
  readonly makerFee?: Decimal;
  readonly takerFee?: Decimal;
}

export const marketSchema: z.ZodType<Market> = z.object({
  symbol: z.string().min(3),
  id: z.string().min(1),
  type: marketTypeSchema,
  base: z.string().min(1),
  quote: z.string().min(1),
  settle: z.string().min(1).optional(),
  active: z.boolean(),
  contractSize: decimalSchema,
  tickSize: decimalSchema,
  stepSize: decimalSchema,
  minAmount: decimalSchema,
  maxAmount: decimalSchema.optional(),
  maxMarketAmount: decimalSchema.optional(),
  minNotional: decimalSchema.optional(),
  maxLeverage: decimalSchema.optional(),
  makerFee: decimalSchema.optional(),
  takerFee: decimalSchema.optional(),
});
