import { InvalidOrderError, isOnStep, OrderNotFoundError, UnexpectedResponseError, type Decimal, type ExchangeError, type Market, type ResolvedOrder } from '@exkit/core';
import { fromSide, fromTimeInForce } from '../map/enums.js';
import { toWireQty } from '../map/market.js';
import { bitunixError } from '../rest/error-codes.js';
import type { OrderItemBody } from '../rest/schemas/requests.js';
import type { BitunixContext } from './context.js';

/** The wire body of one order (place_order, batch_order) without its client id. */
export function orderItem(ctx: BitunixContext, order: ResolvedOrder): Omit<OrderItemBody, 'clientId'> {
  const { market, request, amount, price } = order;
  const tif = request.timeInForce ?? (request.type === 'market' ? 'ioc' : 'gtc');
  // `effect` applies to limit orders (table); a market order is immediate by nature: fok/post_only cannot be honoured.
  if (request.type === 'market' && (tif === 'fok' || tif === 'post_only')) {
    throw new InvalidOrderError(`${ctx.id}: a market order cannot be ${tif}`, { exchange: ctx.id });
  }
  return {
    side: fromSide(request.side),
    orderType: request.type === 'limit' ? 'LIMIT' : 'MARKET',
    qty: toWireQty(amount, market),
    ...(request.type === 'limit' && price !== undefined && { price: price.toFixed(), effect: fromTimeInForce(tif) }),
    ...(request.reduceOnly === true && { reduceOnly: true }),
  };
}

/** Throws InvalidOrderError unless `value` is positive and a multiple of `step`. */
export function onGrid(ctx: BitunixContext, market: Market, value: Decimal | undefined, what: string, step: Decimal): void {
  if (value === undefined || !value.isFinite() || value.lte(0)) throw new InvalidOrderError(`${market.symbol}: ${what} must be positive`, { exchange: ctx.id });
  if (!isOnStep(value, step)) throw new InvalidOrderError(`${market.symbol}: ${what} ${value.toFixed()} is not a multiple of ${step.toFixed()}`, { exchange: ctx.id });
}

/** The error of one refused item of a list reply (cancel_orders, batch_order). */
export function itemError(ctx: BitunixContext, code: number | undefined, msg: string | null | undefined, fallback: 'orderNotFound' | 'invalidOrder'): ExchangeError {
  const text = msg ?? 'refused';
  if (code === undefined) {
    return fallback === 'orderNotFound' ? new OrderNotFoundError(`${ctx.id}: ${text}`, { exchange: ctx.id }) : new InvalidOrderError(`${ctx.id}: ${text}`, { exchange: ctx.id });
  }
  const err = bitunixError(code, text, { exchange: ctx.id, path: '/api/v1/futures/trade/' });
  if (err instanceof UnexpectedResponseError) {
    // A failureList item with an unlisted code: CCXT reads any cancel failure as OrderNotFound.
    return fallback === 'orderNotFound'
      ? new OrderNotFoundError(`${ctx.id}: ${text} (code ${code})`, { exchange: ctx.id, code })
      : new InvalidOrderError(`${ctx.id}: ${text} (code ${code})`, { exchange: ctx.id, code });
  }
  return err;
}
