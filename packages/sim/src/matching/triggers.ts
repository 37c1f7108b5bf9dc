import { markOrder, type Ctx } from '../context.js';
import { SimRejection } from '../errors.js';
import type { Market } from '../market-data/market.js';
import { isLive } from './order-record.js';
import { referencePrice, rejectTriggered, submit } from './orders.js';

/**
 * Fires the market's conditional orders whose reference crossed their trigger, oldest first. A
 * fired order trades as its type (stop-market → market, stop-limit → limit at its price, resting
 * there and never filling beyond it); if the venue refuses it then (margin, reduce-only with no
 * position, halted market), it ends `rejected`.
 */
export function evaluateTriggers(ctx: Ctx, m: Market): void {
  if (m.conditional.length === 0) return;
  const due = m.conditional.filter((o) => {
    const t = o.trigger!;
    const ref = referencePrice(m, t.reference);
    return t.direction === 'rise' ? ref.gte(t.price) : ref.lte(t.price);
  });
  if (due.length === 0) return;
  m.conditional = m.conditional.filter((o) => !due.includes(o));
  const now = ctx.clock.now();
  for (const order of due) {
    if (!isLive(order)) continue;
    const acct = ctx.accounts.get(order.accountId)!;
    order.trigger!.triggeredAt = now;
    order.updatedAt = now;
    markOrder(ctx, order);
    try {
      if (m.instrument.status === 'halted') throw new SimRejection('MARKET_HALTED', `${m.instrument.symbol} is halted`);
      if (order.reduceOnly) {
        const lots = acct.positions.get(m.instrument.symbol)?.lots ?? 0n;
        if (lots === 0n) throw new SimRejection('REDUCE_ONLY_NO_POSITION', 'no position to reduce when the trigger fired');
        if ((lots > 0n) === (order.side === 'buy')) throw new SimRejection('REDUCE_ONLY_WOULD_INCREASE', 'the position is on the order side when the trigger fired');
      }
      submit(ctx, m, acct, order, false);
    } catch (error) {
      if (!(error instanceof SimRejection)) throw error;
      rejectTriggered(ctx, acct, order, error);
    }
  }
}
