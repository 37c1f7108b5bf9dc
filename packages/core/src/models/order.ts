import { z } from 'zod';
import type { Decimal } from '../decimal.js';
import { decimalSchema } from '../schemas/decimal-schemas.js';
import { epochMsSchema } from '../schemas/time-schemas.js';
import {
  orderSideSchema,
  orderStatusSchema,
  orderTypeSchema,
  timeInForceSchema,
  triggerReferenceSchema,
  type OrderSide,
  type OrderStatus,
  type OrderType,
  type TimeInForce,
  type TriggerReference,
} from './enums.js';
import { feeSchema, type Fee } from './fee.js';

export interface Order {
  readonly id: string;
  readonly clientOrderId?: string;
  readonly symbol: string;
  readonly type: OrderType;
  readonly side: OrderSide;
  readonly timeInForce: TimeInForce;
  readonly status: OrderStatus;
  /** Limit price; absent for market orders. */
  readonly price?: Decimal;
  /** Requested base units. */
  readonly amount: Decimal;
  readonly filled: Decimal;
  /** amount − filled while open; 0 once terminal. */
  readonly remaining: Decimal;
  /** Σ fill price × size / filled, when anything filled. */
  readonly average?: Decimal;
  /** Σ fill price × size (quote units), unrounded. */
  readonly cost: Decimal;
  readonly fee?: Fee;
  readonly triggerPrice?: Decimal;
  readonly triggerReference?: TriggerReference;
  readonly reduceOnly: boolean;
  readonly postOnly: boolean;
  /** Creation time, epoch ms. */
  readonly timestamp: number;
  /** Last change, epoch ms. */
  readonly updatedAt: number;
}

export const orderSchema: z.ZodType<Order> = z.object({
  id: z.string().min(1),
  clientOrderId: z.string().min(1).optional(),
  symbol: z.string().min(1),
  type: orderTypeSchema,
  side: orderSideSchema,
  timeInForce: timeInForceSchema,
  status: orderStatusSchema,
  price: decimalSchema.optional(),
  amount: decimalSchema,
  filled: decimalSchema,
  remaining: decimalSchema,
  average: decimalSchema.optional(),
  cost: decimalSchema,
  fee: feeSchema.optional(),
  triggerPrice: decimalSchema.optional(),
  triggerReference: triggerReferenceSchema.optional(),
  reduceOnly: z.boolean(),
  postOnly: z.boolean(),
  timestamp: epochMsSchema,
  updatedAt: epochMsSchema,
});
