import type { CancelOrderRequest, Market, Order } from '@exkit/core';
import { cancelAllOrders as cancelAllOrdersCall } from '../rest/endpoints/cancel-all-orders.js';
import { cancelOrders } from '../rest/endpoints/cancel-orders.js';
import { settled } from './ack-order.js';
import type { BitunixContext } from './context.js';
import { itemError } from './order-body.js';
import { pendingOrders } from './paging.js';

export async function cancelOrder(ctx: BitunixContext, market: Market, request: CancelOrderRequest): Promise<Order> {
  const item = request.id !== undefined ? { orderId: request.id } : { clientId: request.clientOrderId as string };
  const result = await cancelOrders(ctx.rest, { symbol: market.id, orderList: [item] });
  const failure = result.failureList[0];
  if (failure !== undefined && result.successList.length === 0) throw itemError(ctx, failure.errorCode, failure.errorMsg, 'orderNotFound');
  const id = result.successList[0]?.orderId ?? request.id;
  // The reply is an acknowledgement only ("please use the websocket push message", §5): read the order until it shows the cancel.
  return settled(ctx, market, id !== undefined ? { symbol: market.symbol, id } : request);
}

export async function cancelAllOrders(ctx: BitunixContext, market: Market | undefined): Promise<readonly string[]> {
  const before = await pendingOrders(ctx, market === undefined ? {} : { symbol: market.id });
  const result = await cancelAllOrdersCall(ctx.rest, market === undefined ? {} : { symbol: market.id });
  const ids = new Set(result.successList.map((s) => s.orderId));
  const refused = new Set(result.failureList.map((f) => f.orderId ?? f.id).filter((x): x is string => x !== undefined));
  // Some replies list nothing (`data: ""`): the orders open before the call and not refused are the ones canceled.
  if (ids.size === 0) for (const o of before) if (!refused.has(o.orderId)) ids.add(o.orderId);
  return [...ids];
}
