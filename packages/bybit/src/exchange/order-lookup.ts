import { OrderNotFoundError, sleep, type Market, type Order, type OrderRef } from '@exkit/core';
import type { BybitCategory } from '../environments.js';
import { mapOrder } from '../map/order.js';
import { getOrderHistory } from '../rest/endpoints/order-history.js';
import { getRealtimeOrders } from '../rest/endpoints/order-realtime.js';
import type { WireOrder } from '../rest/schemas/trade.js';
import { categoryOf } from '../ws/public-streams.js';
import type { BybitContext } from './context.js';

const BLOCK_TRADE_ORDER_TYPES = new Set(['Block trade Roll Back', 'Block trade-Limit']);

/** A listed row → Order; rows of markets not loaded (dated futures) and block-trade rows are skipped. */
export function mapListed(ctx: BybitContext, category: BybitCategory, row: WireOrder): Order | undefined {
  const market = ctx.marketFor(category, row.symbol);
  if (market === undefined || BLOCK_TRADE_ORDER_TYPES.has(row.orderType)) return undefined;
  return mapOrder(row, market);
}

/**
 * Finds one order by id or client id: `/v5/order/realtime` (which also holds the last closed
 * ones when asked by id), then with `orderFilter=StopOrder`, then `/v5/order/history`. A row on
 * another symbol does not count (the venue ignores `symbol` when an id is given). `once`: each read
 * is sent once (the caller repeats under its own budget, e.g. order placement).
 */
export async function findOrder(ctx: BybitContext, market: Market, ref: OrderRef, once = false): Promise<Order | undefined> {
  const category = categoryOf(market);
  const by = { ...(ref.id !== undefined ? { orderId: ref.id } : { orderLinkId: ref.clientOrderId }), ...(once && { once }) };
  const match = (rows: readonly WireOrder[]): WireOrder | undefined =>
    rows.find((r) => r.symbol === market.id && (ref.id !== undefined ? r.orderId === ref.id : r.orderLinkId === ref.clientOrderId));
  const tries: Array<() => Promise<WireOrder[]>> = [
    () => getRealtimeOrders(ctx.rest, { category, symbol: market.id, ...by }),
    () => getRealtimeOrders(ctx.rest, { category, symbol: market.id, ...by, orderFilter: 'StopOrder' }),
    () => getOrderHistory(ctx.rest, { category, symbol: market.id, ...by }),
  ];
  for (const attempt of tries) {
    const row = match(await attempt());
    if (row !== undefined) return mapOrder(row, market);
  }
  return undefined;
}

export async function findOrderOrThrow(ctx: BybitContext, market: Market, ref: OrderRef): Promise<Order> {
  const order = await findOrder(ctx, market, ref);
  if (order === undefined) {
    const what = ref.id !== undefined ? `id ${ref.id}` : `clientOrderId ${ref.clientOrderId}`;
    throw new OrderNotFoundError(`${ctx.id}: no order with ${what} on ${market.symbol}`, { exchange: ctx.id });
  }
  return order;
}

/**
 * After an acknowledgement: read the order back until `done` holds (Bybit acknowledges before the
 * order's state settles), a few times with short waits; then the last reading, or `fallback()`.
 */
export async function afterAck(
  ctx: BybitContext,
  market: Market,
  orderId: string,
  done: (o: Order | undefined) => boolean,
  fallback: () => Order,
): Promise<Order> {
  let last: Order | undefined;
  for (let i = 0; ; i++) {
    last = await findOrder(ctx, market, { symbol: market.symbol, id: orderId });
    if (done(last) || i >= ctx.pollDelays.length) break;
    await sleep(ctx.pollDelays[i] as number);
    ctx.assertOpen('order read-back');
  }
  return last ?? fallback();
}
