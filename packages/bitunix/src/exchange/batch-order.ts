import { generateClientOrderId, InvalidArgumentError, NotSupportedError, UnexpectedResponseError, type Market, type PlaceOrderRequest } from '@exkit/core';
import { batchOrder } from '../rest/endpoints/batch-order.js';
import type { BitunixContext } from './context.js';
import { itemError, orderItem } from './order-body.js';
import type { BatchPlacement } from './types.js';

/**
 * Several orders of one symbol in batch_order calls of at most `batchOrderMax`. Each request is validated and put on
 * the grid like `placeOrder`; the venue answers per item (acknowledgements only).
 */
export async function placeOrders(ctx: BitunixContext, requests: readonly PlaceOrderRequest[]): Promise<BatchPlacement[]> {
  if (requests.length === 0) return [];
  const markets = await Promise.all(requests.map((r) => ctx.market(r.symbol)));
  const market = markets[0] as Market;
  if (markets.some((m) => m.symbol !== market.symbol)) throw new InvalidArgumentError(`${ctx.id}: a batch holds orders of one symbol`, { exchange: ctx.id });
  const items = requests.map((r) => {
    if (r.triggerPrice !== undefined) throw new NotSupportedError(`${ctx.id}: conditional orders are not supported`, { exchange: ctx.id });
    const prepared = ctx.registry().prepareOrder(market.symbol, r, ctx.gridPolicy);
    return { ...orderItem(ctx, { ...prepared, request: r }), clientId: r.clientOrderId ?? generateClientOrderId('exk', { clock: ctx.clock }) };
  });
  const out: BatchPlacement[] = [];
  for (let i = 0; i < items.length; i += ctx.batchOrderMax) {
    const chunk = items.slice(i, i + ctx.batchOrderMax);
    const result = await batchOrder(ctx.rest, { symbol: market.id, orderList: chunk });
    const failed = new Map(result.failureList.map((f) => [f.clientId, f]));
    const placed = new Map(result.successList.map((s) => [s.clientId, s]));
    for (const item of chunk) {
      const ok = placed.get(item.clientId);
      const bad = failed.get(item.clientId);
      if (ok !== undefined) out.push({ ok: true, id: ok.orderId, clientOrderId: item.clientId });
      else if (bad !== undefined) out.push({ ok: false, clientOrderId: item.clientId, error: itemError(ctx, bad.errorCode, bad.errorMsg, 'invalidOrder') });
      else out.push({ ok: false, clientOrderId: item.clientId, error: new UnexpectedResponseError(`${ctx.id}: batch_order did not report ${item.clientId}`, { exchange: ctx.id }) });
    }
  }
  return out;
}
