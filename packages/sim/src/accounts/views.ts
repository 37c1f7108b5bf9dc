import type { Ctx } from '../context.js';
import { absBig, D0 } from '../util/decimal.js';
import type { Account } from './account.js';
import { crossSums, liquidationPrice, maintenanceMargin, settingsOf, unrealized, wallet } from './margin.js';
import type { SimBalance, SimPosition } from './types.js';

export function balanceView(ctx: Ctx, account: Account, coin: string): SimBalance {
  const total = wallet(ctx, account, coin);
  const orderMargin = account.reservedIn(coin);
  const positionMargin = account.positionMarginIn(coin);
  let used = orderMargin.plus(positionMargin);
  if (used.gt(total)) used = total.isNegative() ? D0 : total;
  const { upl } = crossSums(ctx, account, coin);
  let isoUpl = D0;
  for (const [symbol, p] of account.positions) {
    const m = ctx.markets.get(symbol);
    if (p.lots === 0n || m === undefined || m.instrument.marginCoin !== coin || settingsOf(ctx, account, m.instrument).marginMode !== 'isolated') continue;
    isoUpl = isoUpl.plus(unrealized(m.instrument, p, m.mark));
  }
  const free = total.minus(used);
  return { coin, total, free: free.isNegative() ? D0 : free, used, orderMargin, positionMargin, unrealizedPnl: upl.plus(isoUpl) };
}

/** Every coin the account holds or held (wallet, reservations). */
export function accountCoins(ctx: Ctx, account: Account): string[] {
  const coins = new Set<string>();
  for (const coin of ctx.ledger.coins()) if (ctx.ledger.holders(coin).has(account.holder)) coins.add(coin);
  for (const coin of account.orderReserved.keys()) coins.add(coin);
  return [...coins].sort();
}

export function positionView(ctx: Ctx, account: Account, symbol: string): SimPosition {
  const m = ctx.markets.get(symbol)!;
  const inst = m.instrument;
  const p = account.position(symbol, ctx.clock.now());
  const settings = settingsOf(ctx, account, inst);
  const size = inst.size(p.lots);
  const flat = p.lots === 0n;
  const liq = liquidationPrice(ctx, account, inst, p);
  return {
    accountId: account.id,
    symbol,
    nativeId: inst.nativeId,
    side: flat ? 'flat' : p.lots > 0n ? 'long' : 'short',
    size,
    ...(flat ? {} : { entryPrice: p.entry }),
    markPrice: m.mark,
    unrealizedPnl: unrealized(inst, p, m.mark),
    realizedPnl: p.realized,
    cumRealizedPnl: p.cumRealized,
    fees: p.fees,
    funding: p.funding,
    leverage: settings.leverage,
    marginMode: settings.marginMode,
    margin: p.margin,
    maintenanceMargin: maintenanceMargin(inst, p, m.mark),
    ...(liq === undefined ? {} : { liquidationPrice: liq }),
    entryValue: flat ? D0 : inst.size(absBig(p.lots)).times(p.entry),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}
