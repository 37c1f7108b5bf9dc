import { z } from 'zod';
import { positionSchema, walletAccountSchema } from '../../rest/schemas/account.js';
import { executionSchema, orderSchema } from '../../rest/schemas/trade.js';

/**
 * Private stream frames (reference §6 "Private topics"; fixtures `ws-order.json`,
 * `ws-execution.json`, `ws-position.json`, `ws-wallet.json`): `{id, topic, creationTime, data[]}`.
 */
export const privateFrameSchema = z.object({
  id: z.string().optional(),
  topic: z.string().min(1),
  creationTime: z.number().int(),
  data: z.array(z.unknown()),
});

export const wsOrderFrameSchema = privateFrameSchema.extend({ data: z.array(orderSchema) });
export const wsExecutionFrameSchema = privateFrameSchema.extend({ data: z.array(executionSchema) });
export const wsPositionFrameSchema = privateFrameSchema.extend({ data: z.array(positionSchema) });
export const wsWalletFrameSchema = privateFrameSchema.extend({ data: z.array(walletAccountSchema) });

/** Login request (fixture `ws-auth-request.json`): `[apiKey, expires (number), signature]`. */
export const authRequestSchema = z.object({
  req_id: z.string().optional(),
  op: z.literal('auth'),
  args: z.tuple([z.string().min(1), z.number().int(), z.string().min(1)]),
});

/** Login reply on `/v5/private` (fixtures `ws-auth-success.json`, `ws-auth-failure.json`). */
export const authResponseSchema = z.object({
  success: z.boolean(),
  ret_msg: z.string(),
  op: z.literal('auth'),
  conn_id: z.string().optional(),
  req_id: z.string().optional(),
});
