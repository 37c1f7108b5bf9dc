import { isTerminalStatus, OrderNotFoundError, type Fill, type HistoryQuery, type Market, type Order, type OrderRef } from '@exkit/core';
import { fromHistoryTrade } from '../map/fill.js';
import { fromRestOrder } from '../map/order.js';
import { getHistoryOrders } from '../rest/endpoints/history-orders.js';
import { getHistoryTrades } from '../rest/endpoints/history-trades.js';
import { getOrderDetail } from '../rest/endpoints/order-detail.js';
import type { OrderListParams } from '../rest/endpoints/pending-orders.js';
import { ensureMarkets, type BitunixContext } from './context.js';
import { pages, pendingOrders } from './paging.js';

export async function fetchOrder(ctx: BitunixContext, market: Market, ref: OrderRef): Promise<Order> {
  const wire = await getOrderDetail(ctx.rest, ref.id !== undefined ? { orderId: ref.id } : { clientId: ref.clientOrderId as string });
  if (wire.symbol.toUpperCase() !== market.id) {
    throw new OrderNotFoundError(`${ctx.id}: order ${ref.id ?? ref.clientOrderId} is not on ${market.symbol}`, { exchange: ctx.id });
  }
  return fromRestOrder(wire, market);
}

export async function fetchOpenOrders(ctx: BitunixContext, market: Market | undefined): Promise<Order[]> {
  await ensureMarkets(ctx);
  const rows = await pendingOrders(ctx, market === undefined ? {} : { symbol: market.id });
  return mapOrders(ctx, rows).sort((a, b) => a.timestamp - b.timestamp);
}

export async function fetchOrderHistory(ctx: BitunixContext, market: Market | undefined, query: HistoryQuery): Promise<Order[]> {
  await ensureMarkets(ctx);
  const limit = query.limit ?? 100;
  const base: OrderListParams = { ...(market && { symbol: market.id }), ...(query.since !== undefined && { startTime: query.since }), ...(query.until !== undefined && { endTime: query.until - 1 }) };
  // Two lists: non-canceled orders (90 days) and canceled ones (`queryCanceled=true`, 3 days) — bitunix.md §5.
  const [done, canceled] = await Promise.all([
    pages((p) => getHistoryOrders(ctx.rest, { ...base, ...p }).then((r) => ({ rows: r.orderList, total: r.total })), limit),
    pages((p) => getHistoryOrders(ctx.rest, { ...base, ...p, queryCanceled: true }).then((r) => ({ rows: r.orderList, total: r.total })), limit),
  ]);
  const byId = new Map<string, Order>();
  for (const o of mapOrders(ctx, [...done, ...canceled])) if (isTerminalStatus(o.status)) byId.set(o.id, o);
  const all = [...byId.values()].sort((a, b) => a.timestamp - b.timestamp || (a.id < b.id ? -1 : 1));
  return query.since !== undefined ? all.slice(0, limit) : all.slice(-limit);
}

export async function fetchFills(ctx: BitunixContext, market: Market | undefined, query: HistoryQuery): Promise<Fill[]> {
  await ensureMarkets(ctx);
  const limit = query.limit ?? 100;
  const rows = await pages(
    (p) =>
      getHistoryTrades(ctx.rest, {
        ...(market && { symbol: market.id }),
        ...(query.since !== undefined && { startTime: query.since }),
        ...(query.until !== undefined && { endTime: query.until - 1 }),
        ...p,
      }).then((r) => ({ rows: r.tradeList, total: r.total })),
    limit,
  );
  const fills = await mapFills(ctx, rows);
  const sorted = fills.sort((a, b) => a.timestamp - b.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return query.since !== undefined ? sorted.slice(0, limit) : sorted.slice(-limit);
}

function mapOrders(ctx: BitunixContext, rows: readonly Parameters<typeof fromRestOrder>[0][]): Order[] {
  const out: Order[] = [];
  for (const row of rows) {
    const m = ctx.registry().find(row.symbol.toUpperCase());
    if (m !== undefined) out.push(fromRestOrder(row, m));
  }
  return out;
}

async function mapFills(ctx: BitunixContext, rows: readonly Parameters<typeof fromHistoryTrade>[0][]): Promise<Fill[]> {
  const sides = new Map<string, Order['side']>();
  const out: Fill[] = [];
  for (const row of rows) {
    const m = ctx.registry().find(row.symbol.toUpperCase());
    if (m === undefined) continue;
    let fill = fromHistoryTrade(row, m, sides.get(row.orderId));
    if (fill === undefined) {
      // The row has no `side` (the doc example omits it): the order says.
      const order = await ctx.fetchOrder(m, { symbol: m.symbol, id: row.orderId });
      sides.set(row.orderId, order.side);
      fill = fromHistoryTrade(row, m, order.side);
    }
    if (fill !== undefined) out.push(fill);
  }
  return out;
}
