import { account as accountOf, markBalance, markOrder, markPosition, pendingFor, type Ctx } from '../context.js';
import type { Market } from '../market-data/market.js';
import { remainingLots, type OrderRecord } from '../matching/order-record.js';
import type { SimFill } from '../matching/types.js';
import { D0, type Decimal } from '../util/decimal.js';
import type { Account, PositionState } from './account.js';
import { FEES, HOUSE } from './ledger.js';
import { positionMarginFor, reserveFor } from './margin.js';
import { applyFill } from './position.js';

/**
 * Books one execution of an account order: money moves (double entry), the position, the
 * order's own figures and what it still reserves. The fee is computed once here, from the
 * instrument's rate, and stored on the fill; nothing recomputes it later.
 */
export function fillOrder(ctx: Ctx, m: Market, order: OrderRecord, price: Decimal, lots: bigint, liquidity: 'maker' | 'taker', tradeId: string): SimFill {
  const inst = m.instrument;
  const acct = accountOf(ctx, order.accountId);
  const now = ctx.clock.now();
  const size = inst.size(lots);
  const notional = price.times(size);
  const feeRate = liquidity === 'maker' ? inst.makerFee : inst.takerFee;
  let fee: Decimal;
  let realized = D0;
  let closedLots = 0n;
  if (inst.isSpot) {
    if (order.side === 'buy') {
      // Spot buys pay their fee in the coin received, so the quote lock (price × size) covers the order.
      fee = size.times(feeRate);
      ctx.ledger.transfer(inst.quote, acct.holder, HOUSE, notional);
      ctx.ledger.transfer(inst.base, HOUSE, acct.holder, size);
      ctx.ledger.transfer(inst.base, acct.holder, FEES, fee);
    } else {
      fee = notional.times(feeRate);
      ctx.ledger.transfer(inst.base, acct.holder, HOUSE, size);
      ctx.ledger.transfer(inst.quote, HOUSE, acct.holder, notional);
      ctx.ledger.transfer(inst.quote, acct.holder, FEES, fee);
    }
    markBalance(ctx, acct.id, inst.base);
    markBalance(ctx, acct.id, inst.quote);
  } else {
    fee = notional.times(feeRate);
    const coin = inst.marginCoin;
    const pos = acct.position(inst.symbol, now);
    const change = applyFill(inst, pos.lots, pos.entry, order.side === 'buy' ? lots : -lots, price);
    realized = change.realized;
    closedLots = change.closedLots;
    ctx.ledger.transfer(coin, HOUSE, acct.holder, realized);
    ctx.ledger.transfer(coin, acct.holder, FEES, fee);
    pos.cumRealized = pos.cumRealized.plus(realized);
    // A new position (from flat, or the far side of a flip) starts its own figures; the closed
    // part of a flip stays in cumRealized.
    if (change.fresh) startFresh(pos, now);
    else pos.realized = pos.realized.plus(realized);
    pos.lots = change.lots;
    pos.entry = change.entry;
    pos.fees = pos.fees.plus(fee);
    pos.updatedAt = now;
    acct.setPositionMargin(pos, coin, positionMarginFor(ctx, acct, inst, pos));
    if (pos.lots === 0n) m.holders.delete(acct.id);
    else m.holders.add(acct.id);
    if (pos.lots === 0n || change.fresh) ctx.reduceOnlySweep.add(`${acct.id}\u0000${inst.symbol}`);
    ctx.liquidationCheck.add(m);
    markPosition(ctx, acct.id, inst.symbol);
    markBalance(ctx, acct.id, coin);
  }

  order.filledLots += lots;
  order.cost = order.cost.plus(notional);
  order.fee = order.fee.plus(fee);
  order.realizedPnl = order.realizedPnl.plus(realized);
  order.updatedAt = now;
  if (order.filledLots === order.sizeLots) {
    order.status = 'filled';
    closeOrder(acct, order);
  } else if (order.entry !== undefined) acct.setReserve(order, reserveFor(ctx, acct, order));
  markOrder(ctx, order);
  markBalance(ctx, acct.id, order.reserveCoin);

  const fill: SimFill = {
    id: String(++ctx.ids.fill),
    orderId: order.id,
    ...(order.clientOrderId === undefined ? {} : { clientOrderId: order.clientOrderId }),
    accountId: acct.id,
    symbol: inst.symbol,
    nativeId: inst.nativeId,
    tradeId,
    side: order.side,
    price,
    size,
    cost: notional,
    fee,
    feeCurrency: order.feeCurrency,
    feeRate,
    liquidity,
    realizedPnl: realized,
    closedSize: inst.size(closedLots),
    orderType: order.type,
    timestamp: now,
  };
  acct.fills.push(fill);
  if (acct.fills.length > ctx.options.historyLimit + (ctx.options.historyLimit >> 2)) acct.fills.splice(0, acct.fills.length - ctx.options.historyLimit);
  pendingFor(ctx, acct.id).fills.push(fill);
  return fill;
}

function startFresh(pos: PositionState, now: number): void {
  pos.realized = D0;
  pos.fees = D0;
  pos.funding = D0;
  pos.createdAt = now;
}

/** A live order leaves the live set and gives back all it reserved (terminal status already set). */
export function closeOrder(acct: Account, order: OrderRecord): void {
  acct.setReserve(order, D0);
  acct.removeLive(order);
  order.entry = undefined;
}

/** Recomputes what a live resting order reserves (after a leverage change). */
export function refreshReserve(ctx: Ctx, acct: Account, order: OrderRecord): void {
  if (order.entry !== undefined && remainingLots(order) > 0n) acct.setReserve(order, reserveFor(ctx, acct, order));
}
