import {
  ExchangeError,
  generateClientOrderId,
  InvalidOrderError,
  UnexpectedResponseError,
  type Decimal,
  type Market,
  type Order,
  type ResolvedOrder,
} from '@exkit/core';
import type { CreateOrderBody } from '../rest/endpoints/order-create.js';
import { getTickers } from '../rest/endpoints/tickers.js';
import { DUPLICATE_CLIENT_ORDER_ID_CODES } from '../rest/error-codes.js';
import { categoryOf } from '../ws/public-streams.js';
import { ackOrder } from './ack-order.js';
import type { BybitContext } from './context.js';
import { afterAck, findOrder } from './order-lookup.js';
import { submitOrder } from './order-submit.js';

const TIF_TO_WIRE = { gtc: 'GTC', ioc: 'IOC', fok: 'FOK', post_only: 'PostOnly' } as const;
const TRIGGER_TO_WIRE = { last: 'LastPrice', mark: 'MarkPrice', index: 'IndexPrice' } as const;

/**
 * Places a validated order: builds the venue body, sends it under the retry policy's
 * client-order-id dedup, and reads the order back (or returns it as acknowledged).
 */
export async function placeOrder(ctx: BybitContext, order: ResolvedOrder): Promise<Order> {
  const { market, request } = order;
  const body = await createOrderBody(ctx, order);
  const clientOrderId = request.clientOrderId ?? generateClientOrderId('exk', { clock: ctx.clock });
  const placed = await ctx.placementRetry.placeOrder<Order>({
    clientOrderId,
    place: async (coid) => {
      const ack = await submitOrder(ctx, 'create', { ...body, orderLinkId: coid ?? clientOrderId });
      return afterAck(ctx, market, ack.result.orderId, (o) => o !== undefined, () => ackOrder(market, body, ack.result.orderId, coid ?? clientOrderId, ack.time, request));
    },
    // Looked up once per try: the placement budget, not the read budget, bounds the whole call.
    lookup: (coid) => findOrder(ctx, market, { symbol: market.symbol, clientOrderId: coid }, true),
    isDuplicateClientOrderId: (err) => err instanceof ExchangeError && DUPLICATE_CLIENT_ORDER_ID_CODES.has(Number(err.code)),
  });
  return placed;
}

/** The `/v5/order/create` body of an order (without `orderLinkId`); refuses what the venue cannot take. */
async function createOrderBody(ctx: BybitContext, order: ResolvedOrder): Promise<CreateOrderBody> {
  const { market, amount, price, triggerPrice, request } = order;
  const category = categoryOf(market);
  const spot = category === 'spot';
  const tif = request.timeInForce;
  if (request.type === 'market' && (tif === 'gtc' || tif === 'post_only')) {
    throw new InvalidOrderError(`${ctx.id}: a market order cannot be ${tif}`, { exchange: ctx.id });
  }
  if (spot && request.reduceOnly === true) throw new InvalidOrderError(`${ctx.id}: ${market.symbol} is spot: orders cannot be reduce-only`, { exchange: ctx.id });
  // Market orders are always IOC on the venue (reference §5): only FOK is worth sending.
  const wireTif = request.type === 'market' ? (tif === 'fok' ? 'FOK' : undefined) : TIF_TO_WIRE[tif ?? 'gtc'];
  let triggerDirection: 1 | 2 | undefined;
  if (triggerPrice !== undefined && !spot) {
    const direction = request.triggerDirection ?? (await inferTriggerDirection(ctx, market, triggerPrice, request.triggerReference ?? 'last'));
    triggerDirection = direction === 'up' ? 1 : 2;
  }
  return {
    category,
    symbol: market.id,
    side: request.side === 'buy' ? 'Buy' : 'Sell',
    orderType: request.type === 'market' ? 'Market' : 'Limit',
    qty: amount.toFixed(),
    ...(price !== undefined && { price: price.toFixed() }),
    ...(wireTif !== undefined && { timeInForce: wireTif }),
    ...(!spot && { positionIdx: 0 as const, reduceOnly: request.reduceOnly === true }),
    ...(triggerPrice !== undefined && { triggerPrice: triggerPrice.toFixed() }),
    ...(triggerDirection !== undefined && { triggerDirection }),
    ...(triggerPrice !== undefined && request.triggerReference !== undefined && { triggerBy: TRIGGER_TO_WIRE[request.triggerReference] }),
    // Core amounts are base units; a spot market buy counts in quote unless told otherwise (reference §5).
    ...(spot && request.type === 'market' && { marketUnit: 'baseCoin' as const }),
    ...(spot && triggerPrice !== undefined && { orderFilter: 'StopOrder' as const }),
  };
}

/** Rise or fall to the trigger, from where the reference price stands now (linear needs it, reference §5). */
async function inferTriggerDirection(ctx: BybitContext, market: Market, trigger: Decimal, reference: 'last' | 'mark' | 'index'): Promise<'up' | 'down'> {
  const res = await getTickers(ctx.rest, 'linear', market.id);
  const t = res.result.list.find((x) => x.symbol === market.id);
  const ref = reference === 'mark' ? t?.markPrice : reference === 'index' ? t?.indexPrice : t?.lastPrice;
  if (ref === undefined) throw new UnexpectedResponseError(`${ctx.id}: no ${reference} price for ${market.id} to infer the trigger direction`, { exchange: ctx.id, path: 'result.list' });
  return trigger.gt(ref) ? 'up' : 'down';
}
