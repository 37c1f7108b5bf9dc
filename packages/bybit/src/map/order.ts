import { ZERO, isTerminalStatus, type Fee, type Market, type Order, type OrderStatus, type TimeInForce, type TriggerReference } from '@exkit/core';
import type { WireOrderStatus, WireTimeInForce, WireTriggerBy } from '../rest/schemas/common.js';
import type { WireOrder } from '../rest/schemas/trade.js';
import { mapSide } from './trade.js';
import { positiveOrUndefined, unexpected } from './util.js';

/**
 * Bybit order status → core (reference §8). `Triggered` is the transient step of a conditional
 * order becoming a live one; `Deactivated` is a conditional/TP-SL order cancelled before it
 * triggered; `PartiallyFilledCanceled` is spot's "cancelled with fills".
 */
export const ORDER_STATUS: Readonly<Record<WireOrderStatus, OrderStatus>> = {
  New: 'open',
  PartiallyFilled: 'open',
  Untriggered: 'untriggered',
  Triggered: 'open',
  Rejected: 'rejected',
  PartiallyFilledCanceled: 'canceled',
  Filled: 'filled',
  Cancelled: 'canceled',
  Deactivated: 'canceled',
};

/**
 * `RPI` orders are post-only maker orders of approved market makers (DOCS `docs/v5/enum.mdx`
 * timeInForce: "Post-Only Mechanism: act as maker orders").
 */
export const TIME_IN_FORCE: Readonly<Record<WireTimeInForce, TimeInForce>> = {
  GTC: 'gtc',
  IOC: 'ioc',
  FOK: 'fok',
  PostOnly: 'post_only',
  RPI: 'post_only',
};

export const TRIGGER_BY: Readonly<Record<WireTriggerBy, TriggerReference | undefined>> = {
  LastPrice: 'last',
  MarkPrice: 'mark',
  IndexPrice: 'index',
  UNKNOWN: undefined,
  '': undefined,
};

/**
 * The order's fee, when it is in one currency: `cumFeeDetail` (`{coin: fee}`, linear and spot) or
 * else the deprecated `cumExecFee` in the settle coin (derivatives). Spot fees may come in two
 * coins over one order's life; then the order carries none (its fills carry each exactly).
 */
function orderFee(w: WireOrder, market: Market): Fee | undefined {
  const detail = Object.entries(w.cumFeeDetail ?? {});
  if (detail.length === 1) {
    const [currency, amount] = detail[0]!;
    return { currency, amount };
  }
  if (detail.length === 0 && w.cumExecFee !== undefined && market.settle !== undefined) return { currency: market.settle, amount: w.cumExecFee };
  return undefined;
}

/**
 * A wire order → core Order, amounts in base units:
 * - `filled` = `cumExecQty`; `cost` = `cumExecValue` (Σ price × qty, quote); `average` = cost /
 *   filled, exact at core's precision (the venue's `avgPrice` may be rounded);
 * - `remaining` = amount − filled while open, 0 once terminal (`leavesQty` is `""` on some rows);
 * - `triggerPrice` `"0"`/`""` means no trigger; market orders carry no limit price (Bybit reports a
 *   protection price there);
 * - a spot market order counted in quote (`marketUnit=quoteCoin`, the default of a market buy, placed
 *   by another client) has a base amount known only from its fills: amount = filled.
 * An `UNKNOWN` order type cannot be expressed in core: UnexpectedResponse, never a default.
 */
export function mapOrder(w: WireOrder, market: Market): Order {
  if (w.orderType === 'UNKNOWN') throw unexpected(`order ${w.orderId} has orderType UNKNOWN`, 'orderType');
  const type = w.orderType === 'Market' ? 'market' : 'limit';
  const status = ORDER_STATUS[w.orderStatus];
  const filled = w.cumExecQty;
  // Spot market orders: `qty` is in `marketUnit`; unset, the venue's default applies — quote for a
  // buy, base for a sell (reference §5 create-order `marketUnit`). The adapter always sends baseCoin.
  const unit = w.marketUnit === 'baseCoin' || w.marketUnit === 'quoteCoin' ? w.marketUnit : w.side === 'Buy' ? 'quoteCoin' : 'baseCoin';
  const quoteUnits = market.type === 'spot' && type === 'market' && unit === 'quoteCoin';
  const amount = quoteUnits ? filled : w.qty;
  const remaining = isTerminalStatus(status) || quoteUnits ? ZERO : amount.minus(filled);
  const cost = w.cumExecValue ?? ZERO;
  const average = filled.gt(0) && cost.gt(0) ? cost.div(filled) : undefined;
  const price = type === 'limit' ? positiveOrUndefined(w.price) : undefined;
  const triggerPrice = positiveOrUndefined(w.triggerPrice);
  const triggerReference = triggerPrice === undefined || w.triggerBy === undefined ? undefined : TRIGGER_BY[w.triggerBy];
  const fee = orderFee(w, market);
  if (remaining.lt(0)) throw unexpected(`order ${w.orderId}: cumExecQty ${filled.toFixed()} exceeds qty ${w.qty.toFixed()}`, 'cumExecQty');
  return {
    id: w.orderId,
    ...(w.orderLinkId !== '' && { clientOrderId: w.orderLinkId }),
    symbol: market.symbol,
    type,
    side: mapSide(w.side),
    timeInForce: TIME_IN_FORCE[w.timeInForce],
    status,
    ...(price !== undefined && { price }),
    amount,
    filled,
    remaining,
    ...(average !== undefined && { average }),
    cost,
    ...(fee !== undefined && { fee }),
    ...(triggerPrice !== undefined && { triggerPrice }),
    ...(triggerReference !== undefined && { triggerReference }),
    reduceOnly: w.reduceOnly,
    postOnly: w.timeInForce === 'PostOnly' || w.timeInForce === 'RPI',
    timestamp: w.createdTime,
    updatedAt: w.updatedTime,
  };
}
