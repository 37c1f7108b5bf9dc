import { z } from 'zod';
import type { Decimal } from '../decimal.js';
import { decimalSchema } from '../schemas/decimal-schemas.js';
import { epochMsSchema } from '../schemas/time-schemas.js';
import { marginModeSchema, positionSideSchema, type MarginMode, type PositionSide } from './enums.js';

/** A one-way (net) derivative position. */
export interface Position {
  readonly symbol: string;
  readonly side: PositionSide;
  /** Signed base units: > 0 long, < 0 short, 0 flat. */
  readonly size: Decimal;
  readonly entryPrice?: Decimal;
  readonly markPrice?: Decimal;
  readonly liquidationPrice?: Decimal;
  readonly unrealizedPnl: Decimal;
  readonly realizedPnl?: Decimal;
  readonly leverage?: Decimal;
  readonly marginMode?: MarginMode;
  /** Margin held for this position (quote/settle units). */
  readonly margin?: Decimal;
  readonly timestamp: number;
}

export const positionSchema: z.ZodType<Position> = z.object({
  symbol: z.string().min(1),
  side: positionSideSchema,
  size: decimalSchema,
  entryPrice: decimalSchema.optional(),
  markPrice: decimalSchema.optional(),
  liquidationPrice: decimalSchema.optional(),
  unrealizedPnl: decimalSchema,
  realizedPnl: decimalSchema.optional(),
  leverage: decimalSchema.optional(),
  marginMode: marginModeSchema.optional(),
  margin: decimalSchema.optional(),
  timestamp: epochMsSchema,
});
