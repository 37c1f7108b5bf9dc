import { NetworkError, UnexpectedResponseError } from '../errors/error-classes.js';
import type { ExchangeError } from '../errors/exchange-error.js';
import { safeCause, type Scrubber } from './scrub.js';
import type { HttpMethod } from './types.js';

export interface CallContext {
  readonly exchange: string;
  readonly method: HttpMethod;
  /** The path only: the query may hold signed parameters and never goes into messages. */
  readonly path: string;
}

export function describeCall(ctx: CallContext): string {
  return `${ctx.exchange} ${ctx.method} ${ctx.path}`;
}

const PHRASES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed while sending',
  ETIMEDOUT: 'connection timed out',
  ECONNABORTED: 'connection aborted',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'DNS lookup failed',
  EAI_AGAIN: 'DNS lookup failed (temporary)',
  ERR_NETWORK: 'network error',
};

/**
 * The HTTP client failed before a complete response: a NetworkError (the request may or may not
 * have reached the venue) with a scrubbed stand-in cause — never the library error itself.
 */
export function networkError(err: unknown, ctx: CallContext, scrub: Scrubber): ExchangeError {
  const code = errorCode(err);
  const rawMessage = err instanceof Error ? err.message : String(err);
  const message = scrub.text(rawMessage);
  if (/maxContentLength|maxBodyLength/.test(rawMessage)) {
    return new UnexpectedResponseError(`${describeCall(ctx)}: response too large (${message})`, { exchange: ctx.exchange, retryable: false });
  }
  const phrase = (code !== undefined ? PHRASES[code] : undefined) ?? (/socket hang up/i.test(rawMessage) ? 'connection closed before a response' : 'request failed');
  return new NetworkError(`${describeCall(ctx)}: ${phrase}${code !== undefined ? ` (${code})` : ''}`, {
    exchange: ctx.exchange,
    ...(code !== undefined && { code }),
    cause: safeCause(err instanceof Error ? err.name : 'Error', message, code),
  });
}

/** The per-attempt timeout fired: the socket is destroyed and the request may have been executed. */
export function timeoutError(ctx: CallContext, timeoutMs: number): ExchangeError {
  return new NetworkError(`${describeCall(ctx)}: no response within ${timeoutMs} ms (request timed out)`, {
    exchange: ctx.exchange,
    code: 'ETIMEDOUT',
    // The per-attempt timer that aborted the request is what failed it.
    cause: safeCause('TimeoutError', `the per-attempt timer of ${timeoutMs} ms fired and aborted the request`, 'ETIMEDOUT'),
    details: { timeoutMs },
  });
}

function errorCode(err: unknown): string | undefined {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && code !== 'ERR_BAD_REQUEST' && code !== 'ERR_BAD_RESPONSE') return code;
  const cause = typeof err === 'object' && err !== null ? (err as { cause?: unknown }).cause : undefined;
  const inner = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  return typeof inner === 'string' ? inner : undefined;
}
