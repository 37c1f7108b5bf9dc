import { wireDecimal, wireOptionalDecimal, wireTimestamp } from '@exkit/core';
import { z } from 'zod';

/**
 * Shared wire pieces (reference §5, §8). Bybit sends prices, sizes and most timestamps as JSON
 * strings; `""` (sometimes `"0"`) means absent. Enums that a mapper branches on are closed: an
 * unknown value fails the parse (UnexpectedResponse with its path), it is never defaulted.
 */
export const dec = wireDecimal;
export const optDec = wireOptionalDecimal;
export const ts = wireTimestamp;

/** A timestamp that may be `""` (absent). */
export const optTs = z
  .union([z.literal(''), wireTimestamp])
  .optional()
  .nullable()
  .transform((v) => (v === '' || v === undefined || v === null ? undefined : v));

/** A plain non-negative decimal kept as text (order-book levels go to core's exact book as text). */
export const decText = z.string().regex(/^\d+(\.\d+)?$/, 'expected a plain decimal string');
export const bookLevel = z.tuple([decText, decText]);

export const categorySchema = z.enum(['spot', 'linear', 'inverse', 'option']);
export const sideSchema = z.enum(['Buy', 'Sell']);
/** Position side: `""` when flat. */
export const positionSideSchema = z.enum(['Buy', 'Sell', '']);
/** `UNKNOWN` only in responses (e.g. funding executions). */
export const orderTypeSchema = z.enum(['Market', 'Limit', 'UNKNOWN']);
export const orderStatusSchema = z.enum([
  'New',
  'PartiallyFilled',
  'Untriggered',
  'Rejected',
  'PartiallyFilledCanceled',
  'Filled',
  'Cancelled',
  'Triggered',
  'Deactivated',
]);
export const timeInForceSchema = z.enum(['GTC', 'IOC', 'FOK', 'PostOnly', 'RPI']);
/** `UNKNOWN` / `""` when the order has no trigger. */
export const triggerBySchema = z.enum(['LastPrice', 'IndexPrice', 'MarkPrice', 'UNKNOWN', '']);
export const execTypeSchema = z.enum([
  'Trade',
  'AdlTrade',
  'Funding',
  'BustTrade',
  'Delivery',
  'Settle',
  'BlockTrade',
  'MovePosition',
  'FutureSpread',
  'CorporateAction',
  'UNKNOWN',
]);
export const contractTypeSchema = z.enum(['InversePerpetual', 'LinearPerpetual', 'LinearFutures', 'InverseFutures']);
export const instrumentStatusSchema = z.enum(['PreLaunch', 'Trading', 'Delivering', 'Closed']);

export type WireSide = z.infer<typeof sideSchema>;
export type WireOrderStatus = z.infer<typeof orderStatusSchema>;
export type WireTimeInForce = z.infer<typeof timeInForceSchema>;
export type WireTriggerBy = z.infer<typeof triggerBySchema>;
export type WireExecType = z.infer<typeof execTypeSchema>;
export type WireCategory = z.infer<typeof categorySchema>;
