import { z } from 'zod';
import {
  EFFECTS,
  MARGIN_MODES,
  ORDER_STATUSES,
  ORDER_TYPES,
  POSITION_MODES,
  ROLE_TYPES,
  SIDES,
  STOP_TYPES,
  wireBool,
  wireDecimal,
  wireEnum,
  wireId,
  wireMs,
  wireOptionalDecimal,
  wireOptionalEnum,
  wireOptionalId,
  wireOptionalMs,
} from './common.js';

/** TP/SL fields shared by orders (place_order table; examples use `MARK` for `MARK_PRICE`). */
const tpslFields = {
  tpPrice: wireOptionalDecimal,
  tpStopType: wireOptionalEnum(STOP_TYPES),
  tpOrderType: wireOptionalEnum(ORDER_TYPES),
  tpOrderPrice: wireOptionalDecimal,
  slPrice: wireOptionalDecimal,
  slStopType: wireOptionalEnum(STOP_TYPES),
  slOrderType: wireOptionalEnum(ORDER_TYPES),
  slOrderPrice: wireOptionalDecimal,
};

/**
 * An order as get_order_detail / get_pending_orders / get_history_orders return it — bitunix.md §5
 * (fixtures rest-order-detail.json, rest-pending-orders.json). The table calls the type `orderType`,
 * the examples `type`: both are read (at least one must be there). `price`, `avgPrice`, `marginCoin` may
 * be null live (NET). The table lists `side`, but the examples of get_order_detail and get_pending_orders omit it
 * (fixtures): it parses as optional and the mapper refuses an order without one (UnexpectedResponseError).
 */
export const orderSchema = z
  .object({
    orderId: wireId,
    symbol: z.string().min(1),
    clientId: wireOptionalId,
    qty: wireDecimal,
    tradeQty: wireOptionalDecimal,
    price: wireOptionalDecimal,
    avgPrice: wireOptionalDecimal,
    marginCoin: z.string().nullish(),
    positionMode: wireOptionalEnum(POSITION_MODES),
    marginMode: wireOptionalEnum(MARGIN_MODES),
    leverage: wireOptionalDecimal,
    side: wireOptionalEnum(SIDES),
    orderType: wireOptionalEnum(ORDER_TYPES),
    type: wireOptionalEnum(ORDER_TYPES),
    effect: wireOptionalEnum(EFFECTS),
    reduceOnly: wireBool.optional(),
    status: wireEnum(ORDER_STATUSES),
    fee: wireOptionalDecimal,
    realizedPNL: wireOptionalDecimal,
    source: z.string().nullish(),
    ctime: wireMs,
    mtime: wireOptionalMs,
    ...tpslFields,
  })
  .refine((o) => o.orderType !== undefined || o.type !== undefined, { message: 'order has neither orderType nor type', path: ['orderType'] });
export type WireOrder = z.output<typeof orderSchema>;

export const orderListSchema = z.object({ orderList: z.array(orderSchema), total: z.union([z.number(), z.string()]).optional() });

/** POST place_order / modify_order ack: `{orderId, clientId}`. */
export const orderAckSchema = z.object({ orderId: wireId, clientId: wireOptionalId });
export type WireOrderAck = z.output<typeof orderAckSchema>;

/**
 * POST batch_order: `{successList: [{id|orderId, clientId}], failureList: [{clientId, errorMsg, errorCode}]}`.
 * The example names the success id `id`, DEMO Java `orderId` (open point §9): both accepted. `errorCode` is a
 * number in the example although the table says string: both accepted.
 */
export const batchSuccessSchema = z
  .object({ id: wireOptionalId, orderId: wireOptionalId, clientId: wireOptionalId })
  .refine((s) => s.id !== undefined || s.orderId !== undefined, { message: 'success item has neither id nor orderId', path: ['orderId'] })
  .transform((s) => ({ orderId: (s.orderId ?? s.id) as string, clientId: s.clientId }));
export const batchFailureSchema = z.object({
  orderId: wireOptionalId,
  id: wireOptionalId,
  clientId: wireOptionalId,
  errorMsg: z.string().nullish(),
  errorCode: z.union([z.number().int(), z.string().trim().regex(/^-?\d+$/)]).nullish().transform((v) => (v === null || v === undefined ? undefined : Number(v))),
});
export type WireBatchFailure = z.output<typeof batchFailureSchema>;
export const batchResultSchema = z.object({
  successList: z.array(batchSuccessSchema).nullish().transform((v) => v ?? []),
  failureList: z.array(batchFailureSchema).nullish().transform((v) => v ?? []),
});
export type WireBatchResult = z.output<typeof batchResultSchema>;

/** GET get_history_trades — `{tradeList, total}` (fixture rest-history-trades.json; the example has `type`, no `side`). */
export const historyTradeSchema = z.object({
  tradeId: wireId,
  orderId: wireId,
  symbol: z.string().min(1),
  qty: wireDecimal,
  price: wireDecimal,
  positionMode: wireOptionalEnum(POSITION_MODES),
  marginMode: wireOptionalEnum(MARGIN_MODES),
  leverage: wireOptionalDecimal,
  side: wireOptionalEnum(SIDES),
  // CCXT flips `side` when this (undocumented) field says CLOSE
  tradeSide: wireOptionalEnum(['OPEN', 'CLOSE'] as const),
  orderType: wireOptionalEnum(ORDER_TYPES),
  type: wireOptionalEnum(ORDER_TYPES),
  effect: wireOptionalEnum(EFFECTS),
  clientId: wireOptionalId,
  reduceOnly: wireBool.optional(),
  fee: wireOptionalDecimal,
  realizedPNL: wireOptionalDecimal,
  source: z.string().nullish(),
  ctime: wireMs,
  roleType: wireOptionalEnum(ROLE_TYPES),
});
export type WireHistoryTrade = z.output<typeof historyTradeSchema>;
export const historyTradesSchema = z.object({ tradeList: z.array(historyTradeSchema), total: z.union([z.number(), z.string()]).optional() });
