import { z } from 'zod';
import type { Decimal } from '../decimal.js';
import { decimalSchema } from '../schemas/decimal-schemas.js';
import { epochMsSchema } from '../schemas/time-schemas.js';
import { liquiditySchema, orderSideSchema, type Liquidity, type OrderSide } from './enums.js';
import { feeSchema, type Fee } from './fee.js';

/** One execution of one of the account's orders. */
export interface Fill {
  readonly id: string;
  readonly orderId: string;
  readonly clientOrderId?: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly price: Decimal;
  /** Base units. */
  readonly size: Decimal;
  /** price × size, unrounded. */
  readonly cost: Decimal;
  readonly fee: Fee;
  readonly liquidity: Liquidity;
  readonly timestamp: number;
}

export const fillSchema: z.ZodType<Fill> = z.object({
  id: z.string().min(1),
  orderId: z.string().min(1),
  clientOrderId: z.string().min(1).optional(),
  symbol: z.string().min(1),
  side: orderSideSchema,
  price: decimalSchema,
  size: decimalSchema,
  cost: decimalSchema,
  fee: feeSchema,
  liquidity: liquiditySchema,
  timestamp: epochMsSchema,
});
