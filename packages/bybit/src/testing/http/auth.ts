/**
 * Signed-request checks (reference §2): unknown key → 10003, signature over the exact wire strings
 * (`ts + key + recvWindow + queryString|body`, HMAC-SHA256 hex, compared case-insensitively) → 10004,
 * timestamp outside `server - recvWindow <= ts < server + 1000` → 10002.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiKeyInfo, SimVenue } from '@exkit/sim';
import { RET } from '../codes.js';
import { BybitFailure } from './envelope.js';

export function hmacHex(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

function header(h: IncomingHttpHeaders, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

export interface SignedRequest {
  readonly method: string;
  readonly rawQuery: string;
  readonly body: string;
  readonly headers: IncomingHttpHeaders;
}

export interface AuthOk {
  readonly key: ApiKeyInfo;
  readonly signature: string;
}

export function authenticate(venue: SimVenue, req: SignedRequest): AuthOk {
  const apiKey = header(req.headers, 'x-bapi-api-key');
  const ts = header(req.headers, 'x-bapi-timestamp');
  const sign = header(req.headers, 'x-bapi-sign');
  if (apiKey === undefined || apiKey === '' || ts === undefined || sign === undefined) {
    throw new BybitFailure(RET.API_KEY, 'API key is invalid.');
  }
  const key = venue.apiKey(apiKey);
  if (key === undefined) throw new BybitFailure(RET.API_KEY, 'API key is invalid.');
  const recv = header(req.headers, 'x-bapi-recv-window') ?? '5000';
  const payload = `${ts}${apiKey}${recv}${req.method === 'GET' ? req.rawQuery : req.body}`;
  const expected = Buffer.from(hmacHex(key.apiSecret, payload), 'utf8');
  const got = Buffer.from(sign.toLowerCase(), 'utf8');
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) {
    throw new BybitFailure(RET.SIGN, `error sign! origin_string[${payload.slice(ts.length + apiKey.length)}]`);
  }
  const server = venue.serverTime();
  const t = Number(ts);
  const window = Number(recv);
  if (!/^\d+$/.test(ts) || !/^\d+$/.test(recv) || !(server - window <= t && t < server + 1000)) {
    throw new BybitFailure(
      RET.TIMESTAMP,
      `invalid request, please check your server timestamp or recv_window param. req_timestamp[${ts}],server_timestamp[${server}],recv_window[${recv}]`,
    );
  }
  return { key, signature: sign };
}
