import type { MarginMode } from '@exkit/core';
import { account, market, markBalance, markPosition, type Ctx } from '../context.js';
import { reject } from '../errors.js';
import { parseDecimal } from '../matching/parse.js';
import type { DecimalValue } from '../util/decimal.js';
import { D0 } from '../util/decimal.js';
import { available, positionMarginFor, settingsOf } from './margin.js';
import { refreshReserve } from './settlement.js';

/**
 * Sets the leverage of one market for the account. Position margin and every resting order's
 * margin are recomputed at the new leverage; a change that would leave free margin negative is
 * refused and nothing changes. The same value again is a success with `changed: false`.
 */
export function setLeverage(ctx: Ctx, accountId: string, symbol: string, leverage: DecimalValue): { changed: boolean } {
  const acct = account(ctx, accountId);
  const m = market(ctx, symbol);
  const inst = m.instrument;
  if (inst.isSpot) reject('INVALID_LEVERAGE', 'spot markets have no leverage');
  const lev = parseDecimal(leverage, 'INVALID_LEVERAGE', 'leverage');
  if (lev.lte(D0) || (inst.maxLeverage !== undefined && lev.gt(inst.maxLeverage))) {
    reject('INVALID_LEVERAGE', `leverage must be in (0, ${inst.maxLeverage?.toFixed() ?? '∞'}], got ${lev.toFixed()}`);
  }
  const before = settingsOf(ctx, acct, inst);
  if (before.leverage.eq(lev)) return { changed: false };
  const apply = (l: typeof lev): void => {
    acct.settings.set(inst.symbol, { leverage: l, marginMode: before.marginMode });
    const pos = acct.positions.get(inst.symbol);
    if (pos !== undefined) acct.setPositionMargin(pos, inst.marginCoin, positionMarginFor(ctx, acct, inst, pos));
    for (const order of acct.live.values()) if (order.instrument === inst) refreshReserve(ctx, acct, order);
  };
  apply(lev);
  if (available(ctx, acct, inst.marginCoin).isNegative() && lev.lt(before.leverage)) {
    apply(before.leverage);
    reject('INSUFFICIENT_MARGIN', `not enough free margin for leverage ${lev.toFixed()}`);
  }
  markPosition(ctx, acct.id, inst.symbol);
  markBalance(ctx, acct.id, inst.marginCoin);
  return { changed: true };
}

/** Cross or isolated for one market; refused while it has a position or live orders there. */
export function setMarginMode(ctx: Ctx, accountId: string, symbol: string, mode: MarginMode): { changed: boolean } {
  const acct = account(ctx, accountId);
  const m = market(ctx, symbol);
  const inst = m.instrument;
  if (inst.isSpot) reject('INVALID_PARAMETER', 'spot markets have no margin mode');
  if (mode !== 'cross' && mode !== 'isolated') reject('INVALID_PARAMETER', `margin mode must be cross or isolated, got ${String(mode)}`);
  const before = settingsOf(ctx, acct, inst);
  if (before.marginMode === mode) return { changed: false };
  if ((acct.positions.get(inst.symbol)?.lots ?? 0n) !== 0n || (acct.liveCount.get(inst.symbol) ?? 0) > 0) {
    reject('MODE_CHANGE_BLOCKED', 'margin mode cannot change with a position or live orders on the market');
  }
  acct.settings.set(inst.symbol, { leverage: before.leverage, marginMode: mode });
  markPosition(ctx, acct.id, inst.symbol);
  return { changed: true };
}
