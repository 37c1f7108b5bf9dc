/**
 * Bitunix error codes the simulator answers with (bitunix.md §3/§4, DOC error table, all HTTP 200), and the
 * mapping from the engine's typed refusals (`SimRejection.reason`) to them.
 */
import type { VenueRejection } from '@exkit/core/testing';
import type { RejectReason } from '@exkit/sim';

export interface WireError {
  readonly code: number;
  readonly msg: string;
}

export const E = {
  networkError: { code: 1, msg: 'Network Error' },
  permission: { code: 403, msg: 'This API key does not support this operation' },
  notFound: { code: 404, msg: 'Not Found' },
  unavailable: { code: 10001, msg: 'Network Error' },
  parameter: { code: 10002, msg: 'Parameter Error' },
  emptyKey: { code: 10003, msg: "api-key can't be empty" },
  tooMany: { code: 10005, msg: 'Too many requests, please try again later' },
  tooFrequent: { code: 10006, msg: 'Request too frequently' },
  sign: { code: 10007, msg: 'Sign signature error' },
  insufficientBalance: { code: 20003, msg: 'Insufficient balance' },
  invalidLeverage: { code: 20005, msg: 'Invalid leverage' },
  openOrders: { code: 20006, msg: "You can't change leverage or margin mode as there are open orders" },
  orderNotFound: { code: 20007, msg: 'Order not found, please try it later' },
  positionExists: { code: 20009, msg: 'Position exists, so positions mode cannot be updated' },
  notAllowed: { code: 20012, msg: 'This futures does not allow trading' },
  unknownSymbol: { code: 20015, msg: 'this Futures is not allowed to trade.' },
  batchSize: { code: 20016, msg: 'Batch order exceeded the max size' },
  positionNotExist: { code: 30004, msg: 'Position not exist' },
  orderStatus: { code: 30011, msg: 'Abnormal order status' },
  maxOrders: { code: 30013, msg: 'Exceeded the maximum order quantity' },
  qtyTooSmall: { code: 30016, msg: 'qty too small' },
  belowMinQty: { code: 30017, msg: 'below minimum qty' },
  reduceNoPosition: { code: 30018, msg: 'Reduce-only with no position' },
  reduceSameSide: { code: 30019, msg: 'Reduce-only in same direction as position' },
  aboveMaxQty: { code: 30039, msg: 'order qty > max order qty' },
  triggerPrice: { code: 30041, msg: 'Trigger price must be greater than 0' },
  duplicateClientId: { code: 30042, msg: 'Client ID duplicate' },
  orderStatusItem: { code: 10013, msg: 'Order status error' },
} as const satisfies Record<string, WireError>;

/** `10008 {value} does not comply with the rule, optional [correctValue]` — the venue's enum/format refusal. */
export function ruleError(value: string, alternatives?: readonly string[]): WireError {
  const alt = alternatives === undefined ? '' : `, alternative value ${JSON.stringify(alternatives)}`;
  return { code: 10008, msg: `Parameter ${value} does not match${alt}.` };
}

/** Engine refusal → Bitunix code (the typed error each maps to in the adapter is in its README). */
export function codeOfRejection(reason: RejectReason, message: string): WireError {
  switch (reason) {
    case 'UNKNOWN_SYMBOL':
      return E.unknownSymbol;
    case 'MARKET_HALTED':
      return E.notAllowed;
    case 'INVALID_PARAMETER':
      return { code: 10002, msg: `Parameter Error: ${message}` };
    case 'INVALID_PRICE':
    case 'INVALID_SIZE':
    case 'PRICE_TICK':
    case 'SIZE_STEP':
    case 'POST_ONLY_WOULD_CROSS':
    case 'AMEND_BELOW_FILLED':
    case 'NOTHING_TO_AMEND':
      return { code: 10008, msg: message };
    case 'SIZE_MIN':
      return E.belowMinQty;
    case 'NOTIONAL_MIN':
      return E.qtyTooSmall;
    case 'SIZE_MAX':
      return E.aboveMaxQty;
    case 'DUPLICATE_CLIENT_ORDER_ID':
      return E.duplicateClientId;
    case 'INVALID_TRIGGER':
      return E.triggerPrice;
    case 'REDUCE_ONLY_NO_POSITION':
      return E.reduceNoPosition;
    case 'REDUCE_ONLY_WOULD_INCREASE':
      return E.reduceSameSide;
    case 'INSUFFICIENT_MARGIN':
    case 'INSUFFICIENT_BALANCE':
      return E.insufficientBalance;
    case 'TOO_MANY_ORDERS':
      return E.maxOrders;
    case 'UNKNOWN_ORDER':
      return E.orderNotFound;
    case 'ORDER_CLOSED':
      return E.orderStatus;
    case 'INVALID_LEVERAGE':
      return E.invalidLeverage;
    case 'MODE_CHANGE_BLOCKED':
      return E.openOrders;
    case 'UNKNOWN_API_KEY':
      return E.sign;
    case 'PERMISSION_DENIED':
      return E.permission;
    default:
      return E.unavailable;
  }
}

/** A Bitunix code → the kit's neutral refusal (for `receivedRequests`). */
export function rejectionOfCode(code: number): VenueRejection {
  if (code === 10003 || code === 10007) return 'authentication';
  if (code === 403 || code === 10004 || code === 20011 || code === 20013 || code === 20014 || code === 30040) return 'permission';
  if (code === 10005 || code === 10006) return 'rateLimit';
  if (code === 20003 || code === 20008 || code === 10012) return 'insufficientFunds';
  if (code === 20007 || code === 10013) return 'orderNotFound';
  if (code === 20001 || code === 20012 || code === 20015) return 'badSymbol';
  if (code === 10001) return 'unavailable';
  if (code === 20002 || (code >= 30001 && code <= 30042)) return 'invalidOrder';
  return 'other';
}
