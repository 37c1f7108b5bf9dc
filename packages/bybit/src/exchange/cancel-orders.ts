import { isTerminalStatus, OrderNotFoundError, type CancelOrderRequest, type Market, type Order } from '@exkit/core';
import { cancelAllOrders as postCancelAll, type CancelAllBody } from '../rest/endpoints/order-cancel-all.js';
import { categoryOf } from '../ws/public-streams.js';
import type { BybitContext } from './context.js';
import { settleCoins } from './native-markets.js';
import { afterAck } from './order-lookup.js';
import { submitOrder, type OrderAck } from './order-submit.js';

/** Cancels one order (spot conditional ones under `orderFilter=StopOrder`), then reads it back until terminal. */
export async function cancelOrder(ctx: BybitContext, market: Market, request: CancelOrderRequest): Promise<Order> {
  const category = categoryOf(market);
  const ref = request.id !== undefined ? { orderId: request.id } : { orderLinkId: request.clientOrderId };
  let ack: OrderAck;
  try {
    ack = await submitOrder(ctx, 'cancel', { category, symbol: market.id, ...ref });
  } catch (err) {
    // Spot conditional orders are only found under orderFilter=StopOrder (DOCS cancel-order.mdx).
    if (category !== 'spot' || !(err instanceof OrderNotFoundError)) throw err;
    try {
      ack = await submitOrder(ctx, 'cancel', { category, symbol: market.id, ...ref, orderFilter: 'StopOrder' });
    } catch {
      throw err;
    }
  }
  const orderId = ack.result.orderId;
  return afterAck(ctx, market, orderId, (o) => o !== undefined && isTerminalStatus(o.status), () => {
    throw new OrderNotFoundError(`${ctx.id}: order ${orderId} was cancelled but cannot be read back`, { exchange: ctx.id });
  });
}

/**
 * Cancels everything on one market or everywhere. Linear without a symbol goes per settle coin
 * (the venue needs one); spot is asked twice, since its cancel-all takes only `Order` unless told
 * `StopOrder` (DOCS `docs/v5/order/cancel-all.mdx`). Returns the cancelled order ids.
 */
export async function cancelAllOrders(ctx: BybitContext, market: Market | undefined): Promise<readonly string[]> {
  await ctx.loadMarkets();
  const calls: CancelAllBody[] = [];
  for (const category of market === undefined ? ctx.categories : [categoryOf(market)]) {
    const scopes: Array<{ symbol?: string; settleCoin?: string }> =
      market !== undefined ? [{ symbol: market.id }] : category === 'linear' ? settleCoins(ctx.registry()).map((settleCoin) => ({ settleCoin })) : [{}];
    for (const scope of scopes) {
      calls.push({ category, ...scope });
      if (category === 'spot') calls.push({ category, ...scope, orderFilter: 'StopOrder' });
    }
  }
  const ids = new Set<string>();
  for (const body of calls) {
    const res = await postCancelAll(ctx.rest, body);
    for (const o of res.result.list) ids.add(o.orderId);
  }
  return [...ids];
}
