import { isTerminalStatus, OrderNotFoundError, sleep, ZERO, type Market, type Order, type OrderRef, type ResolvedOrder } from '@exkit/core';
import { fromRestOrder } from '../map/order.js';
import { getOrderDetail } from '../rest/endpoints/order-detail.js';
import type { BitunixContext } from './context.js';

/** What the venue holds right after an acknowledgement; `fallback` when it does not show the order yet. */
export async function afterAck(ctx: BitunixContext, orderId: string, market: Market, fallback?: () => Order): Promise<Order> {
  try {
    return fromRestOrder(await getOrderDetail(ctx.rest, { orderId }), market);
  } catch (err) {
    if (err instanceof OrderNotFoundError && fallback !== undefined) return fallback();
    throw err;
  }
}

/** The order as sent, for the moment between the venue's ack and its detail showing it. */
export function synthesize(ctx: BitunixContext, id: string, clientOrderId: string | undefined, order: ResolvedOrder): Order {
  const now = ctx.clock.now();
  const r = order.request;
  const tif = r.timeInForce ?? (r.type === 'market' ? 'ioc' : 'gtc');
  return {
    id,
    ...(clientOrderId !== undefined && { clientOrderId }),
    symbol: order.market.symbol,
    type: r.type,
    side: r.side,
    timeInForce: tif,
    status: 'open',
    ...(order.price !== undefined && { price: order.price }),
    amount: order.amount,
    filled: ZERO,
    remaining: order.amount,
    cost: ZERO,
    reduceOnly: r.reduceOnly === true,
    postOnly: tif === 'post_only',
    timestamp: now,
    updatedAt: now,
  };
}

/** Reads an order until it is terminal (cancel is asynchronous at the venue), at most ~1 s. */
export async function settled(ctx: BitunixContext, market: Market, ref: OrderRef): Promise<Order> {
  let order = await ctx.fetchOrder(market, ref);
  for (let i = 0; i < 5 && !isTerminalStatus(order.status); i++) {
    await sleep(200);
    ctx.assertOpen('cancelOrder');
    order = await ctx.fetchOrder(market, ref);
  }
  return order;
}
