import { z } from 'zod';
import { okEnvelope } from '../envelope.js';
import {
  categorySchema,
  dec,
  execTypeSchema,
  optDec,
  orderStatusSchema,
  orderTypeSchema,
  sideSchema,
  timeInForceSchema,
  triggerBySchema,
  ts,
} from './common.js';

/** Create / amend / cancel acknowledgement: ids only, the order's state comes later (fixtures `order-create.json`, …). */
export const orderAckSchema = z.object({ orderId: z.string().min(1), orderLinkId: z.string() });
export type WireOrderAck = z.infer<typeof orderAckSchema>;
export const orderAckResponseSchema = okEnvelope(orderAckSchema);

/** POST /v5/order/cancel-all (fixture `order-cancel-all.json`). */
export const cancelAllResultSchema = z.object({
  list: z.array(z.object({ orderId: z.string().min(1), orderLinkId: z.string() })),
  success: z.enum(['0', '1']).optional(),
});
export const cancelAllResponseSchema = okEnvelope(cancelAllResultSchema);

/**
 * An order (REST `/v5/order/realtime` and `/history`, WS `order`; fixtures `order-realtime.json`,
 * `order-history.json`, `ws-order.json`). `avgPrice`, `leavesQty` may be `""`; `triggerPrice`
 * `"0.00"` means no trigger; `cumFeeDetail` is `{coin: fee}`.
 */
export const orderSchema = z.object({
  category: categorySchema.optional(),
  orderId: z.string().min(1),
  orderLinkId: z.string(),
  symbol: z.string().min(1),
  price: optDec,
  qty: dec,
  side: sideSchema,
  orderStatus: orderStatusSchema,
  orderType: orderTypeSchema,
  timeInForce: timeInForceSchema,
  avgPrice: optDec,
  leavesQty: optDec,
  cumExecQty: dec,
  cumExecValue: optDec,
  cumExecFee: optDec,
  cumFeeDetail: z.record(z.string(), dec).optional(),
  feeCurrency: z.string().optional(),
  triggerPrice: optDec,
  triggerBy: triggerBySchema.optional(),
  triggerDirection: z.number().int().optional(),
  stopOrderType: z.string().optional(),
  reduceOnly: z.boolean(),
  closeOnTrigger: z.boolean().optional(),
  positionIdx: z.number().int().optional(),
  marketUnit: z.string().optional(),
  createdTime: ts,
  updatedTime: ts,
});
export type WireOrder = z.infer<typeof orderSchema>;
export const orderListResponseSchema = okEnvelope(
  z.object({ category: categorySchema, list: z.array(orderSchema), nextPageCursor: z.string().optional() }),
);

/**
 * An execution (REST `/v5/execution/list`, WS `execution`; fixtures `execution-list.json`,
 * `ws-execution.json`). `extraFees` is `""` on REST and an array on WS.
 */
export const executionSchema = z.object({
  category: categorySchema.optional(),
  symbol: z.string().min(1),
  orderId: z.string().min(1),
  orderLinkId: z.string(),
  side: sideSchema,
  orderType: orderTypeSchema.optional(),
  execId: z.string().min(1),
  execPrice: dec,
  execQty: dec,
  execValue: optDec,
  execFee: dec,
  execType: execTypeSchema,
  execTime: ts,
  feeRate: optDec,
  feeCurrency: z.string().optional(),
  isMaker: z.boolean(),
  leavesQty: optDec,
  seq: z.number().int().optional(),
  extraFees: z.unknown().optional(),
});
export type WireExecution = z.infer<typeof executionSchema>;
export const executionListResponseSchema = okEnvelope(
  z.object({ category: categorySchema, list: z.array(executionSchema), nextPageCursor: z.string().optional() }),
);
