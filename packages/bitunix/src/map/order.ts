import { isTerminalStatus, UnexpectedResponseError, ZERO, type Decimal, type Market, type Order, type TimeInForce } from '@exkit/core';
import { EFFECTS, type WireEffect } from '../rest/schemas/common.js';
import type { WireOrder } from '../rest/schemas/order.js';
import type { WsOrder } from '../ws/schemas/private.js';
import { toOrderStatus, toOrderType, toSide, toTimeInForce } from './enums.js';

const EXCHANGE = 'bitunix';

/** The fee as reported, in the settle currency (never recomputed). */
function fee(amount: Decimal | undefined, market: Market): Order['fee'] {
  return amount === undefined ? undefined : { amount, currency: market.settle ?? market.quote };
}

/** Effect absent (market orders, some replies) → core's defaults: gtc for limit, ioc for market (PlaceOrderRequest doc). */
function tifOf(effect: WireEffect | undefined, type: Order['type']): TimeInForce {
  if (effect !== undefined) return toTimeInForce(effect);
  return type === 'market' ? 'ioc' : 'gtc';
}

/**
 * Decimals of an exact cost: every fill is price (on tick) × qty (on step) × contractSize, so Σ price × size has at
 * most this many decimals — rounding average × filled to it recovers the exact sum from the venue's average
 * (which carries more digits than that, being Σ / filled).
 */
function costDecimals(market: Market): number {
  return market.tickSize.decimalPlaces() + market.stepSize.decimalPlaces() + market.contractSize.decimalPlaces();
}

function finish(input: Omit<Order, 'remaining' | 'cost' | 'average'> & { average?: Decimal }, market: Market): Order {
  const { average: reported, ...o } = input;
  const terminal = isTerminalStatus(o.status);
  const filled = o.filled;
  const average = reported !== undefined && reported.gt(0) && filled.gt(0) ? reported : undefined;
  const open = o.amount.sub(filled);
  return {
    ...o,
    remaining: terminal || open.isNegative() ? ZERO : open,
    ...(average !== undefined && { average }),
    // Bitunix reports no cumulative quote amount: cost = average × filled, brought back onto the fills' grid.
    cost: average !== undefined ? average.mul(filled).toDecimalPlaces(costDecimals(market)) : ZERO,
  };
}

/**
 * A REST order (get_order_detail / get_pending_orders / get_history_orders) → Order. Amounts are base units
 * (`qty`, `tradeQty`); `price` is dropped for market orders (live may send null or "0").
 */
export function fromRestOrder(o: WireOrder, market: Market): Order {
  const wireType = o.orderType ?? o.type;
  if (wireType === undefined) throw new UnexpectedResponseError(`order ${o.orderId} has no type`, { exchange: EXCHANGE, path: 'orderType' });
  // The doc examples omit `side` although the table lists it: an order without one cannot be represented.
  if (o.side === undefined) throw new UnexpectedResponseError(`order ${o.orderId} has no side`, { exchange: EXCHANGE, path: 'side' });
  const type = toOrderType(wireType);
  const amount = o.qty.mul(market.contractSize);
  const filled = (o.tradeQty ?? ZERO).mul(market.contractSize);
  const f = fee(o.fee, market);
  return finish({
    id: o.orderId,
    ...(o.clientId !== undefined && { clientOrderId: o.clientId }),
    symbol: market.symbol,
    type,
    side: toSide(o.side),
    timeInForce: tifOf(o.effect, type),
    status: toOrderStatus(o.status),
    ...(type === 'limit' && o.price !== undefined && o.price.gt(0) && { price: o.price }),
    amount,
    filled,
    ...(o.avgPrice !== undefined && { average: o.avgPrice }),
    ...(f !== undefined && { fee: f }),
    reduceOnly: o.reduceOnly ?? false,
    postOnly: o.effect === 'POST_ONLY',
    timestamp: o.ctime,
    updatedAt: o.mtime ?? o.ctime,
  }, market);
}

/** What mapping a WS order frame needs beyond the frame itself. */
export interface WsOrderContext {
  /** The last known state of the order (to keep a time in force the frame garbles). */
  readonly known?: Order;
}

/**
 * Why a WS order cannot be mapped from the frame alone: the REST detail is the authority then.
 * - `effect`: an effect outside GTC/IOC/FOK/POST_ONLY (TIQ saw `SHORT` live) with no known state to keep it from;
 * - `dealAmount`: larger than `qty`, so it cannot be the filled quantity (the unit is an open point, §9).
 */
export type WsOrderGap = 'effect' | 'dealAmount';

/**
 * A WS `order` item → Order, or the reason it needs a REST lookup. `dealAmount` is read as the cumulative filled
 * quantity (NET: "Cumulative executed amount"); `mtime`/`ctime` are ISO strings; `reductionOnly` (older table)
 * and `reduceOnly` both read.
 */
export function fromWsOrder(o: WsOrder, market: Market, ctx: WsOrderContext = {}): Order | WsOrderGap {
  const type = toOrderType(o.type);
  const effectText = o.effect?.trim().toUpperCase();
  let tif: TimeInForce;
  if (effectText === undefined || effectText === '') tif = ctx.known?.timeInForce ?? tifOf(undefined, type);
  else if ((EFFECTS as readonly string[]).includes(effectText)) tif = toTimeInForce(effectText as WireEffect);
  else if (ctx.known !== undefined) tif = ctx.known.timeInForce;
  else return 'effect';
  const amount = o.qty.mul(market.contractSize);
  const dealt = o.dealAmount ?? ZERO;
  if (dealt.gt(o.qty)) return 'dealAmount';
  const filled = dealt.mul(market.contractSize);
  const f = fee(o.fee, market);
  return finish({
    id: o.orderId,
    ...(o.clientId !== undefined && { clientOrderId: o.clientId }),
    symbol: market.symbol,
    type,
    side: toSide(o.side),
    timeInForce: tif,
    status: toOrderStatus(o.orderStatus),
    ...(type === 'limit' && o.price !== undefined && o.price.gt(0) && { price: o.price }),
    amount,
    filled,
    ...(o.averagePrice !== undefined && { average: o.averagePrice }),
    ...(f !== undefined && { fee: f }),
    reduceOnly: o.reduceOnly ?? o.reductionOnly ?? false,
    postOnly: tif === 'post_only',
    timestamp: o.ctime,
    updatedAt: o.mtime ?? o.ctime,
  }, market);
}
