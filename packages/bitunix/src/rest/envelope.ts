import { createError, RateLimitError, UnexpectedResponseError, type Clock, type DecodeResult, type ResponseDecoder } from '@exkit/core';
import type { BreachPacer } from './breaches.js';
import { bitunixError } from './error-codes.js';
import { looksStale, signingSkewMs } from './stale-timestamp.js';

/** Venue signature-error code (bitunix.md §4), also the answer to a stale timestamp (stale-timestamp.ts). */
const SIGN_ERROR = 10007;

/**
 * The futures envelope — bitunix.md §3: `{"code":0,"data":…,"msg":"Success"}`; errors arrive as HTTP
 * 200 with `code ≠ 0` and `data: null`. Key order is not guaranteed. `code` is an int on every futures
 * page (the spot API sends it as a string — accepted too, so a string "0" is not misread as an error).
 */
export const decodeEnvelope: ResponseDecoder = (body, context): DecodeResult => {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { error: new UnexpectedResponseError(`${context.exchange} ${context.method} ${context.path}: response is not a {code, data, msg} envelope`, { exchange: context.exchange, path: '(root)', cause: new Error(`body of type ${Array.isArray(body) ? 'array' : body === null ? 'null' : typeof body}`) }) };
  }
  const env = body as { code?: unknown; msg?: unknown; data?: unknown };
  const code = typeof env.code === 'number' ? env.code : typeof env.code === 'string' && /^-?\d+$/.test(env.code.trim()) ? Number(env.code) : undefined;
  if (code === undefined || !Number.isSafeInteger(code)) {
    return { error: new UnexpectedResponseError(`${context.exchange} ${context.method} ${context.path}: envelope has no integer code`, { exchange: context.exchange, path: 'code', cause: new Error(`code ${JSON.stringify(env.code) ?? 'undefined'}`) }) };
  }
  if (code === 0) return { data: env.data };
  const msg = typeof env.msg === 'string' ? env.msg : '';
  return { error: bitunixError(code, msg, { exchange: context.exchange, path: context.path, method: context.method }) };
};

export interface EnvelopeDecoderOptions {
  /** The clock requests are signed with: a 10007 while it is off the reply's `Date` header is a TimestampError. */
  readonly signingClock: Clock;
  /** Paces repeated 10005/10006 answers (escalating pause). */
  readonly pacer: BreachPacer;
}

/**
 * `decodeEnvelope` with what only the live exchange knows: the signing clock (stale timestamps arrive as 10007)
 * and the breach history (the pause after a rate-limit answer grows while breaches repeat).
 */
export function createEnvelopeDecoder(options: EnvelopeDecoderOptions): ResponseDecoder {
  return (body, context) => {
    const result = decodeEnvelope(body, context);
    if (!('error' in result)) {
      options.pacer.success();
      return result;
    }
    const e = result.error;
    if (e.code === SIGN_ERROR && looksStale(context.headers, options.signingClock)) {
      const skew = signingSkewMs(context.headers, options.signingClock) ?? 0;
      const message = `${context.exchange} ${context.method} ${context.path}: request timestamp ${Math.round(skew)} ms off the venue clock (HTTP Date header); Bitunix reports it as a signature error (code ${SIGN_ERROR})`;
      return { error: createError('timestamp', message, { exchange: context.exchange, code: SIGN_ERROR, details: { skewMs: Math.round(skew), endpoint: context.path } }) };
    }
    if (e instanceof RateLimitError) {
      const pause = options.pacer.breach();
      return { error: createError('rateLimit', e.message, { exchange: context.exchange, code: e.code, retryAfterMs: pause, ...(e.details !== undefined && { details: e.details }) }) };
    }
    return result;
  };
}
