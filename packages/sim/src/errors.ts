/**
 * Why the venue refused a request. Exchange-neutral on purpose: each front maps a reason to its own
 * venue code (e.g. `PRICE_TICK` → one venue's "price has too many decimals", another's "10008").
 */
export const REJECT_REASONS = [
  /** No instrument by that symbol. */
  'UNKNOWN_SYMBOL',
  /** The market is halted: no new orders or amends (cancels still work). */
  'MARKET_HALTED',
  /** A missing, contradictory or unsupported parameter (limit without price, reduce-only on spot, …). */
  'INVALID_PARAMETER',
  /** Price ≤ 0. */
  'INVALID_PRICE',
  /** Size ≤ 0. */
  'INVALID_SIZE',
  /** Price not a multiple of the tick size. */
  'PRICE_TICK',
  /** Size not a multiple of the lot step. */
  'SIZE_STEP',
  /** Size below the instrument minimum. */
  'SIZE_MIN',
  /** Size above the instrument maximum (or the market-order maximum). */
  'SIZE_MAX',
  /** price × size below the instrument's minimum notional. */
  'NOTIONAL_MIN',
  /** Another live order of the account carries this client order id. */
  'DUPLICATE_CLIENT_ORDER_ID',
  /** Trigger price ≤ 0, or on the wrong side of the reference for the requested direction. */
  'INVALID_TRIGGER',
  /** A post-only order would take liquidity (only when `postOnlyCross: 'reject'`; otherwise it is canceled). */
  'POST_ONLY_WOULD_CROSS',
  /** Reduce-only with no position to reduce. */
  'REDUCE_ONLY_NO_POSITION',
  /** Reduce-only on the same side as the position (it would increase it). */
  'REDUCE_ONLY_WOULD_INCREASE',
  /** Not enough free margin (derivatives) for the initial margin the order needs. */
  'INSUFFICIENT_MARGIN',
  /** Not enough free balance (spot) for what the order locks. */
  'INSUFFICIENT_BALANCE',
  /** The account already has the maximum number of live orders on the market. */
  'TOO_MANY_ORDERS',
  /** No order with that id / client order id for this account (and symbol, when given). */
  'UNKNOWN_ORDER',
  /** The order exists but is terminal (filled, canceled, rejected): it cannot be canceled or amended. */
  'ORDER_CLOSED',
  /** Amended size ≤ the size already filled. */
  'AMEND_BELOW_FILLED',
  /** An amend that changes nothing. */
  'NOTHING_TO_AMEND',
  /** Leverage ≤ 0, above the instrument maximum, or on a spot market. */
  'INVALID_LEVERAGE',
  /** Margin mode cannot change while the market has a position or open orders. */
  'MODE_CHANGE_BLOCKED',
  /** The API key is unknown. */
  'UNKNOWN_API_KEY',
  /** The API key lacks the permission (a read-only key placing an order). */
  'PERMISSION_DENIED',
  /** No such account. */
  'UNKNOWN_ACCOUNT',
] as const;

export type RejectReason = (typeof REJECT_REASONS)[number];

/** Thrown by every venue call that refuses; the venue state is unchanged when it is thrown. */
export class SimRejection extends Error {
  override readonly name = 'SimRejection';
  readonly reason: RejectReason;
  constructor(reason: RejectReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

/**
 * Throws a refusal. Refusals are ordinary answers of a venue (a front turns them into error codes),
 * so they are built without a stack trace: capturing one cost more than the check that failed.
 */
export function reject(reason: RejectReason, message: string): never {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    throw new SimRejection(reason, message);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Why an accepted order ended canceled (or rejected after its trigger fired). */
export const CANCEL_REASONS = [
  'user',
  'cancelAll',
  /** IOC (and market) remainder that found no more liquidity. */
  'ioc',
  /** FOK that could not fill completely at once. */
  'fok',
  /** Post-only that would have taken liquidity (`postOnlyCross: 'cancel'`). */
  'postOnly',
  /** Reduce-only remainder larger than the position. */
  'reduceOnly',
  /** Canceled by the liquidation engine before it closed the position. */
  'liquidation',
  /** A conditional order whose triggered order was refused (the reject reason is on the order). */
  'triggerFailed',
  /** The market was halted. */
  'halted',
] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];
