import { closeOrder } from '../accounts/settlement.js';
import { markBalance, markOrder, type Ctx } from '../context.js';
import type { CancelReason } from '../errors.js';
import type { Market } from '../market-data/market.js';
import type { OrderRecord } from './order-record.js';

/** Takes an order off the book (or the trigger list) and ends it canceled; its reservation returns whole. */
export function cancelOrderRecord(ctx: Ctx, m: Market, order: OrderRecord, reason: CancelReason): void {
  unrest(m, order);
  if (order.status === 'untriggered') m.conditional = m.conditional.filter((o) => o !== order);
  const acct = ctx.accounts.get(order.accountId)!;
  order.status = 'canceled';
  order.cancelReason = reason;
  order.updatedAt = ctx.clock.now();
  closeOrder(acct, order);
  markOrder(ctx, order);
  markBalance(ctx, acct.id, order.reserveCoin);
}

/** Removes a resting order's entry from its level (priority lost). */
export function unrest(m: Market, order: OrderRecord): void {
  const entry = order.entry;
  if (entry === undefined) return;
  const bid = order.side === 'buy';
  const level = entry.level;
  level.remove(entry);
  level.sizeLabel = undefined;
  m.book.touch(level, bid);
  m.book.side(bid).dropIfEmpty(level);
  order.entry = undefined;
}

/** Puts a live order's remainder at the back of its price level. */
export function rest(m: Market, order: OrderRecord, lots: bigint): void {
  const bid = order.side === 'buy';
  const ticks = order.priceTicks!;
  const level = m.book.side(bid).getOrCreate(ticks, () => order.price!);
  order.entry = level.push(order, lots);
  level.sizeLabel = undefined;
  m.book.touch(level, bid);
}
