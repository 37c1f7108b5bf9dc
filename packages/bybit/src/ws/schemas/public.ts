import { z } from 'zod';
import { bookLevel, dec, sideSchema } from '../../rest/schemas/common.js';
import { tickerItemSchema } from '../../rest/schemas/market.js';

/**
 * Public stream frames (reference §6; fixtures `ws-orderbook-*.json`, `ws-ticker-*.json`,
 * `ws-public-trade.json`, `ws-kline.json`). JSON key order differs between frames: never relied on.
 */
export const publicFrameSchema = z.object({
  topic: z.string().min(1),
  type: z.enum(['snapshot', 'delta']),
  ts: z.number().int(),
  data: z.unknown(),
  cts: z.number().int().optional(),
  cs: z.number().int().optional(),
});
export type PublicFrame = z.infer<typeof publicFrameSchema>;

/** `orderbook.{depth}.{symbol}` data: `u` update id (consecutive), `seq` cross sequence; size `"0"` deletes. */
export const wsOrderBookDataSchema = z.object({
  s: z.string().min(1),
  b: z.array(bookLevel),
  a: z.array(bookLevel),
  u: z.number().int(),
  seq: z.number().int().optional(),
});
export type WsOrderBookData = z.infer<typeof wsOrderBookDataSchema>;
export const wsOrderBookFrameSchema = publicFrameSchema.extend({ data: wsOrderBookDataSchema });

/** `tickers.{symbol}` data: an object; linear deltas carry only what changed (missing = unchanged). */
export const wsTickerFrameSchema = publicFrameSchema.extend({ data: tickerItemSchema });

/** `publicTrade.{symbol}` data, ascending by match time. */
export const wsTradeSchema = z.object({
  T: z.number().int(),
  s: z.string().min(1),
  S: sideSchema,
  v: dec,
  p: dec,
  i: z.string().min(1),
  L: z.string().optional(),
  BT: z.boolean().optional(),
  RPI: z.boolean().optional(),
  seq: z.number().int().optional(),
});
export const wsTradeFrameSchema = publicFrameSchema.extend({ data: z.array(wsTradeSchema) });

/** `kline.{interval}.{symbol}` data; `confirm: true` = the candle closed. */
export const wsKlineSchema = z.object({
  start: z.number().int(),
  end: z.number().int(),
  interval: z.string().min(1),
  open: dec,
  close: dec,
  high: dec,
  low: dec,
  volume: dec,
  turnover: dec,
  confirm: z.boolean(),
  timestamp: z.number().int(),
});
export const wsKlineFrameSchema = publicFrameSchema.extend({ data: z.array(wsKlineSchema) });

/**
 * A subscribe/unsubscribe reply (public and private): `success`, `ret_msg`, `op`, echoed `req_id`.
 * Option/spread connections answer `{success, conn_id, data: {failTopics, successTopics}, type:
 * "COMMAND_RESP"}` instead (not used by this adapter; parsed for completeness).
 */
export const subscriptionAckSchema = z.object({
  success: z.boolean(),
  ret_msg: z.string().optional(),
  conn_id: z.string().optional(),
  req_id: z.string().optional(),
  op: z.enum(['subscribe', 'unsubscribe']),
});
export const commandResponseSchema = z.object({
  success: z.boolean(),
  conn_id: z.string().optional(),
  data: z.object({ failTopics: z.array(z.string()), successTopics: z.array(z.string()) }),
  type: z.literal('COMMAND_RESP'),
});

/** Pong shapes (fixtures `ws-pong-*.json`): public spot/linear answer `op:"ping"` + `ret_msg:"pong"`, the rest `op:"pong"`. */
export const pongSchema = z.union([
  z.object({ success: z.literal(true), ret_msg: z.literal('pong'), conn_id: z.string().optional(), req_id: z.string().optional(), op: z.literal('ping') }),
  z.object({ op: z.literal('pong'), args: z.array(z.string()).optional(), req_id: z.string().optional(), conn_id: z.string().optional() }),
]);

/** Client → server (fixture `ws-subscribe-request.json` and the unsubscribe example). */
export const subscribeRequestSchema = z.object({
  req_id: z.string().optional(),
  op: z.enum(['subscribe', 'unsubscribe']),
  args: z.array(z.string().min(1)).min(1),
});
