import type { ErrorKind } from '@exkit/core';

/**
 * Bybit retCode → typed error kind (reference §4, from DOCS `docs/v5/error.mdx` and CCXT
 * `ts/src/bybit.ts` `exceptions.exact`).
 *
 * - `invalidRequest`: a parameter the venue refused. On order endpoints (`/v5/order/*`) that is an
 *   InvalidOrderError (the caller's order is malformed), elsewhere an InvalidArgumentError.
 * - `noChange`: "not modified". Success on the idempotent setter that produces it (see
 *   `NO_CHANGE_PATHS`); anywhere else the request was not what the venue expected (InvalidArgument).
 */
export type RetCodeKind = ErrorKind | 'invalidRequest' | 'noChange';

export interface RetCodeRule {
  readonly kind: RetCodeKind;
  /** DOCS meaning, for the README table and messages. */
  readonly meaning: string;
}

const rule = (kind: RetCodeKind, meaning: string): RetCodeRule => ({ kind, meaning });

/** REST (and private/public stream) retCodes. */
export const RET_CODES: Readonly<Record<number, RetCodeRule>> = {
  [-1]: rule('timestamp', 'request expired'),
  429: rule('unavailable', 'trading service under high load'),
  [-2015]: rule('authentication', 'api key expired (spot)'),
  33004: rule('authentication', 'api key expired (derivatives)'),
  10000: rule('unavailable', 'server timeout'),
  10001: rule('invalidRequest', 'request parameter error'),
  10002: rule('timestamp', 'request time outside the recv window'),
  10003: rule('authentication', 'API key invalid or key/domain mismatch'),
  10004: rule('authentication', 'signature error'),
  10005: rule('permission', 'permission denied for this key'),
  10006: rule('rateLimit', 'too many visits'),
  10007: rule('authentication', 'user authentication failed'),
  10008: rule('permission', 'common banned / check account mode'),
  10009: rule('permission', 'region restricted'),
  10010: rule('permission', 'unmatched IP'),
  10014: rule('invalidRequest', 'invalid duplicate request'),
  10016: rule('unavailable', 'server error / service restarting'),
  10017: rule('invalidRequest', 'route not found'),
  10018: rule('rateLimit', 'IP rate limit'),
  10024: rule('permission', 'compliance rules triggered'),
  10027: rule('permission', 'transactions banned'),
  10028: rule('permission', 'UTA-only endpoint'),
  10029: rule('permission', 'symbol not in whitelist'),
  100028: rule('permission', 'endpoint not for unified accounts'),
  // derivatives orders and positions
  110001: rule('orderNotFound', 'order does not exist'),
  110003: rule('invalidOrder', 'price out of allowed range'),
  110004: rule('insufficientFunds', 'wallet balance insufficient'),
  110006: rule('insufficientFunds', "assets can't cover position margin"),
  110007: rule('insufficientFunds', 'available balance insufficient'),
  110008: rule('orderNotFound', 'order already completed or cancelled'),
  110009: rule('invalidOrder', 'too many stop orders'),
  110010: rule('orderNotFound', 'order has been cancelled'),
  110012: rule('insufficientFunds', 'insufficient available balance'),
  110013: rule('invalidRequest', 'cannot set leverage due to risk limit'),
  110014: rule('insufficientFunds', 'insufficient balance to add margin'),
  110017: rule('invalidOrder', 'orderQty truncated to zero (reduce-only)'),
  110019: rule('invalidOrder', 'order id illegal'),
  110020: rule('invalidOrder', 'more than 500 active orders'),
  110021: rule('invalidOrder', 'exceeds position limit due to open interest'),
  110022: rule('invalidOrder', 'qty restricted, cannot increase'),
  110023: rule('invalidOrder', 'reduce-only symbol'),
  110024: rule('invalidRequest', 'cannot switch position mode: position exists'),
  110025: rule('noChange', 'position mode not modified'),
  110026: rule('noChange', 'margin mode not modified'),
  110027: rule('noChange', 'margin not modified'),
  110028: rule('invalidRequest', 'cannot switch position mode: open orders exist'),
  110040: rule('invalidOrder', 'order would trigger liquidation'),
  110043: rule('noChange', 'set leverage not modified'),
  110044: rule('insufficientFunds', 'available margin insufficient'),
  110045: rule('insufficientFunds', 'wallet balance insufficient'),
  110051: rule('insufficientFunds', "balance can't cover latest price (market)"),
  110052: rule('insufficientFunds', "balance can't cover order price (limit)"),
  110053: rule('insufficientFunds', "balance can't cover order price"),
  110057: rule('invalidOrder', 'TP/SL params not allowed on this order'),
  110064: rule('invalidOrder', 'modified qty not above filled qty'),
  110072: rule('invalidOrder', 'orderLinkId duplicate'),
  110074: rule('invalidOrder', 'contract not live'),
  110079: rule('unavailable', 'order processing, try later'),
  110092: rule('invalidOrder', 'trigger price vs. triggerDirection mismatch (rising)'),
  110093: rule('invalidOrder', 'trigger price vs. triggerDirection mismatch (falling)'),
  110094: rule('invalidOrder', 'order notional below lower limit'),
  34040: rule('noChange', 'TP/SL not modified'),
  // spot
  170001: rule('unavailable', 'internal error'),
  170234: rule('unavailable', 'system error'),
  170007: rule('unavailable', 'backend timeout'),
  170005: rule('rateLimit', 'too many new orders'),
  170222: rule('rateLimit', 'too many requests in this time frame'),
  170131: rule('insufficientFunds', 'balance insufficient'),
  170033: rule('insufficientFunds', 'margin insufficient'),
  170034: rule('insufficientFunds', 'liability overflow'),
  170213: rule('orderNotFound', 'order does not exist'),
  170139: rule('orderNotFound', 'order already filled'),
  170142: rule('orderNotFound', 'order already cancelled'),
  170143: rule('orderNotFound', 'order not on book'),
  170190: rule('orderNotFound', 'cancel already finished'),
  170141: rule('invalidOrder', 'duplicate clientOrderId'),
  170105: rule('invalidRequest', 'parameter empty'),
  170115: rule('invalidRequest', 'invalid timeInForce'),
  170116: rule('invalidRequest', 'invalid orderType'),
  170117: rule('invalidRequest', 'invalid side'),
  170121: rule('invalidRequest', 'invalid symbol'),
  170130: rule('invalidRequest', 'invalid parameter value'),
  170124: rule('invalidOrder', 'order amount too large'),
  170132: rule('invalidOrder', 'order price too high'),
  170133: rule('invalidOrder', 'order price lower than the minimum'),
  170134: rule('invalidOrder', 'order price decimal too long'),
  170136: rule('invalidOrder', 'order quantity lower than the minimum'),
  170137: rule('invalidOrder', 'order quantity decimal too long'),
  170140: rule('invalidOrder', 'order value below the minimum'),
  170148: rule('invalidOrder', 'market order amount decimal too long'),
  170381: rule('invalidOrder', 'order value too low'),
  170382: rule('invalidOrder', 'order quantity too large'),
  170193: rule('invalidOrder', 'buy order price cannot be higher'),
  170194: rule('invalidOrder', 'sell order price cannot be lower'),
  170217: rule('invalidOrder', 'only LIMIT-MAKER allowed'),
  170218: rule('invalidOrder', 'LIMIT-MAKER order rejected'),
  170810: rule('invalidOrder', 'too many conditional/TP-SL/active orders'),
};

