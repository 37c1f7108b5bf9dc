import { isTerminalStatus, type Fill, type HistoryQuery, type Market, type Order } from '@exkit/core';
import type { BybitCategory } from '../environments.js';
import { mapExecution } from '../map/fill.js';
import { getExecutions } from '../rest/endpoints/execution-list.js';
import { getOrderHistory } from '../rest/endpoints/order-history.js';
import { getRealtimeOrders, type RealtimeOrdersQuery } from '../rest/endpoints/order-realtime.js';
import { categoryOf } from '../ws/public-streams.js';
import type { BybitContext } from './context.js';
import { byTimeThenId, historyWindows, inRange, limitAscending } from './history.js';
import { settleCoins } from './native-markets.js';
import { mapListed } from './order-lookup.js';

function categoriesOf(ctx: BybitContext, market: Market | undefined): readonly BybitCategory[] {
  return market === undefined ? ctx.categories : [categoryOf(market)];
}

/**
 * Open and untriggered orders. Each scope is read twice — as it is (a unified account gets every
 * kind, DOCS open-order.mdx) and with `orderFilter=StopOrder` (where Bybit keeps conditional
 * orders, the only way a classic spot account lists them) — and merged by id.
 */
export async function fetchOpenOrders(ctx: BybitContext, market: Market | undefined): Promise<Order[]> {
  await ctx.loadMarkets();
  const out = new Map<string, Order>();
  for (const category of categoriesOf(ctx, market)) {
    const scopes: RealtimeOrdersQuery[] =
      market !== undefined
        ? [{ category, symbol: market.id }]
        : category === 'linear'
          ? settleCoins(ctx.registry()).map((settleCoin) => ({ category, settleCoin }))
          : [{ category }];
    for (const scope of scopes) {
      const [plain, stop] = await Promise.all([getRealtimeOrders(ctx.rest, scope), getRealtimeOrders(ctx.rest, { ...scope, orderFilter: 'StopOrder' })]);
      for (const row of [...plain, ...stop]) {
        const order = mapListed(ctx, category, row);
        if (order !== undefined && !isTerminalStatus(order.status)) out.set(order.id, order);
      }
    }
  }
  return [...out.values()].sort(byTimeThenId);
}

/** Closed orders in `[since, until)`, walked in 7-day windows per category, ascending. */
export async function fetchOrderHistory(ctx: BybitContext, market: Market | undefined, query: HistoryQuery): Promise<Order[]> {
  await ctx.loadMarkets();
  const out = new Map<string, Order>();
  const windows = historyWindows(query, ctx.venueClock.now());
  for (const category of categoriesOf(ctx, market)) {
    let found = 0;
    for (const w of windows) {
      const rows = await getOrderHistory(ctx.rest, {
        category,
        ...(market !== undefined && { symbol: market.id }),
        ...(w !== undefined && { startTime: w.since, endTime: w.until - 1 }),
      });
      for (const row of rows) {
        const order = mapListed(ctx, category, row);
        if (order === undefined || !isTerminalStatus(order.status) || !inRange(order.timestamp, query)) continue;
        if (!out.has(order.id)) found++;
        out.set(order.id, order);
      }
      if (query.limit !== undefined && found >= query.limit) break;
    }
  }
  const orders = [...out.values()].sort(byTimeThenId);
  return limitAscending(orders, query);
}

/** Executions in `[since, until)`, walked in 7-day windows per category, ascending. */
export async function fetchFills(ctx: BybitContext, market: Market | undefined, query: HistoryQuery): Promise<Fill[]> {
  await ctx.loadMarkets();
  const out = new Map<string, Fill>();
  const windows = historyWindows(query, ctx.venueClock.now());
  for (const category of categoriesOf(ctx, market)) {
    let found = 0;
    for (const w of windows) {
      const rows = await getExecutions(ctx.rest, {
        category,
        ...(market !== undefined && { symbol: market.id }),
        ...(w !== undefined && { startTime: w.since, endTime: w.until - 1 }),
      });
      for (const row of rows) {
        const m = ctx.marketFor(category, row.symbol);
        const fill = m === undefined ? undefined : mapExecution(row, m);
        if (fill === undefined || !inRange(fill.timestamp, query)) continue;
        if (!out.has(fill.id)) found++;
        out.set(fill.id, fill);
      }
      if (query.limit !== undefined && found >= query.limit) break;
    }
  }
  const fills = [...out.values()].sort(byTimeThenId);
  return limitAscending(fills, query);
}
