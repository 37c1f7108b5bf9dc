import { InvalidArgumentError, type Balance, type Decimal, type Market, type Position } from '@exkit/core';
import { fromAccount } from '../map/balance.js';
import { fromMarginMode } from '../map/enums.js';
import { fromPendingPosition } from '../map/position.js';
import { getAccount } from '../rest/endpoints/account.js';
import { changeLeverage } from '../rest/endpoints/change-leverage.js';
import { changeMarginMode } from '../rest/endpoints/change-margin-mode.js';
import { changePositionMode } from '../rest/endpoints/change-position-mode.js';
import { getPendingPositions } from '../rest/endpoints/pending-positions.js';
import { ensureMarkets, MARGIN_COIN, type BitunixContext } from './context.js';

export async function fetchBalances(ctx: BitunixContext): Promise<Balance[]> {
  return [fromAccount(await getAccount(ctx.rest, { marginCoin: MARGIN_COIN }), ctx.clock.now())];
}

export async function fetchPositions(ctx: BitunixContext, markets: readonly Market[] | undefined): Promise<Position[]> {
  await ensureMarkets(ctx);
  const rows = await getPendingPositions(ctx.rest, markets?.length === 1 && markets[0] !== undefined ? { symbol: markets[0].id } : {});
  const out: Position[] = [];
  for (const row of rows) {
    const m = ctx.registry().find(row.symbol.toUpperCase());
    if (m !== undefined) out.push(fromPendingPosition(row, m));
  }
  return out;
}

export async function setLeverage(ctx: BitunixContext, market: Market, leverage: Decimal): Promise<void> {
  // The body's `leverage` is a JSON int (bitunix.md §5 change_leverage).
  if (!leverage.isInteger()) throw new InvalidArgumentError(`${ctx.id}: leverage must be a whole number, got ${leverage.toFixed()}`, { exchange: ctx.id });
  await changeLeverage(ctx.rest, { symbol: market.id, leverage: leverage.toNumber(), marginCoin: market.settle ?? MARGIN_COIN });
}

export async function setMarginMode(ctx: BitunixContext, symbol: string, mode: 'cross' | 'isolated'): Promise<void> {
  const m = await ctx.market(symbol);
  await changeMarginMode(ctx.rest, { symbol: m.id, marginMode: fromMarginMode(mode), marginCoin: m.settle ?? MARGIN_COIN });
}

export async function setPositionMode(ctx: BitunixContext, mode: 'one_way' | 'hedge'): Promise<void> {
  await changePositionMode(ctx.rest, { positionMode: mode === 'hedge' ? 'HEDGE' : 'ONE_WAY' });
}