/**
 * Order-entry over WebSocket (`/v5/trade`, reference §4 "WebSocket-specific codes"): the same
 * numbers as REST where they agree, plus its own — note 10003 means "too many sessions" there.
 */
export const WS_TRADE_CODES: Readonly<Record<number, RetCodeRule>> = {
  10404: rule('notSupported', 'op not found or category unsupported'),
  10429: rule('rateLimit', 'system frequency protection'),
  10403: rule('rateLimit', 'IP rate limit (3000 req/s)'),
  10003: rule('rateLimit', 'too many sessions under the same UID'),
  10016: rule('unavailable', 'internal error / restarting'),
  10019: rule('unavailable', 'trade service restarting, open a new connection'),
  20003: rule('rateLimit', 'too frequent requests in the same session'),
  20006: rule('invalidRequest', 'duplicated reqId'),
  20001: rule('invalidRequest', 'repeat auth'),
};

/** Idempotent setters whose "not modified" code means the state already is what was asked. */
export const NO_CHANGE_PATHS: Readonly<Record<string, readonly number[]>> = {
  '/v5/position/set-leverage': [110043],
  '/v5/position/switch-mode': [110025],
  '/v5/position/switch-isolated': [110026],
  '/v5/position/set-tpsl-mode': [34040],
  '/v5/position/trading-stop': [34040],
};

/** Codes meaning the client order id is taken (for core's placement retry). */
export const DUPLICATE_CLIENT_ORDER_ID_CODES: ReadonlySet<number> = new Set([110072, 170141]);

export type RetCodeVerdict = { readonly kind: ErrorKind; readonly meaning: string } | { readonly kind: 'noChange'; readonly meaning: string } | undefined;

/**
 * The typed kind for a non-zero retCode on `path`, `noChange` when it is success, undefined when
 * unmapped (the caller reports UnexpectedResponse carrying code and message).
 */
export function classifyRetCode(code: number, path: string, table: Readonly<Record<number, RetCodeRule>> = RET_CODES): RetCodeVerdict {
  const r = table[code] ?? (table === RET_CODES ? undefined : RET_CODES[code]);
  if (r === undefined) return undefined;
  if (r.kind === 'noChange') {
    return NO_CHANGE_PATHS[path]?.includes(code) === true ? { kind: 'noChange', meaning: r.meaning } : { kind: 'invalidArgument', meaning: r.meaning };
  }
  if (r.kind === 'invalidRequest') return { kind: isOrderPath(path) ? 'invalidOrder' : 'invalidArgument', meaning: r.meaning };
  return { kind: r.kind, meaning: r.meaning };
}

export function isOrderPath(path: string): boolean {
  return path.startsWith('/v5/order/') || path.startsWith('order.');
}
