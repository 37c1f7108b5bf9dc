import { z } from 'zod';

/**
 * Control frames — bitunix.md §6. They carry `op` and no `ch` (PROBE, NET).
 * Inbound: greeting `{"op":"connect","data":{"result":true}}`, pong `{"op":"ping","pong":<client s>,"ping":<server s>}`
 * (the reply keeps `op:"ping"`), unsubscribe ack `{"op":"unsubscribe","ts":…,"data":"success"}`, subscribe refusal
 * `{"op":"subscribe","data":{"msg":"subscribe channel > 300","nonce":"","result":false}}`, login reply `op:"login"`.
 * Outbound: ping, subscribe/unsubscribe (`args[].ch` + `symbol`), login.
 */
export const connectFrameSchema = z.object({ op: z.literal('connect'), data: z.object({ result: z.boolean() }).loose() });

export const pongFrameSchema = z.object({ op: z.literal('ping'), pong: z.number().int(), ping: z.number().int().optional() });

export const unsubscribeAckSchema = z.object({ op: z.literal('unsubscribe'), ts: z.number().int().optional(), data: z.unknown() });

export const subscribeRefusalSchema = z.object({
  op: z.literal('subscribe'),
  data: z.object({ result: z.literal(false), msg: z.string().optional(), nonce: z.string().optional() }).loose(),
});

/** Outbound ping: `{"op":"ping","ping":<unix seconds, int>}` (the DOC example and PROBE capture). */
export const pingRequestSchema = z.object({ op: z.literal('ping'), ping: z.number().int().positive() });

/** Outbound subscribe / unsubscribe: `args[]` of `{symbol?, ch}` (the prepare page's `channel` is a doc slip; every channel page, DEMO and NET use `ch`). */
export const subscriptionRequestSchema = z.object({
  op: z.enum(['subscribe', 'unsubscribe']),
  args: z.array(z.object({ ch: z.string().min(1), symbol: z.string().min(1).optional() })).min(1),
});

/** Outbound login: `timestamp` is an int of Unix **seconds** (§6). */
export const loginRequestSchema = z.object({
  op: z.literal('login'),
  args: z.array(z.object({ apiKey: z.string().min(1), timestamp: z.number().int().positive(), nonce: z.string().min(1), sign: z.string().min(1) })).length(1),
});

/**
 * Login reply — no verbatim capture exists (§9). TIQ requires `op == "login"` and `data.result == true`; NET reads
 * `data.result` and `data.msg`. Accepted: `data.result` as bool or "true"/"false", or `data` itself `true`/`"success"`.
 */
export const loginReplySchema = z.object({
  op: z.literal('login'),
  data: z.union([z.object({ result: z.union([z.boolean(), z.string()]).optional(), msg: z.string().nullish() }).loose(), z.boolean(), z.string(), z.null()]).optional(),
  msg: z.string().nullish(),
  code: z.union([z.number(), z.string()]).optional(),
});
export type LoginReply = z.output<typeof loginReplySchema>;

/** True when a login reply says yes. */
export function loginSucceeded(reply: LoginReply): boolean {
  const d = reply.data;
  if (d === true) return true;
  if (typeof d === 'string') return /^(success|true|ok)$/i.test(d.trim());
  if (d !== null && typeof d === 'object') return d.result === true || (typeof d.result === 'string' && d.result.toLowerCase() === 'true');
  return false;
}

export function loginMessage(reply: LoginReply): string {
  const d = reply.data;
  if (d !== null && typeof d === 'object' && typeof d.msg === 'string' && d.msg !== '') return d.msg;
  if (typeof reply.msg === 'string' && reply.msg !== '') return reply.msg;
  return 'login refused';
}
