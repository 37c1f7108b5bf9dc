import { ExchangeError, generateClientOrderId, type Order, type ResolvedOrder } from '@exkit/core';
import { fromRestOrder } from '../map/order.js';
import { getOrderDetail } from '../rest/endpoints/order-detail.js';
import { placeOrder as placeOrderCall } from '../rest/endpoints/place-order.js';
import { DUPLICATE_CLIENT_ID } from '../rest/error-codes.js';
import { afterAck, synthesize } from './ack-order.js';
import type { BitunixContext } from './context.js';
import { orderItem } from './order-body.js';

export async function placeOrder(ctx: BitunixContext, order: ResolvedOrder): Promise<Order> {
  const { market, request } = order;
  const body = orderItem(ctx, order);
  const clientOrderId = request.clientOrderId ?? generateClientOrderId('exk', { clock: ctx.clock });
  return ctx.retry.placeOrder<Order>({
    clientOrderId,
    place: async (cid) => {
      const ack = await placeOrderCall(ctx.rest, { symbol: market.id, ...body, ...(cid !== undefined && { clientId: cid }) });
      return afterAck(ctx, ack.orderId, market, () => synthesize(ctx, ack.orderId, cid, order));
    },
    lookup: async (cid) => fromRestOrder(await getOrderDetail(ctx.rest, { clientId: cid }), market),
    isDuplicateClientOrderId: (err) => err instanceof ExchangeError && err.code === DUPLICATE_CLIENT_ID,
  });
}
