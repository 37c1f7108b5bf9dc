import { z } from 'zod';
import { EFFECTS, MARGIN_MODES, ORDER_TYPES, POSITION_MODES, POSITION_SIDES, SIDES, STOP_TYPES } from './common.js';

/**
 * Request bodies as the venue reads them (bitunix.md §5) — what this adapter sends, and what a
 * simulator front validates. Values stay text: decimals as plain strings, never re-serialised.
 */
const decimalText = z.string().regex(/^\d+(\.\d+)?$/, 'expected a plain decimal string');
const signedDecimalText = z.string().regex(/^[+-]?\d+(\.\d+)?$/, 'expected a plain decimal string');
const idText = z.string().min(1);
const upperEnum = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values);

const tpslRequestFields = {
  tpPrice: decimalText.optional(),
  tpStopType: upperEnum(STOP_TYPES).optional(),
  tpOrderType: upperEnum(ORDER_TYPES).optional(),
  tpOrderPrice: decimalText.optional(),
  slPrice: decimalText.optional(),
  slStopType: upperEnum(STOP_TYPES).optional(),
  slOrderType: upperEnum(ORDER_TYPES).optional(),
  slOrderPrice: decimalText.optional(),
};

/** One order of place_order (with `symbol`) or of batch_order's `orderList` (without). */
export const orderItemBodySchema = z.object({
  qty: decimalText,
  price: decimalText.optional(),
  side: upperEnum(SIDES),
  tradeSide: upperEnum(['OPEN', 'CLOSE'] as const).optional(),
  positionId: idText.optional(),
  orderType: upperEnum(ORDER_TYPES),
  effect: upperEnum(EFFECTS).optional(),
  clientId: idText.optional(),
  reduceOnly: z.boolean().optional(),
  ...tpslRequestFields,
});
export type OrderItemBody = z.input<typeof orderItemBodySchema>;

export const placeOrderBodySchema = orderItemBodySchema.extend({ symbol: idText });
export type PlaceOrderBody = z.input<typeof placeOrderBodySchema>;

export const batchOrderBodySchema = z.object({ symbol: idText, orderList: z.array(orderItemBodySchema).min(1).max(20) });
export type BatchOrderBody = z.input<typeof batchOrderBodySchema>;

/** modify_order: `orderId` or `clientId` (orderId wins), `qty` and `price` (table: required); doc example also sends `symbol`. */
export const modifyOrderBodySchema = z
  .object({ orderId: idText.optional(), clientId: idText.optional(), symbol: idText.optional(), qty: decimalText, price: decimalText, ...tpslRequestFields })
  .refine((b) => b.orderId !== undefined || b.clientId !== undefined, { message: 'orderId or clientId is required', path: ['orderId'] });
export type ModifyOrderBody = z.input<typeof modifyOrderBodySchema>;

const cancelItem = z
  .object({ orderId: idText.optional(), clientId: idText.optional() })
  .refine((b) => b.orderId !== undefined || b.clientId !== undefined, { message: 'orderId or clientId is required', path: ['orderId'] });
export const cancelOrdersBodySchema = z.object({ symbol: idText, orderList: z.array(cancelItem).min(1) });
export type CancelOrdersBody = z.input<typeof cancelOrdersBodySchema>;

export const cancelAllOrdersBodySchema = z.object({ symbol: idText.optional() });

export const changeLeverageBodySchema = z.object({ symbol: idText, leverage: z.number().int().positive(), marginCoin: idText });
export const changeMarginModeBodySchema = z.object({ symbol: idText, marginMode: upperEnum(MARGIN_MODES), marginCoin: idText });
export const changePositionModeBodySchema = z.object({ positionMode: upperEnum(POSITION_MODES) });

/** tpsl/place_order: ≥ 1 of tpPrice/slPrice and ≥ 1 of tpQty/slQty. */
export const tpslPlaceBodySchema = z
  .object({ symbol: idText, positionId: idText, ...tpslRequestFields, tpQty: decimalText.optional(), slQty: decimalText.optional() })
  .refine((b) => b.tpPrice !== undefined || b.slPrice !== undefined, { message: 'tpPrice or slPrice is required', path: ['tpPrice'] })
  .refine((b) => b.tpQty !== undefined || b.slQty !== undefined, { message: 'tpQty or slQty is required', path: ['tpQty'] });
export type TpslPlaceBody = z.input<typeof tpslPlaceBodySchema>;

/** tpsl/position/place_order (and position/modify_order): closes the whole position at market. */
export const tpslPositionPlaceBodySchema = z
  .object({ symbol: idText, positionId: idText, tpPrice: decimalText.optional(), tpStopType: upperEnum(STOP_TYPES).optional(), slPrice: decimalText.optional(), slStopType: upperEnum(STOP_TYPES).optional() })
  .refine((b) => b.tpPrice !== undefined || b.slPrice !== undefined, { message: 'tpPrice or slPrice is required', path: ['tpPrice'] });
export type TpslPositionPlaceBody = z.input<typeof tpslPositionPlaceBodySchema>;

export const tpslModifyBodySchema = z.object({ orderId: idText, ...tpslRequestFields, tpQty: decimalText.optional(), slQty: decimalText.optional() });
export type TpslModifyBody = z.input<typeof tpslModifyBodySchema>;

export const tpslCancelBodySchema = z.object({ symbol: idText, orderId: idText });

export const adjustMarginBodySchema = z.object({ symbol: idText, marginCoin: idText, amount: signedDecimalText, side: upperEnum(POSITION_SIDES).optional(), positionId: idText.optional() });
