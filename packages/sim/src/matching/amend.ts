import type { Account } from '../accounts/account.js';
import { reserveFor } from '../accounts/margin.js';
import { account, market, markBalance, markOrder, type Ctx } from '../context.js';
import { reject } from '../errors.js';
import type { Market } from '../market-data/market.js';
import { D0, type Decimal } from '../util/decimal.js';
import { rest, unrest } from './cancel.js';
import { match, opposite } from './matcher.js';
import { remainingLots, type OrderRecord } from './order-record.js';
import { checkFunds, liveOrder, parseTrigger } from './orders.js';
import { parseDecimal } from './parse.js';
import type { AmendOrderRequest } from './types.js';

/**
 * Changes price, size and/or trigger of a live order. Priority follows the venues: a size
 * decrease keeps the order's place in its queue; a price change or a size increase sends it to the
 * back (of its new level). A new price that crosses trades at once (post-only refuses instead).
 * Size is the new total; at or below what already filled is refused and nothing changes.
 */
export function amendOrder(ctx: Ctx, accountId: string, req: AmendOrderRequest): OrderRecord {
  const acct = account(ctx, accountId);
  if (req.symbol !== undefined) market(ctx, req.symbol);
  const order = liveOrder(ctx, acct, req);
  const m = ctx.markets.get(order.instrument.symbol)!;
  const inst = m.instrument;
  if (inst.status === 'halted') reject('MARKET_HALTED', `${inst.symbol} is halted`);
  if (req.price === undefined && req.size === undefined && req.triggerPrice === undefined) reject('NOTHING_TO_AMEND', 'give price, size or triggerPrice');

  let lots = order.sizeLots;
  if (req.size !== undefined) {
    const size = parseDecimal(req.size, 'INVALID_SIZE', 'size');
    if (size.lte(D0)) reject('INVALID_SIZE', 'size must be > 0');
    lots = inst.sizeToLots(size) ?? reject('SIZE_STEP', `size ${size.toFixed()} is not a multiple of the step ${inst.stepSize.toFixed()}`);
    if (order.filledLots > 0n && lots <= order.filledLots) reject('AMEND_BELOW_FILLED', `size ${size.toFixed()} is not above the filled ${inst.size(order.filledLots).toFixed()}`);
    if (lots < inst.minLots) reject('SIZE_MIN', `size ${size.toFixed()} is below the minimum ${inst.minSize.toFixed()}`);
    if (inst.maxLots !== undefined && lots > inst.maxLots) reject('SIZE_MAX', `size ${size.toFixed()} is above the maximum ${inst.maxSize!.toFixed()}`);
  }
  let price = order.price;
  let ticks = order.priceTicks;
  if (req.price !== undefined) {
    if (order.type !== 'limit') reject('INVALID_PARAMETER', 'only a limit order has a price to amend');
    price = parseDecimal(req.price, 'INVALID_PRICE', 'price');
    if (price.lte(D0)) reject('INVALID_PRICE', 'price must be > 0');
    ticks = inst.priceToTicks(price) ?? reject('PRICE_TICK', `price ${price.toFixed()} is not on the tick ${inst.tickSize.toFixed()}`);
  }
  let trigger = order.trigger;
  if (req.triggerPrice !== undefined) {
    if (order.status !== 'untriggered' || trigger === undefined) reject('INVALID_PARAMETER', 'only an untriggered conditional order has a trigger to amend');
    const t = parseDecimal(req.triggerPrice, 'INVALID_TRIGGER', 'trigger price');
    trigger = t.eq(trigger.price) ? trigger : parseTrigger(m, t, trigger.reference, trigger.direction);
  }
  const priceChanged = ticks !== order.priceTicks;
  const sizeChanged = lots !== order.sizeLots;
  if (!priceChanged && !sizeChanged && trigger === order.trigger) reject('NOTHING_TO_AMEND', 'the order already has these values');
  const notionalPrice = price ?? trigger?.price ?? m.last;
  if (inst.minNotional !== undefined && notionalPrice.times(inst.size(lots)).lt(inst.minNotional)) {
    reject('NOTIONAL_MIN', `notional ${notionalPrice.times(inst.size(lots)).toFixed()} is below the minimum ${inst.minNotional.toFixed()}`);
  }

  const now = ctx.clock.now();
  if (order.status === 'untriggered') {
    order.sizeLots = lots;
    order.price = price;
    order.priceTicks = ticks;
    order.trigger = trigger;
    order.updatedAt = now;
    markOrder(ctx, order);
    return order;
  }

  const crosses = priceChanged && crossesAt(m, order, ticks!);
  if (crosses && order.timeInForce === 'post_only') reject('POST_ONLY_WOULD_CROSS', 'the new price would take liquidity');
  // Funds for what the order will hold after the change (its current reservation is given back first).
  const newRemaining = lots - order.filledLots;
  const extra = reserveFor(ctx, acct, order, newRemaining, price).minus(order.reserved);
  if (extra.gt(D0)) withReleased(acct, order, () => checkFunds(ctx, m, acct, order, newRemaining, price));

  order.updatedAt = now;
  markOrder(ctx, order);
  markBalance(ctx, acct.id, order.reserveCoin);
  if (!priceChanged && lots < order.sizeLots) {
    // Size down: keeps its place in the queue.
    const entry = order.entry!;
    const level = entry.level;
    level.take(entry, order.sizeLots - lots);
    level.sizeLabel = undefined;
    m.book.touch(level, order.side === 'buy');
    order.sizeLots = lots;
    acct.setReserve(order, reserveFor(ctx, acct, order));
    return order;
  }
  unrest(m, order);
  order.sizeLots = lots;
  order.price = price;
  order.priceTicks = ticks;
  if (crosses) match(ctx, m, order.side, ticks, remainingLots(order), order);
  if (order.status === 'open') {
    rest(m, order, remainingLots(order));
    acct.setReserve(order, reserveFor(ctx, acct, order));
  }
  return order;
}

function crossesAt(m: Market, order: OrderRecord, ticks: bigint): boolean {
  const best = opposite(m, order.side).best();
  if (best === undefined) return false;
  return order.side === 'buy' ? best.ticks <= ticks : best.ticks >= ticks;
}

/** Runs a funds check as if the order's current reservation were already free. */
function withReleased(acct: Account, order: OrderRecord, check: () => void): void {
  const held: Decimal = order.reserved;
  acct.setReserve(order, D0);
  try {
    check();
  } finally {
    acct.setReserve(order, held);
  }
}
