import type { HistoryQuery } from '@exkit/core';
import { getHistoryPositions, type HistoryPositionsParams } from '../rest/endpoints/history-positions.js';
import type { WireHistoryPosition } from '../rest/schemas/position.js';
import type { BitunixContext } from './context.js';
import { pages } from './paging.js';
import type { PositionRecord } from './types.js';

/** Closed positions (position/get_history_positions), ascending by open time. */
export async function fetchPositionHistory(ctx: BitunixContext, symbol: string | undefined, query: HistoryQuery): Promise<PositionRecord[]> {
  const m = symbol === undefined ? undefined : await ctx.market(symbol);
  if (m === undefined) await ctx.loadMarkets();
  const params: HistoryPositionsParams = {
    ...(m && { symbol: m.id }),
    ...(query.since !== undefined && { startTime: query.since }),
    ...(query.until !== undefined && { endTime: query.until - 1 }),
  };
  const rows = await pages((p) => getHistoryPositions(ctx.rest, { ...params, ...p }).then((r) => ({ rows: r.positionList, total: r.total })), query.limit ?? 100);
  return rows.flatMap((r) => positionRecord(ctx, r)).sort((a, b) => a.openedAt - b.openedAt);
}

function positionRecord(ctx: BitunixContext, r: WireHistoryPosition): PositionRecord[] {
  const m = ctx.registry().find(r.symbol.toUpperCase());
  if (m === undefined) return [];
  return [
    {
      positionId: r.positionId,
      symbol: m.symbol,
      side: r.side === 'LONG' ? 'long' : 'short',
      ...(r.maxQty !== undefined && { maxSize: r.maxQty.mul(m.contractSize) }),
      ...(r.entryPrice !== undefined && { entryPrice: r.entryPrice }),
      ...(r.closePrice !== undefined && { closePrice: r.closePrice }),
      ...(r.realizedPNL !== undefined && { realizedPnl: r.realizedPNL }),
      ...(r.fee !== undefined && { fee: r.fee }),
      ...(r.funding !== undefined && { funding: r.funding }),
      ...(r.leverage !== undefined && { leverage: r.leverage }),
      openedAt: r.ctime,
      ...(r.mtime !== undefined && { closedAt: r.mtime }),
    },
  ];
}
