import { z } from 'zod';
import {
  EFFECTS,
  MARGIN_MODES,
  ORDER_STATUSES,
  ORDER_TYPES,
  POSITION_MODES,
  POSITION_SIDES,
  SIDES,
  STOP_TYPES,
  TPSL_STATUSES,
  wireBool,
  wireDecimal,
  wireEnum,
  wireId,
  wireIsoTime,
  wireOptionalDecimal,
  wireOptionalEnum,
  wireOptionalId,
} from '../../rest/schemas/common.js';

/**
 * Private channel frames — bitunix.md §6 "Private channels": envelope `{ch, ts, data}`, `data` one **object** per
 * message (TIQ "#broken: returns Object instead of List<Object>", NET, DEMO Go/Python, the tpsl page) — a list is
 * accepted as well (the tables say `List<Object>`, open point §9). Enums arrive in mixed case live (`Sell`,
 * `Market`, `Last`, TIQ): parsed case-insensitively. No verbatim live example exists for any of the four channels.
 */
function objectOrList<S extends z.ZodType>(item: S) {
  return z.union([z.array(item), item]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<S>[]);
}

const envelope = { ts: z.number().int().nonnegative() };

/** balance: `{coin, available, frozen, isolationFrozen, crossFrozen, margin, isolationMargin, crossMargin, expMoney}`. */
export const balanceItemSchema = z.object({
  coin: z.string().min(1),
  available: wireDecimal,
  frozen: wireOptionalDecimal,
  isolationFrozen: wireOptionalDecimal,
  crossFrozen: wireOptionalDecimal,
  margin: wireOptionalDecimal,
  isolationMargin: wireOptionalDecimal,
  crossMargin: wireOptionalDecimal,
  expMoney: wireOptionalDecimal,
});
export type WsBalance = z.output<typeof balanceItemSchema>;
export const balanceFrameSchema = z.object({ ...envelope, ch: z.literal('balance'), data: objectOrList(balanceItemSchema) });

/** position: event OPEN|UPDATE|CLOSE; all values strings (leverage too); `ctime` ISO. No liqPrice / avgOpenPrice / mark. */
export const positionItemSchema = z.object({
  event: wireEnum(['OPEN', 'UPDATE', 'CLOSE'] as const),
  positionId: wireId,
  marginMode: wireOptionalEnum(MARGIN_MODES),
  positionMode: wireOptionalEnum(POSITION_MODES),
  side: wireEnum(POSITION_SIDES),
  leverage: wireOptionalDecimal,
  margin: wireOptionalDecimal,
  ctime: wireIsoTime.optional(),
  qty: wireDecimal,
  entryValue: wireOptionalDecimal,
  symbol: z.string().min(1),
  realizedPNL: wireOptionalDecimal,
  unrealizedPNL: wireOptionalDecimal,
  funding: wireOptionalDecimal,
  fee: wireOptionalDecimal,
});
export type WsPosition = z.output<typeof positionItemSchema>;
export const positionFrameSchema = z.object({ ...envelope, ch: z.literal('position'), data: objectOrList(positionItemSchema) });

/**
 * order: event CREATE|UPDATE|CLOSE; `positionType` is the margin mode; `dealAmount` = cumulative filled (unit not
 * stated — open point §9); `orderStatus` may be SYSTEM_CANCELED (TIQ); `effect` sometimes odd (`SHORT`, TIQ) — an
 * unknown `effect` is kept out of the model (see map/order.ts), every other enum must be known.
 */
export const orderItemSchema = z.object({
  event: wireEnum(['CREATE', 'UPDATE', 'CLOSE'] as const),
  orderId: wireId,
  symbol: z.string().min(1),
  positionType: wireOptionalEnum(MARGIN_MODES),
  positionMode: wireOptionalEnum(POSITION_MODES),
  side: wireEnum(SIDES),
  effect: z.string().nullish(),
  type: wireEnum(ORDER_TYPES),
  qty: wireDecimal,
  reductionOnly: wireBool.optional(),
  reduceOnly: wireBool.optional(),
  price: wireOptionalDecimal,
  ctime: wireIsoTime,
  mtime: wireIsoTime.optional(),
  leverage: wireOptionalDecimal,
  orderStatus: wireEnum(ORDER_STATUSES),
  fee: wireOptionalDecimal,
  averagePrice: wireOptionalDecimal,
  dealAmount: wireOptionalDecimal,
  clientId: wireOptionalId,
  tpStopType: wireOptionalEnum(STOP_TYPES),
  tpPrice: wireOptionalDecimal,
  tpOrderType: wireOptionalEnum(ORDER_TYPES),
  tpOrderPrice: wireOptionalDecimal,
  slStopType: wireOptionalEnum(STOP_TYPES),
  slPrice: wireOptionalDecimal,
  slOrderType: wireOptionalEnum(ORDER_TYPES),
  slOrderPrice: wireOptionalDecimal,
});
export type WsOrder = z.output<typeof orderItemSchema>;
export const orderFrameSchema = z.object({ ...envelope, ch: z.literal('order'), data: objectOrList(orderItemSchema) });

/** tpsl: event CREATE|UPDATE|CLOSE with status NEW|CANCELED|SYSTEM_CANCELED|FILLED|FAILED; `type` TPSL|POSITION_TPSL live (TIQ). */
export const tpslItemSchema = z.object({
  event: wireEnum(['CREATE', 'UPDATE', 'CLOSE'] as const),
  positionId: wireOptionalId,
  orderId: wireId,
  symbol: z.string().min(1),
  leverage: wireOptionalDecimal,
  side: wireOptionalEnum(SIDES),
  positionMode: wireOptionalEnum(POSITION_MODES),
  status: wireEnum(TPSL_STATUSES),
  ctime: wireIsoTime.optional(),
  type: z.string().nullish(),
  tpQty: wireOptionalDecimal,
  slQty: wireOptionalDecimal,
  tpStopType: wireOptionalEnum(STOP_TYPES),
  tpPrice: wireOptionalDecimal,
  tpOrderType: wireOptionalEnum(ORDER_TYPES),
  tpOrderPrice: wireOptionalDecimal,
  slStopType: wireOptionalEnum(STOP_TYPES),
  slPrice: wireOptionalDecimal,
  slOrderType: wireOptionalEnum(ORDER_TYPES),
  slOrderPrice: wireOptionalDecimal,
});
export type WsTpsl = z.output<typeof tpslItemSchema>;
export const tpslFrameSchema = z.object({ ...envelope, ch: z.literal('tpsl'), data: objectOrList(tpslItemSchema) });

export const EFFECT_VALUES = EFFECTS;
