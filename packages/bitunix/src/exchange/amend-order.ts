import { InvalidOrderError, NotSupportedError, toDecimal, type AmendOrderRequest, type Decimal, type Market, type Order } from '@exkit/core';
import { toWireQty } from '../map/market.js';
import { modifyOrder } from '../rest/endpoints/modify-order.js';
import { afterAck } from './ack-order.js';
import type { BitunixContext } from './context.js';
import { onGrid } from './order-body.js';

export async function amendOrder(ctx: BitunixContext, market: Market, request: AmendOrderRequest): Promise<Order> {
  if (request.triggerPrice !== undefined) throw new NotSupportedError(`${ctx.id}: orders carry no trigger price to amend (TP/SL: use modifyTpsl)`, { exchange: ctx.id });
  // modify_order needs both qty and price (table: both required): the one not changing is read first.
  const current = request.price === undefined || request.amount === undefined ? await ctx.fetchOrder(market, request) : undefined;
  if (current !== undefined && current.type !== 'limit') throw new InvalidOrderError(`${ctx.id}: only limit orders can be amended`, { exchange: ctx.id });
  const price = request.price !== undefined ? toDecimal(request.price) : (current?.price as Decimal);
  const amount = request.amount !== undefined ? toDecimal(request.amount) : (current?.amount as Decimal);
  onGrid(ctx, market, price, 'price', market.tickSize);
  onGrid(ctx, market, amount, 'amount', market.stepSize);
  const ack = await modifyOrder(ctx.rest, {
    ...(request.id !== undefined ? { orderId: request.id } : { clientId: request.clientOrderId as string }),
    symbol: market.id,
    qty: toWireQty(amount, market),
    price: price.toFixed(),
  });
  return afterAck(ctx, ack.orderId, market);
}
