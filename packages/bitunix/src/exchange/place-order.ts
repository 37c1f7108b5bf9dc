import { ExchangeError, generateClientOrderId, RateLimitError, sleep, type Order, type ResolvedOrder } from '@exkit/core';
import { fromRestOrder } from '../map/order.js';
import { getOrderDetail } from '../rest/endpoints/order-detail.js';
import { placeOrder as placeOrderCall } from '../rest/endpoints/place-order.js';
import { DUPLICATE_CLIENT_ID } from '../rest/error-codes.js';
import { afterAck, synthesize } from './ack-order.js';
import type { BitunixContext } from './context.js';
import { orderItem } from './order-body.js';

/**
 * How long one placement attempt waits out rate-limit refusals (10005/10006). A refusal is definite — the venue took
 * nothing — so the same request under the same client id is simply sent again after the venue's pause, inside the
 * attempt; outcome-unknown failures (timeouts, 5xx) go to core's placement retry and its 3 s budget instead.
 */
export const RATE_LIMIT_WAIT_MS = 15_000;

async function pacedThroughRateLimits<T>(ctx: BitunixContext, send: () => Promise<T>): Promise<T> {
  const deadline = ctx.clock.now() + RATE_LIMIT_WAIT_MS;
  for (;;) {
    try {
      return await send();
    } catch (err) {
      if (!(err instanceof RateLimitError)) throw err;
      const pause = err.retryAfterMs ?? 1_000;
      if (ctx.clock.now() + pause > deadline) throw err;
      await sleep(pause);
    }
  }
}

export async function placeOrder(ctx: BitunixContext, order: ResolvedOrder): Promise<Order> {
  const { market, request } = order;
  const body = orderItem(ctx, order);
  const clientOrderId = request.clientOrderId ?? generateClientOrderId('exk', { clock: ctx.clock });
  return ctx.placementRetry.placeOrder<Order>({
    clientOrderId,
    place: async (cid) => {
      const ack = await pacedThroughRateLimits(ctx, () => placeOrderCall(ctx.rest, { symbol: market.id, ...body, ...(cid !== undefined && { clientId: cid }) }));
      return afterAck(ctx, ack.orderId, market, () => synthesize(ctx, ack.orderId, cid, order));
    },
    // one read per try: the placement budget (3 s), not the read budget, bounds the whole call
    lookup: async (cid) => fromRestOrder(await getOrderDetail(ctx.rest, { clientId: cid }, { retry: false }), market),
    isDuplicateClientOrderId: (err) => err instanceof ExchangeError && err.code === DUPLICATE_CLIENT_ID,
  });
}
