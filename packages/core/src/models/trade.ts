import { z } from 'zod';
import type { Decimal } from '../decimal.js';
import { decimalSchema } from '../schemas/decimal-schemas.js';
import { epochMsSchema } from '../schemas/time-schemas.js';
import { orderSideSchema, type OrderSide } from './enums.js';

/** A public trade print. */
export interface Trade {
  readonly id: string;
  readonly symbol: string;
  readonly timestamp: number;
  readonly price: Decimal;
  /** Base units. */
  readonly size: Decimal;
  /** The taker's side. */
  readonly side: OrderSide;
}

export const tradeSchema: z.ZodType<Trade> = z.object({
  id: z.string().min(1),
  symbol: z.string().min(1),
  timestamp: epochMsSchema,
  price: decimalSchema,
  size: decimalSchema,
  side: orderSideSchema,
});
