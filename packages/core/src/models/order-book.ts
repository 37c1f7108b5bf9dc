import { z } from 'zod';
import type { Decimal } from '../decimal.js';
import { decimalSchema } from '../schemas/decimal-schemas.js';
import { epochMsSchema } from '../schemas/time-schemas.js';

export interface OrderBookLevel {
  readonly price: Decimal;
  /** Base units resting at this price; always > 0 in a book handed to callers. */
  readonly size: Decimal;
}

export interface OrderBook {
  readonly symbol: string;
  readonly timestamp: number;
  /** The venue's sequence / update id of this state, when the venue has one. */
  readonly sequence?: number;
  /** Best (highest) first. */
  readonly bids: readonly OrderBookLevel[];
  /** Best (lowest) first. */
  readonly asks: readonly OrderBookLevel[];
}

export const orderBookLevelSchema: z.ZodType<OrderBookLevel> = z.object({ price: decimalSchema, size: decimalSchema });

export const orderBookSchema: z.ZodType<OrderBook> = z.object({
  symbol: z.string().min(1),
  timestamp: epochMsSchema,
  sequence: z.number().int().nonnegative().optional(),
  bids: z.array(orderBookLevelSchema),
  asks: z.array(orderBookLevelSchema),
});
