import { amendOrder, type AmendOrderBody } from '../rest/endpoints/order-amend.js';
import { cancelOrder, type CancelOrderBody } from '../rest/endpoints/order-cancel.js';
import { createOrder, type CreateOrderBody } from '../rest/endpoints/order-create.js';
import { privateCost } from '../rest/limits.js';
import { orderAckSchema, type WireOrderAck } from '../rest/schemas/trade.js';
import type { BybitContext } from './context.js';

export type OrderAck = { result: WireOrderAck; time: number };

/** Create / amend / cancel over WS order entry when enabled, else REST; both answer an acknowledgement. */
export function submitOrder(ctx: BybitContext, kind: 'create', body: CreateOrderBody): Promise<OrderAck>;
export function submitOrder(ctx: BybitContext, kind: 'amend', body: AmendOrderBody): Promise<OrderAck>;
export function submitOrder(ctx: BybitContext, kind: 'cancel', body: CancelOrderBody): Promise<OrderAck>;
export async function submitOrder(ctx: BybitContext, kind: 'create' | 'amend' | 'cancel', body: CreateOrderBody | AmendOrderBody | CancelOrderBody): Promise<OrderAck> {
  const trade = ctx.trade;
  if (trade !== undefined) {
    const reply = await trade.request(`order.${kind}`, body as unknown as Record<string, unknown>, privateCost(`order/${kind}`, body.category), orderAckSchema);
    return { result: reply.data, time: reply.time };
  }
  if (kind === 'create') return createOrder(ctx.rest, body as CreateOrderBody);
  if (kind === 'amend') return amendOrder(ctx.rest, body as AmendOrderBody);
  return cancelOrder(ctx.rest, body as CancelOrderBody);
}
