import type { Ctx } from '../context.js';
import type { SimInstrument } from '../instruments/instrument.js';
import { remainingLots, type OrderRecord } from '../matching/order-record.js';
import { absBig, D0, D1, Decimal } from '../util/decimal.js';
import type { Account, MarketSettings, PositionState } from './account.js';
import { initialMargin } from './position.js';

export function settingsOf(ctx: Ctx, account: Account, inst: SimInstrument): MarketSettings {
  return account.settings.get(inst.symbol) ?? { leverage: inst.defaultLeverage, marginMode: ctx.options.defaultMarginMode };
}

export function wallet(ctx: Ctx, account: Account, coin: string): Decimal {
  return ctx.ledger.get(coin, account.holder);
}

/**
 * What a resting order holds: a perpetual's initial margin (remaining × price / leverage, rounded
 * up; nothing for reduce-only), a spot buy's quote (remaining × price), a spot sell's base.
 */
export function reserveFor(ctx: Ctx, account: Account, order: OrderRecord, lots: bigint = remainingLots(order), price: Decimal | undefined = order.price): Decimal {
  const inst = order.instrument;
  if (lots <= 0n) return D0;
  if (inst.isSpot) {
    if (order.side === 'sell') return inst.size(lots);
    return price === undefined ? D0 : price.times(inst.size(lots));
  }
  if (order.reduceOnly || price === undefined) return D0;
  return initialMargin(price.times(inst.size(lots)), settingsOf(ctx, account, inst).leverage);
}

export function unrealized(inst: SimInstrument, p: PositionState, mark: Decimal): Decimal {
  if (p.lots === 0n) return D0;
  return mark.minus(p.entry).times(inst.size(p.lots));
}

export function maintenanceMargin(inst: SimInstrument, p: PositionState, mark: Decimal): Decimal {
  return inst.size(absBig(p.lots)).times(mark).times(inst.maintenanceMarginRate);
}

export function positionMarginFor(ctx: Ctx, account: Account, inst: SimInstrument, p: PositionState): Decimal {
  if (p.lots === 0n) return D0;
  return initialMargin(inst.size(absBig(p.lots)).times(p.entry), settingsOf(ctx, account, inst).leverage);
}

interface CrossSums {
  upl: Decimal;
  mm: Decimal;
  isolatedMargin: Decimal;
}

/** Σ over the account's positions settled in `coin`: cross upl and maintenance, isolated margins. */
export function crossSums(ctx: Ctx, account: Account, coin: string, except?: string): CrossSums {
  let upl = D0;
  let mm = D0;
  let isolatedMargin = D0;
  for (const [symbol, p] of account.positions) {
    if (p.lots === 0n) continue;
    const m = ctx.markets.get(symbol);
    if (m === undefined || m.instrument.marginCoin !== coin || m.instrument.isSpot) continue;
    if (settingsOf(ctx, account, m.instrument).marginMode === 'isolated') {
      isolatedMargin = isolatedMargin.plus(p.margin);
      continue;
    }
    if (symbol === except) continue;
    upl = upl.plus(unrealized(m.instrument, p, m.mark));
    mm = mm.plus(maintenanceMargin(m.instrument, p, m.mark));
  }
  return { upl, mm, isolatedMargin };
}

/**
 * What an order may still take from `coin`: free balance, less the unrealized loss of cross
 * positions (a paper gain never funds a new order).
 */
export function available(ctx: Ctx, account: Account, coin: string): Decimal {
  const free = wallet(ctx, account, coin).minus(account.usedIn(coin));
  const { upl } = crossSums(ctx, account, coin);
  return upl.isNegative() ? free.plus(upl) : free;
}

/**
 * The mark at which the position is liquidated. Cross: the account's equity in the coin (wallet
 * minus isolated margins plus the other cross positions' upl less their maintenance) with this
 * position's upl falls to its maintenance margin; isolated: its margin does. Undefined when no
 * positive price does it.
 */
export function liquidationPrice(ctx: Ctx, account: Account, inst: SimInstrument, p: PositionState): Decimal | undefined {
  if (p.lots === 0n || inst.isSpot) return undefined;
  const coin = inst.marginCoin;
  let equity: Decimal;
  if (settingsOf(ctx, account, inst).marginMode === 'isolated') equity = p.margin;
  else {
    const others = crossSums(ctx, account, coin, inst.symbol);
    equity = wallet(ctx, account, coin).minus(others.isolatedMargin).plus(others.upl).minus(others.mm);
  }
  const a = inst.size(absBig(p.lots));
  const mmr = inst.maintenanceMarginRate;
  const price =
    p.lots > 0n
      ? p.entry.times(a).minus(equity).div(a.times(D1.minus(mmr)))
      : equity.plus(p.entry.times(a)).div(a.times(D1.plus(mmr)));
  if (!price.isFinite() || price.lte(D0)) return undefined;
  // On the tick, on the adverse side of the exact value (long: up, short: down).
  const ticks = price.div(inst.tickSize).toDecimalPlaces(0, p.lots > 0n ? Decimal.ROUND_UP : Decimal.ROUND_DOWN);
  return ticks.lte(D0) ? undefined : ticks.times(inst.tickSize);
}
