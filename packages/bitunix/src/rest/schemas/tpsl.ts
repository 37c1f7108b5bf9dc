import { z } from 'zod';
import { ORDER_TYPES, STOP_TYPES, TPSL_STATUSES, wireId, wireOptionalDecimal, wireOptionalEnum, wireOptionalMs } from './common.js';

/** POST tpsl/place_order, tpsl/position/place_order, tpsl/modify_order, tpsl/cancel_order → `{orderId}` (bitunix.md §5). */
export const tpslAckSchema = z.object({ orderId: wireId });

/** GET tpsl/get_pending_orders item (fixture rest-tpsl-pending.json) — `data` is an array; all fields strings. */
export const tpslOrderSchema = z.object({
  id: wireId,
  positionId: wireId,
  symbol: z.string().min(1),
  base: z.string().nullish(),
  quote: z.string().nullish(),
  tpPrice: wireOptionalDecimal,
  tpStopType: wireOptionalEnum(STOP_TYPES),
  slPrice: wireOptionalDecimal,
  slStopType: wireOptionalEnum(STOP_TYPES),
  tpOrderType: wireOptionalEnum(ORDER_TYPES),
  tpOrderPrice: wireOptionalDecimal,
  slOrderType: wireOptionalEnum(ORDER_TYPES),
  slOrderPrice: wireOptionalDecimal,
  tpQty: wireOptionalDecimal,
  slQty: wireOptionalDecimal,
  // history only
  status: wireOptionalEnum(TPSL_STATUSES),
  ctime: wireOptionalMs,
  triggerTime: wireOptionalMs,
});
export type WireTpslOrder = z.output<typeof tpslOrderSchema>;
export const tpslPendingSchema = z.array(tpslOrderSchema);
/** tpsl/get_history_orders: the table says `{orderList, total}` (its example shows a positions array — a doc error, §5). */
export const tpslHistorySchema = z.object({ orderList: z.array(tpslOrderSchema), total: z.union([z.number(), z.string()]).optional() });
