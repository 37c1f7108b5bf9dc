/** GET /v5/execution/list (reference §5; fixture `execution-list.json`): fills, newest first. */
import type { SimFill, SimInstrument, SimVenue } from '@exkit/sim';
import { categoryOf, num, px, qty, SIDE } from '../../format.js';
import { instrumentOf, pageOf } from '../params.js';
import type { Route } from '../types.js';

/** One execution as REST prints it (the WS `execution` topic adds `category`). */
export function executionRow(venue: SimVenue, i: SimInstrument, f: SimFill): Record<string, unknown> {
  const o = venue.order(f.accountId, { orderId: f.orderId });
  return {
    symbol: i.nativeId,
    orderId: f.orderId,
    orderLinkId: f.clientOrderId ?? '',
    side: SIDE[f.side],
    orderPrice: o?.price === undefined ? '0' : px(i, o.price),
    orderQty: o === undefined ? '0' : qty(i, o.size),
    leavesQty: o === undefined ? '0' : qty(i, o.remaining),
    createType: 'CreateByUser',
    orderType: f.orderType === 'limit' ? 'Limit' : 'Market',
    stopOrderType: o?.triggerPrice === undefined ? 'UNKNOWN' : 'Stop',
    execFee: num(f.fee),
    execFeeV2: '',
    execId: f.id,
    execPrice: px(i, f.price),
    execQty: qty(i, f.size),
    execType: 'Trade',
    execValue: num(f.cost),
    execTime: String(f.timestamp),
    feeCurrency: i.isSpot ? f.feeCurrency : '',
    isMaker: f.liquidity === 'maker',
    feeRate: num(f.feeRate),
    tradeIv: '',
    markIv: '',
    markPrice: '',
    indexPrice: '',
    underlyingPrice: '',
    blockTradeId: '',
    closedSize: qty(i, f.closedSize),
    seq: Number(f.tradeId.replace(/\D/g, '') || '0'),
    extraFees: '',
  };
}

export const executionRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/v5/execution/list',
    auth: 'read',
    operation: 'fetchFills',
    handle: ({ venue, params, accountId }) => {
      const category = params.category();
      const symbol = params.str('symbol');
      const inst = symbol === undefined ? undefined : instrumentOf(venue, category, symbol);
      const orderId = params.str('orderId');
      const link = params.str('orderLinkId');
      const start = params.str('startTime');
      const end = params.str('endTime');
      const rows = venue
        .fills(accountId, {
          ...(inst !== undefined && { symbol: inst.symbol }),
          ...(orderId !== undefined && { orderId }),
          ...(start !== undefined && { since: Number(start) }),
          ...(end !== undefined && { until: Number(end) + 1 }),
        })
        .filter((f) => categoryOf(venue.instrument(f.symbol)) === category && (link === undefined || f.clientOrderId === link))
        .reverse();
      const page = pageOf(rows, params, 50, 100);
      return { category, list: page.list.map((f) => executionRow(venue, venue.instrument(f.symbol), f)), nextPageCursor: page.nextPageCursor };
    },
  },
];
