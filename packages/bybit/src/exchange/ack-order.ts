import { toDecimal, type Market, type Order, type ResolvedOrder } from '@exkit/core';
import type { CreateOrderBody } from '../rest/endpoints/order-create.js';

/** The order as acknowledged, when the venue cannot show it yet: what was asked, nothing filled. */
export function ackOrder(
  market: Market,
  body: CreateOrderBody,
  orderId: string,
  clientOrderId: string,
  at: number,
  request: ResolvedOrder['request'],
): Order {
  const amount = toDecimal(body.qty);
  const tif = body.timeInForce;
  return {
    id: orderId,
    clientOrderId,
    symbol: market.symbol,
    type: body.orderType === 'Market' ? 'market' : 'limit',
    side: body.side === 'Buy' ? 'buy' : 'sell',
    timeInForce: tif === 'PostOnly' ? 'post_only' : tif === 'FOK' ? 'fok' : tif === 'IOC' || body.orderType === 'Market' ? 'ioc' : 'gtc',
    status: body.triggerPrice !== undefined ? 'untriggered' : 'open',
    ...(body.price !== undefined && { price: toDecimal(body.price) }),
    amount,
    filled: toDecimal(0),
    remaining: amount,
    cost: toDecimal(0),
    ...(body.triggerPrice !== undefined && { triggerPrice: toDecimal(body.triggerPrice) }),
    ...(request.triggerReference !== undefined && body.triggerPrice !== undefined && { triggerReference: request.triggerReference }),
    reduceOnly: body.reduceOnly === true,
    postOnly: tif === 'PostOnly',
    timestamp: at,
    updatedAt: at,
  };
}
