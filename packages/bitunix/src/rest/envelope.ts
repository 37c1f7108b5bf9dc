import { UnexpectedResponseError, type DecodeResult, type ResponseDecoder } from '@exkit/core';
import { bitunixError } from './error-codes.js';

/**
 * The futures envelope — bitunix.md §3: `{"code":0,"data":…,"msg":"Success"}`; errors arrive as HTTP
 * 200 with `code ≠ 0` and `data: null`. Key order is not guaranteed. `code` is an int on every futures
 * page (the spot API sends it as a string — accepted too, so a string "0" is not misread as an error).
 */
export const decodeEnvelope: ResponseDecoder = (body, context): DecodeResult => {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { error: new UnexpectedResponseError(`${context.exchange} ${context.method} ${context.path}: response is not a {code, data, msg} envelope`, { exchange: context.exchange, path: '(root)' }) };
  }
  const env = body as { code?: unknown; msg?: unknown; data?: unknown };
  const code = typeof env.code === 'number' ? env.code : typeof env.code === 'string' && /^-?\d+$/.test(env.code.trim()) ? Number(env.code) : undefined;
  if (code === undefined || !Number.isSafeInteger(code)) {
    return { error: new UnexpectedResponseError(`${context.exchange} ${context.method} ${context.path}: envelope has no integer code`, { exchange: context.exchange, path: 'code' }) };
  }
  if (code === 0) return { data: env.data };
  const msg = typeof env.msg === 'string' ? env.msg : '';
  return { error: bitunixError(code, msg, { exchange: context.exchange, path: context.path, method: context.method }) };
};
