import { ExchangeError, type ExchangeErrorOptions } from './exchange-error.js';

/** Key unknown, signature wrong, key expired or IP not allowed. */
export class AuthenticationError extends ExchangeError {
  constructor(message: string, options: ExchangeErrorOptions) {
    super(message, options, false);
  }
}

/** The key is valid but not allowed to do this (read-only key placing an order). */
export class PermissionError extends ExchangeError {
  constructor(message: string, options: ExchangeErrorOptions) {
    super(message, options, false);
  }
}

/** The venue's limit was hit (or the local queue is full). `retryAfterMs` says when to try again. */
export class RateLimitError extends ExchangeError {
  constructor(message: string, options: ExchangeErrorOptions) {
    super(message, options, true);
  }
}

/** The order is malformed or breaks a market rule (tick, step, min size, post-only would cross…). */
export class InvalidOrderError extends ExchangeError {
  constructor(message: string, options: ExchangeErrorOptions) {
    super(message, options, false);
  }
}

export class InsufficientFundsError extends ExchangeError {
  constructor(message: string, options: ExchangeErrorOptions) {
    super(message, options, false);
  }
}

export class OrderNotFoundError extends ExchangeError {
  constructor(message: string, options: ExchangeErrorOptions) {
    super(message, options, false);
  }
}

/** Unknown or ambiguous symbol; raised before any request. */
export class BadSymbolError extends ExchangeError {
  constructor(message: string, options: ExchangeErrorOptions) {
    super(message, options, false);
  }
}

/** The venue rejected the request timestamp (clock skew beyond the receive window). */
export class TimestampError extends ExchangeError {
  constructor(message: string, options: ExchangeErrorOptions) {
    super(message, options, true);
  }
}

/** Connection refused or reset, DNS failure, timeout: the request may or may not have arrived. */
export class NetworkError extends ExchangeError {
  constructor(message: string, options: ExchangeErrorOptions) {
    super(message, options, true);
  }
}

/** The venue is in maintenance, overloaded, or answered 5xx. */
export class ExchangeUnavailableError extends ExchangeError {
  constructor(message: string, options: ExchangeErrorOptions) {
    super(message, options, true);
  }
}

/** The venue answered something that does not match its documented schema, or an unmapped error code. */
export class UnexpectedResponseError extends ExchangeError {
  /** Where in the payload it went wrong (zod issue path), e.g. `result.list.0.price`. */
  readonly path?: string;
  constructor(message: string, options: ExchangeErrorOptions & { readonly path?: string }) {
    super(message, options, false);
    if (options.path !== undefined) this.path = options.path;
  }
}

/** The caller asked for something the adapter does not support (capability declared false). */
export class NotSupportedError extends ExchangeError {
  constructor(message: string, options: ExchangeErrorOptions) {
    super(message, options, false);
  }
}

/** Bad arguments from the caller (not an order rule): a typed error raised before any request. */
export class InvalidArgumentError extends ExchangeError {
  constructor(message: string, options: ExchangeErrorOptions) {
    super(message, options, false);
  }
}

/** A call on an exchange or stream after `close()`. */
export class ClosedError extends ExchangeError {
  constructor(message: string, options: ExchangeErrorOptions) {
    super(message, options, false);
  }
}

/** A stream consumer fell behind and a bounded queue overflowed: never silent loss. */
export class StreamOverflowError extends ExchangeError {
  constructor(message: string, options: ExchangeErrorOptions) {
    super(message, options, false);
  }
}

export const ERROR_CLASSES = [
  AuthenticationError,
  PermissionError,
  RateLimitError,
  InvalidOrderError,
  InsufficientFundsError,
  OrderNotFoundError,
  BadSymbolError,
  TimestampError,
  NetworkError,
  ExchangeUnavailableError,
  UnexpectedResponseError,
  NotSupportedError,
  InvalidArgumentError,
  ClosedError,
  StreamOverflowError,
] as const;

export type ErrorKind =
  | 'authentication'
  | 'permission'
  | 'rateLimit'
  | 'invalidOrder'
  | 'insufficientFunds'
  | 'orderNotFound'
  | 'badSymbol'
  | 'timestamp'
  | 'network'
  | 'unavailable'
  | 'unexpected'
  | 'notSupported'
  | 'invalidArgument';

const KIND_TO_CLASS: Record<ErrorKind, new (message: string, options: ExchangeErrorOptions) => ExchangeError> = {
  authentication: AuthenticationError,
  permission: PermissionError,
  rateLimit: RateLimitError,
  invalidOrder: InvalidOrderError,
  insufficientFunds: InsufficientFundsError,
  orderNotFound: OrderNotFoundError,
  badSymbol: BadSymbolError,
  timestamp: TimestampError,
  network: NetworkError,
  unavailable: ExchangeUnavailableError,
  unexpected: UnexpectedResponseError,
  notSupported: NotSupportedError,
  invalidArgument: InvalidArgumentError,
};

/** Builds the error for a kind: how venue error-code maps (`{ 110007: 'insufficientFunds' }`) become typed errors. */
export function createError(kind: ErrorKind, message: string, options: ExchangeErrorOptions): ExchangeError {
  return new KIND_TO_CLASS[kind](message, options);
}
