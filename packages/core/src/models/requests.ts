import { z } from 'zod';
import { isDecimal, type DecimalValue } from '../decimal.js';
import {
  orderSideSchema,
  orderTypeSchema,
  timeInForceSchema,
  triggerReferenceSchema,
  type OrderSide,
  type OrderType,
  type TimeInForce,
  type TriggerReference,
} from './enums.js';

/**
 * What callers pass in: prices and amounts as Decimal or decimal strings. Plain JS numbers are
 * refused (a float like 0.1 + 0.2 must never become an order size).
 */
export const decimalInputSchema = z.union([
  z.string().trim().regex(/^\d+(\.\d+)?$/, 'expected a plain positive decimal string such as "0.001"'),
  z.custom<DecimalValue>((v) => isDecimal(v), { message: 'expected a Decimal' }),
]);

export const clientOrderIdSchema = z
  .string()
  .min(1)
  .max(36)
  .regex(/^[A-Za-z0-9_-]+$/, 'clientOrderId: letters, digits, "-" and "_" only (max 36)');

export interface PlaceOrderRequest {
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  /** Base units. */
  readonly amount: DecimalValue;
  /** Required for limit orders. */
  readonly price?: DecimalValue;
  /** Defaults to gtc for limit orders, ioc for market orders. */
  readonly timeInForce?: TimeInForce;
  readonly reduceOnly?: boolean;
  /** Generated when absent, so a lost response can be checked before any retry. */
  readonly clientOrderId?: string;
  /** Makes the order conditional: it rests untriggered until the reference crosses this price. */
  readonly triggerPrice?: DecimalValue;
  readonly triggerReference?: TriggerReference;
  /** Whether to trigger when the reference rises to (`up`) or falls to (`down`) the trigger price; inferred when absent. */
  readonly triggerDirection?: 'up' | 'down';
}

export const placeOrderRequestSchema = z
  .object({
    symbol: z.string().min(1),
    side: orderSideSchema,
    type: orderTypeSchema,
    amount: decimalInputSchema,
    price: decimalInputSchema.optional(),
    timeInForce: timeInForceSchema.optional(),
    reduceOnly: z.boolean().optional(),
    clientOrderId: clientOrderIdSchema.optional(),
    triggerPrice: decimalInputSchema.optional(),
    triggerReference: triggerReferenceSchema.optional(),
    triggerDirection: z.enum(['up', 'down']).optional(),
  })
  .refine((r) => r.type !== 'limit' || r.price !== undefined, { message: 'a limit order needs a price', path: ['price'] })
  .refine((r) => r.type !== 'market' || r.price === undefined, { message: 'a market order takes no price', path: ['price'] });

/** Identifies one order: by venue id or by client order id. */
export interface OrderRef {
  readonly symbol: string;
  readonly id?: string;
  readonly clientOrderId?: string;
}

export const orderRefSchema = z
  .object({ symbol: z.string().min(1), id: z.string().min(1).optional(), clientOrderId: clientOrderIdSchema.optional() })
  .refine((r) => r.id !== undefined || r.clientOrderId !== undefined, { message: 'give id or clientOrderId', path: ['id'] });

export interface AmendOrderRequest extends OrderRef {
  readonly price?: DecimalValue;
  /** New total amount (filled included), base units. */
  readonly amount?: DecimalValue;
  readonly triggerPrice?: DecimalValue;
}

export const amendOrderRequestSchema = z
  .object({
    symbol: z.string().min(1),
    id: z.string().min(1).optional(),
    clientOrderId: clientOrderIdSchema.optional(),
    price: decimalInputSchema.optional(),
    amount: decimalInputSchema.optional(),
    triggerPrice: decimalInputSchema.optional(),
  })
  .refine((r) => r.id !== undefined || r.clientOrderId !== undefined, { message: 'give id or clientOrderId', path: ['id'] })
  .refine((r) => r.price !== undefined || r.amount !== undefined || r.triggerPrice !== undefined, {
    message: 'nothing to amend: give price, amount or triggerPrice',
    path: ['price'],
  });

export type CancelOrderRequest = OrderRef;
export const cancelOrderRequestSchema = orderRefSchema;

export interface HistoryQuery {
  /** Inclusive lower bound, epoch ms. */
  readonly since?: number;
  /** Exclusive upper bound, epoch ms. */
  readonly until?: number;
  readonly limit?: number;
}

export const historyQuerySchema = z.object({
  since: z.number().int().nonnegative().optional(),
  until: z.number().int().nonnegative().optional(),
  limit: z.number().int().positive().optional(),
});
