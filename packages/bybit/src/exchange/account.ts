import { NotSupportedError, type Balance, type Decimal, type Market, type Position } from '@exkit/core';
import { mapWalletCoin } from '../map/balance.js';
import { mapPosition } from '../map/position.js';
import { getPositions } from '../rest/endpoints/position-list.js';
import { setLeverage as postLeverage } from '../rest/endpoints/set-leverage.js';
import { getWalletBalance } from '../rest/endpoints/wallet-balance.js';
import type { BybitContext } from './context.js';

/** Every coin of every account of the wallet. */
export async function fetchBalances(ctx: BybitContext): Promise<Balance[]> {
  const res = await getWalletBalance(ctx.rest);
  return res.result.list.flatMap((account) => account.coin.map((c) => mapWalletCoin(c, res.time)));
}

/** Open positions (size ≠ 0) of the linear markets, read per settle coin; flat ones are absent. */
export async function fetchPositions(ctx: BybitContext, markets: readonly Market[] | undefined): Promise<Position[]> {
  if (!ctx.categories.includes('linear')) return [];
  await ctx.loadMarkets();
  const linear = (markets ?? ctx.registry().list()).filter((m) => m.type !== 'spot');
  const settleCoins = [...new Set(linear.map((m) => m.settle).filter((s): s is string => s !== undefined))];
  const now = ctx.clock.now();
  const rows = (await Promise.all(settleCoins.map((settleCoin) => getPositions(ctx.rest, { settleCoin })))).flat();
  const out: Position[] = [];
  for (const row of rows) {
    const market = ctx.marketFor('linear', row.symbol);
    if (market === undefined || row.side === '' || row.size.isZero()) continue;
    out.push(mapPosition(row, market, now));
  }
  return out;
}

export async function setLeverage(ctx: BybitContext, market: Market, leverage: Decimal): Promise<void> {
  if (market.type === 'spot') throw new NotSupportedError(`${ctx.id}: ${market.symbol} is spot: leverage is set on derivatives only`, { exchange: ctx.id });
  await postLeverage(ctx.rest, market.id, leverage.toFixed());
}
