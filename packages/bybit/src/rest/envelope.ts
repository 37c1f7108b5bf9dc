import { createError, UnexpectedResponseError, type ExchangeError, type ResponseDecoder, type ResponseHeaders } from '@exkit/core';
import { z } from 'zod';
import { classifyRetCode, RET_CODES, type RetCodeRule } from './error-codes.js';
import { IP_BUCKET } from './limits.js';

/**
 * The V5 envelope (reference §3): `{retCode, retMsg, result, retExtInfo, time}`, HTTP 200 for
 * success and business errors alike. Older error bodies carry `result: null` / `retExtInfo: null`.
 */
export const envelopeSchema = z.object({
  retCode: z.number().int(),
  retMsg: z.string(),
  result: z.unknown().optional(),
  retExtInfo: z.unknown().optional(),
  time: z.number().int().optional(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

/** What a successful call hands to the endpoint schema: the envelope itself (paths read `result.list.0.price`). */
export function okEnvelope<T extends z.ZodType>(result: T) {
  return z.object({ result, time: z.number().int() });
}

/** Codes that are IP-level limits (pause the `ip` bucket rather than the endpoint's). */
const IP_SCOPED = new Set([10018, 10403]);

/** The venue's own answer, the cause of an error that maps no known code (CK-ER-08: every UnexpectedResponse carries one). */
function venueAnswer(env: { readonly retCode: number; readonly retMsg: string }): Error {
  const answer = new Error(`the venue answered retCode ${env.retCode}: ${env.retMsg || '(no message)'}`);
  answer.name = 'BybitRetCode';
  return answer;
}

/**
 * A non-zero retCode → typed error. RateLimit carries `retryAfterMs` from
 * `X-Bapi-Limit-Reset-Timestamp` (or a `header` object of the WS trade API), measured against the
 * envelope's `time` so both ends are venue time; PYBIT sleeps until that same timestamp on 10006.
 */
export function retCodeError(
  exchange: string,
  env: { readonly retCode: number; readonly retMsg: string; readonly time?: number | undefined },
  where: { readonly path: string; readonly headers?: ResponseHeaders; readonly table?: Readonly<Record<number, RetCodeRule>>; readonly label?: string },
  now: () => number,
): ExchangeError | undefined {
  const verdict = classifyRetCode(env.retCode, where.path, where.table ?? RET_CODES);
  if (verdict?.kind === 'noChange') return undefined;
  const label = where.label ?? where.path;
  const details: Record<string, unknown> = { retCode: env.retCode, retMsg: env.retMsg, endpoint: where.path };
  if (verdict === undefined) {
    return new UnexpectedResponseError(`${exchange} ${label}: unmapped retCode ${env.retCode}: ${env.retMsg}`, { exchange, code: env.retCode, details, cause: venueAnswer(env) });
  }
  let retryAfterMs: number | undefined;
  if (verdict.kind === 'rateLimit') {
    const reset = Number(where.headers?.['x-bapi-limit-reset-timestamp']);
    const at = env.time ?? now();
    if (Number.isFinite(reset) && reset > 0) {
      retryAfterMs = Math.max(0, reset - at);
      details['resetAt'] = reset;
    }
    if (IP_SCOPED.has(env.retCode)) details['scope'] = IP_BUCKET;
  }
  return createError(verdict.kind, `${exchange} ${label}: ${env.retMsg || verdict.meaning} (retCode ${env.retCode})`, {
    exchange,
    code: env.retCode,
    ...(retryAfterMs !== undefined && { retryAfterMs }),
    details,
  });
}

/** The decoder for core's RestTransport. */
export function createEnvelopeDecoder(now: () => number, observeTime?: (venueTime: number) => void): ResponseDecoder {
  return (body, ctx) => {
    const env = envelopeSchema.safeParse(body);
    if (env.success && env.data.time !== undefined) observeTime?.(env.data.time);
    if (!env.success) {
      const issue = env.error.issues[0];
      const path = issue?.path.join('.') ?? '';
      return {
        error: new UnexpectedResponseError(`${ctx.exchange} ${ctx.method} ${ctx.path}: not a V5 envelope (${path || 'body'}: ${issue?.message ?? 'invalid'})`, {
          exchange: ctx.exchange,
          path,
          details: { status: ctx.status, endpoint: ctx.path },
        }),
      };
    }
    const e = env.data;
    if (e.retCode === 0) return { data: body };
    const error = retCodeError(ctx.exchange, e, { path: ctx.path, headers: ctx.headers, label: `${ctx.method} ${ctx.path}` }, now);
    // "not modified" on an idempotent setter: the state already is what was asked.
    if (error === undefined) return { data: { ...(body as Record<string, unknown>), result: e.result ?? {}, time: e.time ?? now() } };
    return { error };
  };
}
