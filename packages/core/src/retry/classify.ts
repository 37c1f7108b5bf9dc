import { ClosedError, ExchangeUnavailableError, NetworkError, RateLimitError, TimestampError } from '../errors/error-classes.js';
import { ExchangeError } from '../errors/exchange-error.js';
import { LOCAL_QUEUE_FULL } from '../ratelimit/rate-limiter.js';

/**
 * Default rule for repeating a *read*: the error says `retryable`, except
 * - TimestampError: repeating with the same clock fails the same way; the transport resyncs and
 *   retries once instead;
 * - a full local rate-limit queue: retrying only re-joins the queue that is already too long.
 */
export function isRetryableError(err: unknown): boolean {
  if (!(err instanceof ExchangeError) || err instanceof ClosedError || err instanceof TimestampError) return false;
  if (err instanceof RateLimitError && err.details?.['reason'] === LOCAL_QUEUE_FULL) return false;
  return err.retryable;
}

/**
 * The request may have reached the venue and been executed: the connection failed after sending,
 * the call timed out, or the venue answered 5xx / "server timeout". For a write, only a lookup can
 * tell whether it landed.
 */
export function isOutcomeUnknown(err: unknown): boolean {
  return err instanceof NetworkError || err instanceof ExchangeUnavailableError;
}
