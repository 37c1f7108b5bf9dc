import { createError, type ErrorKind, type ExchangeError } from '@exkit/core';

/**
 * Venue error codes → core error kinds. Source: reference bitunix.md §4 (DOC `ErrorCode/error_code.html`
 * via TRANS `error_code.md`, DEMO `Demo/Golang/error_codes.go`, CCXT `exceptions.exact`, PROBE for 1 and
 * 404). Every code arrives with HTTP 200 inside `{code, data: null, msg}`.
 * `invalidArgument` is core's "invalid request" kind (the caller asked for something the venue refuses).
 */
const EXACT: Readonly<Record<number, ErrorKind>> = {
  1: 'invalidArgument', // "Network Error" observed for a missing required parameter (PROBE), not in the table
  403: 'permission', // "This API key does not support this operation"
  404: 'invalidArgument', // unknown path (PROBE)
  10001: 'unavailable', // "Network Error"
  10002: 'invalidArgument',
  10003: 'authentication', // api-key can't be empty
  10004: 'permission', // IP not in the whitelist (CCXT: PermissionDenied)
  10005: 'rateLimit',
  10006: 'rateLimit',
  10007: 'authentication', // Sign signature error
  10008: 'invalidArgument', // on order endpoints: invalidOrder (see errorKindFor)
  10012: 'insufficientFunds', // batch/cancel failureList example
  10013: 'orderNotFound', // "Order status error" in cancel failureList: the order is no longer open (CCXT raises OrderNotFound)
  20001: 'badSymbol',
  20002: 'invalidOrder',
  20003: 'insufficientFunds',
  20004: 'invalidArgument',
  20005: 'invalidArgument',
  20006: 'invalidArgument',
  20007: 'orderNotFound',
  20008: 'insufficientFunds',
  20009: 'invalidArgument',
  20010: 'invalidArgument',
  20011: 'permission',
  20012: 'badSymbol',
  20013: 'permission',
  20014: 'permission',
  20015: 'badSymbol', // live: "this Futures is not allowed to trade." for unknown/delisted symbols
  20016: 'invalidArgument',
  200014: 'invalidArgument', // change_position_mode page; like 20009
  30012: 'invalidArgument', // "Already added to favorite"
  30040: 'permission',
};

/** Paths whose 10008 is about the order itself (bitunix.md §4 "10008 (on order endpoints)"). */
const ORDER_PATH = /\/api\/v1\/futures\/(trade|tpsl)\//;

export function errorKindFor(code: number, path?: string): ErrorKind | undefined {
  if (code === 10008 && path !== undefined && ORDER_PATH.test(path)) return 'invalidOrder';
  const exact = EXACT[code];
  if (exact !== undefined) return exact;
  // 30001–30039 and 30041–30042: order / TP-SL validation (30042 = duplicate client id).
  if (code >= 30001 && code <= 30042) return 'invalidOrder';
  // 40001–40008: copy-trading / sub-account errors.
  if (code >= 40001 && code <= 40008) return 'invalidArgument';
  return undefined;
}

/** Bitunix asks for ≥ 1 s after 10005/10006 (PROBE recommends a 1 000 ms pause); no Retry-After is ever sent. */
export const RATE_LIMIT_PAUSE_MS = 1_000;

/** Duplicate client order id (bitunix.md §4: 30042 "Client ID duplicate"). */
export const DUPLICATE_CLIENT_ID = 30042;

/**
 * The typed error for a venue code; an unmapped code is an UnexpectedResponseError (core's rule:
 * never guess a kind). `msg` is the venue's text (the transport scrubs it before it leaves).
 */
export function bitunixError(code: number, msg: string, context: { readonly exchange: string; readonly path?: string; readonly method?: string }): ExchangeError {
  const kind = errorKindFor(code, context.path) ?? 'unexpected';
  const where = context.path === undefined ? '' : ` ${context.method ?? ''} ${context.path}`.trimEnd();
  const text = kind === 'unexpected' ? `unmapped error code ${code}: ${msg}` : msg;
  return createError(kind, `${context.exchange}${where}: ${text} (code ${code})`, {
    exchange: context.exchange,
    code,
    ...(kind === 'rateLimit' && { retryAfterMs: RATE_LIMIT_PAUSE_MS }),
    // an unmapped code has no typed meaning: its cause is the venue's own answer
    ...(kind === 'unexpected' && { cause: new Error(`venue answered code ${code}: ${msg}`) }),
    details: { venueMessage: msg, ...(context.path !== undefined && { endpoint: context.path }) },
  });
}
