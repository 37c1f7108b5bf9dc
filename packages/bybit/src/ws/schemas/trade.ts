import { z } from 'zod';

/**
 * Order entry over `/v5/trade` (reference §7; fixtures `ws-trade-*.json`): camelCase
 * `retCode`/`retMsg`, `reqId`, `connId`, and a `header` object carrying the rate-limit headers.
 */
export const tradeOps = ['order.create', 'order.amend', 'order.cancel', 'order.create-batch', 'order.amend-batch', 'order.cancel-batch'] as const;
export type TradeOp = (typeof tradeOps)[number];

export const tradeAuthRequestSchema = z.object({
  reqId: z.string().optional(),
  op: z.literal('auth'),
  args: z.tuple([z.string().min(1), z.number().int(), z.string().min(1)]),
});

export const tradeAuthResponseSchema = z.object({
  retCode: z.number().int(),
  retMsg: z.string(),
  op: z.literal('auth'),
  connId: z.string().optional(),
  reqId: z.string().optional(),
});

export const tradeRequestSchema = z.object({
  reqId: z.string().max(36).optional(),
  header: z.object({
    'X-BAPI-TIMESTAMP': z.string().regex(/^\d+$/),
    'X-BAPI-RECV-WINDOW': z.string().regex(/^\d+$/).optional(),
    Referer: z.string().optional(),
  }),
  op: z.enum(tradeOps),
  args: z.array(z.record(z.string(), z.unknown())).min(1),
});

export const tradeResponseHeaderSchema = z.object({
  'X-Bapi-Limit': z.string().optional(),
  'X-Bapi-Limit-Status': z.string().optional(),
  'X-Bapi-Limit-Reset-Timestamp': z.string().optional(),
  Traceid: z.string().optional(),
  Timenow: z.string().optional(),
});

export const tradeResponseSchema = z.object({
  reqId: z.string().optional(),
  retCode: z.number().int(),
  retMsg: z.string(),
  op: z.enum(tradeOps),
  data: z.unknown(),
  retExtInfo: z.object({ list: z.array(z.object({ code: z.number().int(), msg: z.string() })).optional() }).loose().nullable().optional(),
  header: tradeResponseHeaderSchema.optional(),
  connId: z.string().optional(),
});

/** `data` of a batch reply: one row per request item, failures in `retExtInfo.list` at the same index. */
export const tradeBatchDataSchema = z.object({
  list: z.array(z.object({ category: z.string(), symbol: z.string(), orderId: z.string(), orderLinkId: z.string(), createAt: z.string().optional() })),
});

export const tradePongSchema = z.object({
  retCode: z.number().int(),
  retMsg: z.string(),
  op: z.literal('pong'),
  data: z.array(z.string()).optional(),
  connId: z.string().optional(),
});
