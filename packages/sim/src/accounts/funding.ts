import { markBalance, markPosition, pendingFor, touchMarket, type Ctx } from '../context.js';
import type { Market } from '../market-data/market.js';
import { nextFunding } from '../market-data/market.js';
import { HOUSE } from './ledger.js';
import type { SimFunding } from './types.js';

/**
 * One funding settlement of a perpetual at its mark price: every position pays or receives
 * size × mark × rate (longs pay a positive rate), exactly, to or from the house. The rate is the
 * one the ticker showed. Disabled funding skips the payments but keeps the schedule.
 */
export function settleFunding(ctx: Ctx, m: Market): void {
  const inst = m.instrument;
  const now = ctx.clock.now();
  m.nextFundingTime = nextFunding(now, inst.fundingIntervalMs);
  m.pendingTicker = true;
  touchMarket(ctx, m);
  if (!ctx.funding || inst.isSpot) return;
  const rate = m.fundingRate;
  const mark = m.mark;
  m.pendingFunding = { rate, mark };
  m.fundingHistory.push({ rate, markPrice: mark, timestamp: now });
  if (m.fundingHistory.length > 1000) m.fundingHistory.splice(0, m.fundingHistory.length - 1000);
  for (const id of [...m.holders].sort()) {
    const acct = ctx.accounts.get(id)!;
    const pos = acct.positions.get(inst.symbol);
    if (pos === undefined || pos.lots === 0n) continue;
    const size = inst.size(pos.lots);
    const amount = size.times(mark).times(rate).negated();
    ctx.ledger.transfer(inst.marginCoin, HOUSE, acct.holder, amount);
    pos.funding = pos.funding.plus(amount);
    pos.updatedAt = now;
    const funding: SimFunding = { accountId: id, symbol: inst.symbol, rate, markPrice: mark, size, amount, coin: inst.marginCoin, timestamp: now };
    acct.fundings.push(funding);
    if (acct.fundings.length > ctx.options.historyLimit) acct.fundings.splice(0, acct.fundings.length - ctx.options.historyLimit);
    pendingFor(ctx, id).fundings.push(funding);
    markPosition(ctx, id, inst.symbol);
    markBalance(ctx, id, inst.marginCoin);
  }
  ctx.liquidationCheck.add(m);
}
