import { InvalidArgumentError, toDecimal, type HistoryQuery, type Market } from '@exkit/core';
import { fromTriggerReference } from '../map/enums.js';
import { toWireQty } from '../map/market.js';
import { cancelTpslOrder } from '../rest/endpoints/tpsl-cancel-order.js';
import { getHistoryTpslOrders } from '../rest/endpoints/tpsl-history-orders.js';
import { modifyTpslOrder } from '../rest/endpoints/tpsl-modify-order.js';
import { getPendingTpslOrders } from '../rest/endpoints/tpsl-pending-orders.js';
import { placeTpslOrder } from '../rest/endpoints/tpsl-place-order.js';
import { placePositionTpsl as placePositionTpslCall } from '../rest/endpoints/tpsl-position-place-order.js';
import { MAX_LIST_LIMIT } from '../rest/limits.js';
import type { TpslModifyBody, TpslPlaceBody, TpslPositionPlaceBody } from '../rest/schemas/requests.js';
import type { WireTpslOrder } from '../rest/schemas/tpsl.js';
import type { BitunixContext } from './context.js';
import { onGrid } from './order-body.js';
import type { TpslLeg, TpslLegs, TpslOrder } from './types.js';

/** TP/SL on an open position (tpsl/place_order); at least one leg with an amount. Returns the TP/SL order id. */
export async function placeTpsl(ctx: BitunixContext, symbol: string, positionId: string, legs: TpslLegs): Promise<string> {
  const m = await ctx.market(symbol);
  const body: TpslPlaceBody = { symbol: m.id, positionId, ...tpslFields(ctx, m, legs, true) };
  if (body.tpQty === undefined && body.slQty === undefined) throw new InvalidArgumentError(`${ctx.id}: placeTpsl needs an amount on at least one leg`, { exchange: ctx.id });
  return (await placeTpslOrder(ctx.rest, body)).orderId;
}

/** Whole-position TP/SL (tpsl/position/place_order). */
export async function placePositionTpsl(ctx: BitunixContext, symbol: string, positionId: string, legs: TpslLegs): Promise<string> {
  const m = await ctx.market(symbol);
  const f = tpslFields(ctx, m, legs, false);
  const body: TpslPositionPlaceBody = {
    symbol: m.id,
    positionId,
    ...(f.tpPrice !== undefined && { tpPrice: f.tpPrice, ...(f.tpStopType !== undefined && { tpStopType: f.tpStopType }) }),
    ...(f.slPrice !== undefined && { slPrice: f.slPrice, ...(f.slStopType !== undefined && { slStopType: f.slStopType }) }),
  };
  return (await placePositionTpslCall(ctx.rest, body)).orderId;
}

export async function modifyTpsl(ctx: BitunixContext, symbol: string, orderId: string, legs: TpslLegs): Promise<string> {
  const m = await ctx.market(symbol);
  const body: TpslModifyBody = { orderId, ...tpslFields(ctx, m, legs, true) };
  return (await modifyTpslOrder(ctx.rest, body)).orderId;
}

export async function cancelTpsl(ctx: BitunixContext, symbol: string, orderId: string): Promise<void> {
  const m = await ctx.market(symbol);
  await cancelTpslOrder(ctx.rest, { symbol: m.id, orderId });
}

/** Pending TP/SL orders (tpsl/get_pending_orders), optionally of one symbol. */
export async function fetchTpslOrders(ctx: BitunixContext, symbol: string | undefined): Promise<TpslOrder[]> {
  const m = symbol === undefined ? undefined : await ctx.market(symbol);
  if (m === undefined) await ctx.loadMarkets();
  return mapTpsl(ctx, await getPendingTpslOrders(ctx.rest, m === undefined ? {} : { symbol: m.id }));
}

