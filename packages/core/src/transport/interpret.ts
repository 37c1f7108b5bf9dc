import {
  AuthenticationError,
  ExchangeUnavailableError,
  PermissionError,
  RateLimitError,
  UnexpectedResponseError,
} from '../errors/error-classes.js';
import { ExchangeError } from '../errors/exchange-error.js';
import { preview } from '../errors/redact.js';
import { parseRetryAfter } from '../ratelimit/retry-after.js';
import { describeCall } from './network-error.js';
import { safeCause, type Scrubber } from './scrub.js';
import type { DecodeResult, ResponseContext, ResponseDecoder, StatusClassifier } from './types.js';

export interface RawResponse extends ResponseContext {
  readonly text: string;
}

export interface InterpretOptions {
  readonly decoder: ResponseDecoder | undefined;
  readonly classifyStatus: StatusClassifier | undefined;
  readonly scrub: Scrubber;
  /** Local epoch ms, for `Retry-After` dates. */
  readonly now: number;
}

/**
 * Response → data or typed error, in this order:
 * 429 → RateLimitError (Retry-After) · exchange's status classifier · 5xx → ExchangeUnavailableError ·
 * HTML page → ExchangeUnavailableError (a CDN or maintenance page) · not JSON → UnexpectedResponseError ·
 * exchange's envelope decoder · other non-2xx by status.
 * Every message is built from scrubbed text; the decoder's own errors are scrubbed in place.
 */
export function interpretResponse(res: RawResponse, o: InterpretOptions): DecodeResult {
  const call = describeCall(res);
  const base = { exchange: res.exchange, details: { status: res.status, method: res.method, endpoint: res.path } };
  const html = isHtml(res);

  if (res.status === 429) {
    const retryAfterMs = parseRetryAfter(res.headers['retry-after'], o.now);
    return { error: new RateLimitError(`${call}: HTTP 429 Too Many Requests`, { ...base, code: 429, ...(retryAfterMs !== undefined && { retryAfterMs }) }) };
  }
  const custom = o.classifyStatus && (res.status < 200 || res.status >= 300 || html) ? o.classifyStatus(res) : undefined;
  if (custom !== undefined) return { error: o.scrub.error(custom) };
  if (res.status >= 500) {
    return { error: new ExchangeUnavailableError(`${call}: HTTP ${res.status}${bodyHint(res, html, o.scrub)}`, { ...base, code: res.status }) };
  }
  if (html) {
    return { error: new ExchangeUnavailableError(`${call}: HTML page instead of JSON (HTTP ${res.status})${bodyHint(res, html, o.scrub)}`, { ...base, code: res.status }) };
  }

  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch (err) {
    // The parser's message quotes the body: scrubbed before it becomes the cause.
    const why = err instanceof Error ? o.scrub.text(err.message) : 'invalid JSON';
    return {
      error: new UnexpectedResponseError(`${call}: response is not JSON (HTTP ${res.status}): ${preview(o.scrub.text(res.text), 120)}`, {
        ...base,
        ...(res.status >= 300 && { code: res.status }),
        cause: safeCause(err instanceof Error ? err.name : 'SyntaxError', why),
      }),
    };
  }

  let decoded: DecodeResult;
  try {
    decoded = o.decoder === undefined ? { data: body } : o.decoder(body, res);
  } catch (err) {
    if (err instanceof ExchangeError) return { error: o.scrub.error(err) };
    const why = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    const cause = safeCause(err instanceof Error ? err.name : 'Error', o.scrub.text(err instanceof Error ? err.message : String(err)));
    return { error: new UnexpectedResponseError(`${call}: could not decode the response: ${o.scrub.text(why)}`, { ...base, cause }) };
  }
  if ('error' in decoded) return { error: o.scrub.error(decoded.error) };
  if (res.status >= 200 && res.status < 300) return decoded;
  return { error: byStatus(res, body, o.scrub, base) };
}

function byStatus(res: RawResponse, body: unknown, scrub: Scrubber, base: { exchange: string; details: Record<string, unknown> }): ExchangeError {
  const text = `${describeCall(res)}: HTTP ${res.status}: ${preview(scrub.value(body), 160)}`;
  const options = { ...base, code: res.status };
  if (res.status === 401) return new AuthenticationError(text, options);
  if (res.status === 403) return new PermissionError(text, options);
  return new UnexpectedResponseError(text, options);
}

function isHtml(res: RawResponse): boolean {
  return /text\/html/i.test(res.headers['content-type'] ?? '') || /^\s*<(!doctype|html|head|body)/i.test(res.text);
}

/** A short, scrubbed hint of what came back: an HTML page's title, or the start of the text. */
function bodyHint(res: RawResponse, html: boolean, scrub: Scrubber): string {
  if (res.text.trim() === '') return '';
  if (html) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(res.text)?.[1]?.trim();
    return title ? ` (HTML page: ${JSON.stringify(preview(scrub.text(title), 80))})` : ' (HTML page)';
  }
  return `: ${preview(scrub.text(res.text), 120)}`;
}
