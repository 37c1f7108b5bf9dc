/**
 * TP/SL endpoints (bitunix.md §5). The engine does not model TP/SL orders (sim README "Not modelled"): the queries
 * answer empty lists, placements refuse with 30004 without a position and 10002 otherwise, and modify/cancel
 * answer 20007 (no such TP/SL order).
 */
import { E } from '../../codes.js';
import { positionId } from '../../format.js';
import { PRIVATE } from '../../limits.js';
import { market, optString, reqString } from '../params.js';
import { Refusal, type Route, type RouteContext } from '../types.js';

const S = '/api/v1/futures/tpsl';

function place({ venue, params, accountId }: RouteContext): never {
  const inst = market(venue, reqString(params, 'symbol'));
  const id = reqString(params, 'positionId');
  const pos = venue.positions(accountId, inst.symbol).find((p) => !p.size.isZero() && positionId(p) === id);
  if (pos === undefined) throw new Refusal(E.positionNotExist);
  throw new Refusal({ code: 10002, msg: 'Parameter Error: TP/SL orders are not simulated' });
}

function unknown({ params }: RouteContext): never {
  reqString(params, 'orderId');
  throw new Refusal(E.orderNotFound);
}

export const tpslRoutes: Route[] = [
  { method: 'POST', path: `${S}/place_order`, auth: 'trade', limit: PRIVATE, operation: 'other', handle: place },
  { method: 'POST', path: `${S}/position/place_order`, auth: 'trade', limit: PRIVATE, operation: 'other', handle: place },
  { method: 'POST', path: `${S}/modify_order`, auth: 'trade', limit: PRIVATE, operation: 'other', handle: unknown },
  { method: 'POST', path: `${S}/position/modify_order`, auth: 'trade', limit: PRIVATE, operation: 'other', handle: place },
  { method: 'POST', path: `${S}/cancel_order`, auth: 'trade', limit: PRIVATE, operation: 'other', handle: unknown },
  {
    method: 'GET',
    path: `${S}/get_pending_orders`,
    auth: 'read',
    limit: PRIVATE,
    operation: 'other',
    handle: ({ venue, params }) => {
      const symbol = optString(params, 'symbol');
      if (symbol !== undefined) market(venue, symbol);
      return [];
    },
  },
  { method: 'GET', path: `${S}/get_history_orders`, auth: 'read', limit: PRIVATE, operation: 'other', handle: () => ({ orderList: [], total: 0 }) },
];
