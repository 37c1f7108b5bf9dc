import { markBalance, markOrder, markPosition, pendingFor, type Ctx } from '../context.js';
import type { Market } from '../market-data/market.js';
import { cancelOrderRecord } from '../matching/cancel.js';
import type { OrderRecord } from '../matching/order-record.js';
import type { SimFill } from '../matching/types.js';
import { absBig, D0 } from '../util/decimal.js';
import type { Account } from './account.js';
import { FEES, HOUSE, INSURANCE } from './ledger.js';
import { crossSums, maintenanceMargin, settingsOf, unrealized, wallet } from './margin.js';

/**
 * Maintenance-margin check after the mark moved. Isolated: a position whose margin + upl falls to
 * its maintenance margin is liquidated. Cross: when the account's equity in the coin (wallet −
 * isolated margins + cross upl) falls to the cross maintenance margin, every cross position in
 * that coin is liquidated.
 */
export function checkLiquidations(ctx: Ctx, m: Market): void {
  const inst = m.instrument;
  if (inst.isSpot || m.holders.size === 0) return;
  for (const id of [...m.holders].sort()) {
    const acct = ctx.accounts.get(id)!;
    const pos = acct.positions.get(inst.symbol);
    if (pos === undefined || pos.lots === 0n) continue;
    if (settingsOf(ctx, acct, inst).marginMode === 'isolated') {
      if (pos.margin.plus(unrealized(inst, pos, m.mark)).lte(maintenanceMargin(inst, pos, m.mark))) liquidate(ctx, acct, m);
      continue;
    }
    const coin = inst.marginCoin;
    const s = crossSums(ctx, acct, coin);
    if (wallet(ctx, acct, coin).minus(s.isolatedMargin).plus(s.upl).lte(s.mm)) {
      for (const [symbol, p] of [...acct.positions]) {
        const other = ctx.markets.get(symbol);
        if (other === undefined || p.lots === 0n || other.instrument.marginCoin !== coin) continue;
        if (settingsOf(ctx, acct, other.instrument).marginMode === 'cross') liquidate(ctx, acct, other);
      }
    }
  }
}

/**
 * Closes a position at the mark price, taken over by the venue (it does not go through the book):
 * the account's orders on the market are canceled, the close realizes its PnL and pays the taker
 * fee, and the insurance fund covers what the account cannot (an isolated position loses at most
 * its margin; a cross account never ends below zero).
 */
export function liquidate(ctx: Ctx, acct: Account, m: Market): void {
  const inst = m.instrument;
  const now = ctx.clock.now();
  const pos = acct.positions.get(inst.symbol)!;
  if (pos.lots === 0n) return;
  for (const order of [...acct.live.values()]) if (order.instrument === inst) cancelOrderRecord(ctx, m, order, 'liquidation');
  const coin = inst.marginCoin;
  const isolated = settingsOf(ctx, acct, inst).marginMode === 'isolated';
  const margin = pos.margin;
  const lots = absBig(pos.lots);
  const size = inst.size(lots);
  const price = m.mark;
  const realized = unrealized(inst, pos, price);
  const fee = size.times(price).times(inst.takerFee);
  const side = pos.lots > 0n ? 'sell' : 'buy';
  ctx.ledger.transfer(coin, HOUSE, acct.holder, realized);
  ctx.ledger.transfer(coin, acct.holder, FEES, fee);
  const order: OrderRecord = {
    id: String(++ctx.ids.order),
    accountId: acct.id,
    instrument: inst,
    clientOrderId: undefined,
    side,
    type: 'market',
    timeInForce: 'ioc',
    status: 'filled',
    priceTicks: undefined,
    price: undefined,
    sizeLots: lots,
    filledLots: lots,
    cost: price.times(size),
    fee,
    feeCurrency: coin,
    realizedPnl: realized,
    reduceOnly: true,
    trigger: undefined,
    reserved: D0,
    reserveCoin: coin,
    cancelReason: undefined,
    rejectReason: undefined,
    origin: 'liquidation',
    createdAt: now,
    updatedAt: now,
    entry: undefined,
  };
  ctx.orders.set(order.id, order);
  acct.orders.push(order);
  const fill: SimFill = {
    id: String(++ctx.ids.fill),
    orderId: order.id,
    accountId: acct.id,
    symbol: inst.symbol,
    nativeId: inst.nativeId,
    tradeId: '',
    side,
    price,
    size,
    cost: price.times(size),
    fee,
    feeCurrency: coin,
    feeRate: inst.takerFee,
    liquidity: 'taker',
    realizedPnl: realized,
    closedSize: size,
    orderType: 'market',
    timestamp: now,
  };
  acct.fills.push(fill);
  pendingFor(ctx, acct.id).fills.push(fill);
  pos.realized = pos.realized.plus(realized);
  pos.cumRealized = pos.cumRealized.plus(realized);
  pos.fees = pos.fees.plus(fee);
  pos.lots = 0n;
  pos.entry = D0;
  pos.updatedAt = now;
  acct.setPositionMargin(pos, coin, D0);
  m.holders.delete(acct.id);
  // The insurance fund absorbs the shortfall.
  const loss = realized.minus(fee).negated();
  let cover = D0;
  if (isolated) {
    if (loss.gt(margin)) cover = loss.minus(margin);
  } else {
    const w = wallet(ctx, acct, coin);
    if (w.isNegative()) cover = w.negated();
  }
  ctx.ledger.transfer(coin, INSURANCE, acct.holder, cover);
  markOrder(ctx, order);
  markPosition(ctx, acct.id, inst.symbol);
  markBalance(ctx, acct.id, coin);
}
