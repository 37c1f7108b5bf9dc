import type { BackoffOptions, RetryPolicy } from '@exkit/core';

/** Test and tuning knobs that are not user options. */
export interface BybitInternals {
  readonly heartbeat?: { readonly intervalMs?: number; readonly timeoutMs?: number };
  readonly backoff?: BackoffOptions;
  /** Retry policy for reads and order placement (default `new RetryPolicy()`). */
  readonly retry?: RetryPolicy;
  /**
   * Waits between re-reads of an order after a create/amend/cancel acknowledgement, until the
   * order shows the change (Bybit acknowledges before the order state is final, reference §5).
   */
  readonly ackPollDelaysMs?: readonly number[];
}
