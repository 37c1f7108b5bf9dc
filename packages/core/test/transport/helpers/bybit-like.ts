/**
 * A Bybit-V5-shaped signer and envelope decoder for tests (core knows no exchange; this stands in
 * for what an exchange package supplies): HMAC-SHA256 over timestamp + key + recvWindow + (query | body).
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { createError, type ErrorKind, type ResponseDecoder, type SignInput, type SignOutput } from '../../../src/index.js';
import type { Recorded } from './loopback-server.js';

export const RECV_WINDOW = 5000;

export function hmac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

export const bybitLikeSigner = (i: SignInput): SignOutput => {
  const key = i.credentials.apiKey.reveal();
  const payload = `${i.timestamp}${key}${RECV_WINDOW}${i.method === 'GET' ? i.query : i.body}`;
  return {
    headers: {
      'X-BAPI-API-KEY': key,
      'X-BAPI-TIMESTAMP': String(i.timestamp),
      'X-BAPI-RECV-WINDOW': String(RECV_WINDOW),
      'X-BAPI-SIGN': hmac(i.credentials.apiSecret.reveal(), payload),
    },
  };
};

/** Server side: recompute the signature over the raw strings that arrived. */
export function verifyBybitLike(r: Recorded, key: string, secret: string): boolean {
  const ts = String(r.headers['x-bapi-timestamp'] ?? '');
  const payload = `${ts}${key}${RECV_WINDOW}${r.method === 'GET' ? r.query : r.body}`;
  return r.headers['x-bapi-api-key'] === key && r.headers['x-bapi-sign'] === hmac(secret, payload);
}

const envelope = z.object({ retCode: z.number().int(), retMsg: z.string(), result: z.unknown() });

const CODES: Readonly<Record<number, ErrorKind>> = {
  10002: 'timestamp',
  10003: 'authentication',
  10004: 'authentication',
  10006: 'rateLimit',
  110001: 'orderNotFound',
  110007: 'insufficientFunds',
  110072: 'invalidOrder',
};

export const bybitLikeDecoder: ResponseDecoder = (body, ctx) => {
  const env = envelope.safeParse(body);
  if (!env.success) return { data: body };
  const { retCode, retMsg, result } = env.data;
  if (retCode === 0) return { data: result };
  const kind = CODES[retCode] ?? 'unexpected';
  // Quotes the venue's text as is: the transport must scrub it (Bybit echoes the signed string on 10004).
  return { error: createError(kind, `${ctx.exchange}: ${retMsg} (retCode ${retCode})`, { exchange: ctx.exchange, code: retCode, details: { retMsg } }) };
};

export const ok = (result: unknown): Record<string, unknown> => ({ retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: Date.now() });
