import { InvalidOrderError, isOnStep, isTerminalStatus, OrderNotFoundError, roundToStep, toDecimal, type AmendOrderRequest, type Decimal, type Market, type Order } from '@exkit/core';
import type { AmendOrderBody } from '../rest/endpoints/order-amend.js';
import { categoryOf } from '../ws/public-streams.js';
import type { BybitContext } from './context.js';
import { afterAck, findOrderOrThrow } from './order-lookup.js';
import { submitOrder } from './order-submit.js';

/**
 * Amends amount, price and/or trigger price. Off-grid values are refused or moved onto the grid
 * per the grid policy (amounts down, prices passively for the order's side, triggers to the
 * nearest tick); then the order is read back until it shows the change.
 */
export async function amendOrder(ctx: BybitContext, market: Market, request: AmendOrderRequest): Promise<Order> {
  const category = categoryOf(market);
  let side: 'buy' | 'sell' | undefined;
  const onGrid = async (value: Decimal, step: Decimal, what: string, roundMode: 'down' | 'passive' | 'nearest'): Promise<Decimal> => {
    if (value.lte(0)) throw new InvalidOrderError(`${ctx.id}: ${what} must be positive`, { exchange: ctx.id });
    if (isOnStep(value, step)) return value;
    if (ctx.gridPolicy === 'reject') throw new InvalidOrderError(`${ctx.id}: ${market.symbol}: ${what} ${value.toFixed()} is not on the grid ${step.toFixed()}`, { exchange: ctx.id });
    if (roundMode === 'passive') {
      side ??= (await findOrderOrThrow(ctx, market, request)).side;
      return roundToStep(value, step, side === 'buy' ? 'down' : 'up');
    }
    return roundToStep(value, step, roundMode);
  };
  const qty = request.amount === undefined ? undefined : await onGrid(toDecimal(request.amount), market.stepSize, 'amount', 'down');
  if (qty !== undefined && qty.lt(market.minAmount)) {
    throw new InvalidOrderError(`${ctx.id}: ${market.symbol}: amount ${qty.toFixed()} is below the minimum ${market.minAmount.toFixed()}`, { exchange: ctx.id });
  }
  const price = request.price === undefined ? undefined : await onGrid(toDecimal(request.price), market.tickSize, 'price', 'passive');
  const trigger = request.triggerPrice === undefined ? undefined : await onGrid(toDecimal(request.triggerPrice), market.tickSize, 'triggerPrice', 'nearest');
  const body: AmendOrderBody = {
    category,
    symbol: market.id,
    ...(request.id !== undefined ? { orderId: request.id } : { orderLinkId: request.clientOrderId }),
    ...(qty !== undefined && { qty: qty.toFixed() }),
    ...(price !== undefined && { price: price.toFixed() }),
    ...(trigger !== undefined && { triggerPrice: trigger.toFixed() }),
  };
  const ack = await submitOrder(ctx, 'amend', body);
  const changed = (o: Order | undefined): boolean =>
    o !== undefined &&
    (qty === undefined || o.amount.eq(qty) || isTerminalStatus(o.status)) &&
    (price === undefined || o.price === undefined || o.price.eq(price) || isTerminalStatus(o.status));
  return afterAck(ctx, market, ack.result.orderId, changed, () => {
    throw new OrderNotFoundError(`${ctx.id}: order ${ack.result.orderId} was amended but cannot be read back`, { exchange: ctx.id });
  });
}
