/**
 * SimRejection reason → Bybit V5 retCode (reference bybit-v5.md §4). Derivative (11xxxx) and spot
 * (17xxxx) tables differ; where the reference names no specific code the generic parameter error
 * 10001 is used.
 */
import type { VenueRejection } from '@exkit/core/testing';
import type { RejectReason } from '@exkit/sim';

type Pair = readonly [linear: number, spot: number];

const CODES: Readonly<Record<RejectReason, Pair>> = {
  UNKNOWN_SYMBOL: [10001, 10001],
  MARKET_HALTED: [110074, 10001],
  INVALID_PARAMETER: [10001, 10001],
  INVALID_PRICE: [10001, 170130],
  INVALID_SIZE: [10001, 170130],
  PRICE_TICK: [10001, 170134],
  SIZE_STEP: [10001, 170137],
  SIZE_MIN: [10001, 170136],
  SIZE_MAX: [10001, 170382],
  NOTIONAL_MIN: [110094, 170140],
  DUPLICATE_CLIENT_ORDER_ID: [110072, 170141],
  INVALID_TRIGGER: [110092, 10001],
  POST_ONLY_WOULD_CROSS: [10001, 170218],
  REDUCE_ONLY_NO_POSITION: [110017, 10001],
  REDUCE_ONLY_WOULD_INCREASE: [110017, 10001],
  INSUFFICIENT_MARGIN: [110007, 170131],
  INSUFFICIENT_BALANCE: [110007, 170131],
  TOO_MANY_ORDERS: [110020, 170810],
  UNKNOWN_ORDER: [110001, 170213],
  ORDER_CLOSED: [110001, 170213],
  AMEND_BELOW_FILLED: [110064, 10001],
  NOTHING_TO_AMEND: [10001, 10001],
  INVALID_LEVERAGE: [10001, 10001],
  MODE_CHANGE_BLOCKED: [110024, 10001],
  UNKNOWN_API_KEY: [10003, 10003],
  PERMISSION_DENIED: [10005, 10005],
  UNKNOWN_ACCOUNT: [10007, 10007],
};

export function retCodeOf(reason: RejectReason, category: string | undefined): number {
  const pair = CODES[reason];
  return category === 'spot' ? pair[1] : pair[0];
}

/** Well-known codes the front answers itself. */
export const RET = {
  OK: 0,
  PARAM: 10001,
  TIMESTAMP: 10002,
  API_KEY: 10003,
  SIGN: 10004,
  PERMISSION: 10005,
  RATE_LIMIT: 10006,
  SERVER: 10016,
  ROUTE: 10017,
  LEVERAGE_NOT_MODIFIED: 110043,
} as const;

const REJECTION: ReadonlyArray<readonly [ReadonlySet<number>, VenueRejection]> = [
  [new Set([10003, 10004, 10007]), 'authentication'],
  [new Set([10005, 10008, 10009, 10010]), 'permission'],
  [new Set([10006, 10018]), 'rateLimit'],
  [new Set([10002]), 'timestamp'],
  [new Set([110004, 110006, 110007, 110012, 110044, 110045, 170131]), 'insufficientFunds'],
  [new Set([110001, 110008, 110010, 170213]), 'orderNotFound'],
];

/** retCode → the kit's neutral rejection (for the request log). */
export function rejectionOf(retCode: number, reason?: RejectReason): VenueRejection {
  if (reason === 'UNKNOWN_SYMBOL') return 'badSymbol';
  for (const [codes, r] of REJECTION) if (codes.has(retCode)) return r;
  return 'invalidOrder';
}
