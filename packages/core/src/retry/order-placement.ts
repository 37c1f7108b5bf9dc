import { OrderNotFoundError, RateLimitError } from '../errors/error-classes.js';
import { isOutcomeUnknown } from './classify.js';
import type { RetryPolicy } from './retry-policy.js';

export interface PlacementOptions<T> {
  /**
   * The id every attempt carries (`generateClientOrderId()` when the caller gave none). Without
   * one the placement runs exactly once: a blind retry could open a second position.
   */
  readonly clientOrderId: string | undefined;
  /** Sends the order with exactly this client order id. */
  readonly place: (clientOrderId: string | undefined, attempt: number) => Promise<T>;
  /**
   * Finds the order by client order id (exchange-supplied, e.g. venue A `GET /v5/order/realtime?orderLinkId=`);
   * resolves undefined — or rejects with OrderNotFoundError — when the venue has no such order.
   */
  readonly lookup: (clientOrderId: string) => Promise<T | undefined>;
  /**
   * Recognises the venue refusing a *repeat* because the client order id is taken (venue A 110072,
   * venue B 30042): the first attempt landed after all (the lookup was too early), so it is looked
   * up again instead of failing.
   */
  readonly isDuplicateClientOrderId?: (err: unknown) => boolean;
  readonly signal?: AbortSignal;
}

/**
 * Places an order so that it lands at most once.
 * - No client order id: one attempt, never repeated.
 * - Rejected before execution (venue rate limit): repeated after the backoff / retry-after.
 * - Outcome unknown (connection lost, timeout, 5xx): after the backoff, looks the order up by its
 *   client order id; if it is there, that order is the result; if not, re-sends with the same id.
 *   The venue's own uniqueness check on the id is the final guard, see `isDuplicateClientOrderId`.
 * - Anything else (invalid order, insufficient funds, auth): thrown at once.
 * If the lookups keep failing the placement error is thrown: the order may exist — look it up later.
 */
export async function placeOrderWithRetry<T>(policy: RetryPolicy, options: PlacementOptions<T>): Promise<T> {
  const { clientOrderId, signal } = options;
  const startedAt = policy.now();
  let previousDelay = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await options.place(clientOrderId, attempt);
    } catch (err) {
      if (clientOrderId === undefined || signal?.aborted) throw err;
      if (attempt > 1 && options.isDuplicateClientOrderId?.(err) === true) {
        const found = await lookup(policy, options, clientOrderId);
        if (found !== undefined) return found;
        throw err;
      }
      const unknownOutcome = isOutcomeUnknown(err);
      if (!unknownOutcome && !(err instanceof RateLimitError && policy.isRetryable(err))) throw err;
      const delay = policy.nextDelay(attempt, err, startedAt, previousDelay);
      if (delay === undefined) {
        // Out of attempts: one last look, so a landed order is not reported as a failure.
        const found = unknownOutcome ? await lookup(policy, options, clientOrderId).catch(() => undefined) : undefined;
        if (found !== undefined) return found;
        throw err;
      }
      previousDelay = delay;
      await policy.wait(attempt, delay, err, 'placement', signal);
      if (unknownOutcome) {
        let found: T | undefined;
        try {
          found = await lookup(policy, options, clientOrderId);
        } catch {
          // Cannot tell whether it landed: re-sending could duplicate it, so report the original failure.
          throw err;
        }
        if (found !== undefined) return found;
      }
    }
  }
}

/** The lookup is a read: it gets the policy's own retries. Not-found is an answer, not a failure. */
function lookup<T>(policy: RetryPolicy, options: PlacementOptions<T>, clientOrderId: string): Promise<T | undefined> {
  return policy.run(
    async () => {
      try {
        return await options.lookup(clientOrderId);
      } catch (err) {
        if (err instanceof OrderNotFoundError) return undefined;
        throw err;
      }
    },
    { idempotent: true, kind: 'lookup', ...(options.signal !== undefined && { signal: options.signal }) },
  );
}
