/** Positions (reference §5): GET /v5/position/list, POST /v5/position/set-leverage. One-way mode only (positionIdx 0). */
import { ZERO } from '@exkit/core';
import type { SimInstrument, SimPosition, SimVenue } from '@exkit/sim';
import { RET } from '../../codes.js';
import { num, px, qty } from '../../format.js';
import { BybitFailure, fail } from '../envelope.js';
import { instrumentOf, pageOf } from '../params.js';
import type { Route } from '../types.js';

/** A position row; `entryField` is `avgPrice` on REST and `entryPrice` on the WS `position` topic. */
export function positionRow(venue: SimVenue, accountId: string, i: SimInstrument, p: SimPosition | undefined, entryField: 'avgPrice' | 'entryPrice'): Record<string, unknown> {
  const settings = venue.marginSettings(accountId, i.symbol);
  const size = p === undefined ? ZERO : p.size.abs();
  const flat = size.isZero();
  const mark = p?.markPrice ?? venue.ticker(i.symbol).markPrice ?? venue.ticker(i.symbol).last;
  return {
    positionIdx: 0,
    riskId: 1,
    riskLimitValue: '2000000',
    symbol: i.nativeId,
    side: flat ? '' : p!.side === 'long' ? 'Buy' : 'Sell',
    size: qty(i, size),
    [entryField]: flat || p?.entryPrice === undefined ? '0' : px(i, p.entryPrice),
    positionValue: flat ? '' : num(p!.entryValue),
    tradeMode: 0,
    positionStatus: 'Normal',
    autoAddMargin: 0,
    adlRankIndicator: flat ? 0 : 2,
    leverage: settings.leverage.toFixed(),
    positionBalance: flat ? '0' : num(p!.margin),
    markPrice: px(i, mark),
    liqPrice: p?.liquidationPrice === undefined ? '' : px(i, p.liquidationPrice),
    bustPrice: '',
    positionMM: flat ? '0' : num(p!.maintenanceMargin),
    positionIM: flat ? '0' : num(p!.margin),
    positionMMByMp: flat ? '0' : num(p!.maintenanceMargin),
    positionIMByMp: flat ? '0' : num(p!.margin),
    tpslMode: 'Full',
    takeProfit: '',
    stopLoss: '',
    trailingStop: '0',
    unrealisedPnl: p === undefined ? '0' : num(p.unrealizedPnl),
    curRealisedPnl: p === undefined ? '0' : num(p.realizedPnl.plus(p.fees).plus(p.funding)),
    cumRealisedPnl: p === undefined ? '0' : num(p.cumRealizedPnl),
    sessionAvgPrice: '',
    isReduceOnly: false,
    mmrSysUpdatedTime: '',
    leverageSysUpdatedTime: '',
    breakEvenPrice: '',
    openTime: p === undefined ? 0 : p.createdAt,
    seq: -1,
    createdTime: String(p?.createdAt ?? venue.serverTime()),
    updatedTime: String(p?.updatedAt ?? venue.serverTime()),
  };
}

export const positionRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/v5/position/list',
    auth: 'read',
    operation: 'fetchPositions',
    handle: ({ venue, params, accountId }) => {
      const category = params.category(['linear']);
      const symbol = params.str('symbol');
      const settleCoin = params.str('settleCoin');
      let rows: Array<Record<string, unknown>>;
      if (symbol !== undefined) {
        const i = instrumentOf(venue, category, symbol);
        rows = [positionRow(venue, accountId, i, venue.positions(accountId, i.symbol)[0], 'avgPrice')];
      } else if (settleCoin !== undefined) {
        rows = venue
          .positions(accountId)
          .filter((p) => !p.size.isZero())
          .map((p) => ({ p, i: venue.instrument(p.symbol) }))
          .filter(({ i }) => !i.isSpot && i.marginCoin === settleCoin)
          .map(({ p, i }) => positionRow(venue, accountId, i, p, 'avgPrice'));
      } else {
        return fail(RET.PARAM, 'params error: symbol or settleCoin is required');
      }
      return { category, ...pageOf(rows, params, 20, 200) };
    },
  },
  {
    method: 'POST',
    path: '/v5/position/set-leverage',
    auth: 'trade',
    operation: 'setLeverage',
    handle: ({ venue, params, accountId }) => {
      const category = params.category(['linear']);
      const i = instrumentOf(venue, category, params.need('symbol'));
      const buy = params.need('buyLeverage');
      const sell = params.need('sellLeverage');
      if (buy !== sell) fail(RET.PARAM, 'buy leverage must equal sell leverage in one-way mode');
      const { changed } = venue.setLeverage(accountId, i.symbol, buy);
      if (!changed) throw new BybitFailure(RET.LEVERAGE_NOT_MODIFIED, 'leverage not modified');
      return {};
    },
  },
];