/** Finished TP/SL orders (tpsl/get_history_orders). */
export async function fetchTpslHistory(ctx: BitunixContext, symbol: string | undefined, query: HistoryQuery): Promise<TpslOrder[]> {
  const m = symbol === undefined ? undefined : await ctx.market(symbol);
  if (m === undefined) await ctx.loadMarkets();
  const r = await getHistoryTpslOrders(ctx.rest, {
    ...(m && { symbol: m.id }),
    ...(query.since !== undefined && { startTime: query.since }),
    ...(query.until !== undefined && { endTime: query.until - 1 }),
    limit: Math.min(query.limit ?? MAX_LIST_LIMIT, MAX_LIST_LIMIT),
  });
  return mapTpsl(ctx, r.orderList);
}

function tpslFields(ctx: BitunixContext, market: Market, legs: TpslLegs, withAmounts: boolean): Omit<TpslPlaceBody, 'symbol' | 'positionId'> {
  if (legs.takeProfit === undefined && legs.stopLoss === undefined) throw new InvalidArgumentError(`${ctx.id}: give takeProfit and/or stopLoss`, { exchange: ctx.id });
  const leg = (l: TpslLeg | undefined, p: 'tp' | 'sl'): Record<string, string> => {
    if (l === undefined) return {};
    const trigger = toDecimal(l.triggerPrice);
    onGrid(ctx, market, trigger, `${p} trigger price`, market.tickSize);
    const out: Record<string, string> = { [`${p}Price`]: trigger.toFixed(), [`${p}StopType`]: fromTriggerReference(l.trigger ?? 'last') ?? 'LAST_PRICE' };
    if (l.limitPrice !== undefined) {
      const limit = toDecimal(l.limitPrice);
      onGrid(ctx, market, limit, `${p} limit price`, market.tickSize);
      out[`${p}OrderType`] = 'LIMIT';
      out[`${p}OrderPrice`] = limit.toFixed();
    } else {
      out[`${p}OrderType`] = 'MARKET';
    }
    if (withAmounts && l.amount !== undefined) {
      const amount = toDecimal(l.amount);
      onGrid(ctx, market, amount, `${p} amount`, market.stepSize);
      out[`${p}Qty`] = toWireQty(amount, market);
    }
    return out;
  };
  return { ...leg(legs.takeProfit, 'tp'), ...leg(legs.stopLoss, 'sl') } as Omit<TpslPlaceBody, 'symbol' | 'positionId'>;
}

function mapTpsl(ctx: BitunixContext, rows: readonly WireTpslOrder[]): TpslOrder[] {
  const ref = (t: string | undefined): 'mark' | 'last' | undefined => (t === undefined ? undefined : t.startsWith('MARK') ? 'mark' : 'last');
  const kind = (t: string | undefined): 'limit' | 'market' | undefined => (t === undefined ? undefined : t === 'LIMIT' ? 'limit' : 'market');
  const out: TpslOrder[] = [];
  for (const r of rows) {
    const m = ctx.registry().find(r.symbol.toUpperCase());
    if (m === undefined) continue;
    out.push({
      id: r.id,
      positionId: r.positionId,
      symbol: m.symbol,
      ...(r.tpPrice !== undefined && { tpPrice: r.tpPrice }),
      ...(r.tpStopType !== undefined && { tpTrigger: ref(r.tpStopType) }),
      ...(r.tpOrderType !== undefined && { tpOrderType: kind(r.tpOrderType) }),
      ...(r.tpOrderPrice !== undefined && { tpOrderPrice: r.tpOrderPrice }),
      ...(r.tpQty !== undefined && { tpAmount: r.tpQty.mul(m.contractSize) }),
      ...(r.slPrice !== undefined && { slPrice: r.slPrice }),
      ...(r.slStopType !== undefined && { slTrigger: ref(r.slStopType) }),
      ...(r.slOrderType !== undefined && { slOrderType: kind(r.slOrderType) }),
      ...(r.slOrderPrice !== undefined && { slOrderPrice: r.slOrderPrice }),
      ...(r.slQty !== undefined && { slAmount: r.slQty.mul(m.contractSize) }),
      ...(r.status !== undefined && { status: r.status.toLowerCase() }),
      ...(r.ctime !== undefined && { timestamp: r.ctime }),
    } as TpslOrder);
  }
  return out;
}
