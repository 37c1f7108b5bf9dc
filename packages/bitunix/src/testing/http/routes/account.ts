/** Account and position endpoints (bitunix.md §5), 10 req/s per UID. */
import { E } from '../../codes.js';
import { restAccount, restPosition, positionId, type AccountView } from '../../format.js';
import { PRIVATE, SLOW } from '../../limits.js';
import { market, optString, reqEnum, reqString } from '../params.js';
import { Refusal, type Route } from '../types.js';
import type { SimVenue } from '@exkit/sim';

const A = '/api/v1/futures/account';

export function accountView(venue: SimVenue, accountId: string): AccountView {
  return {
    leverage: (symbol) => Number(venue.marginSettings(accountId, symbol).leverage.toFixed()),
    marginMode: (symbol) => (venue.marginSettings(accountId, symbol).marginMode === 'isolated' ? 'ISOLATION' : 'CROSS'),
  };
}

export const accountRoutes: Route[] = [
  {
    method: 'GET',
    path: A,
    auth: 'read',
    limit: PRIVATE,
    operation: 'fetchBalances',
    // object, as live (NET, DEMO Go/Java; the doc's array example is an open point)
    handle: ({ venue, params, accountId }) => {
      const coin = reqString(params, 'marginCoin').toUpperCase();
      const b = venue.balances(accountId).find((x) => x.coin === coin);
      if (b === undefined) return { marginCoin: coin, available: '0', frozen: '0', margin: '0', transfer: '0', positionMode: 'ONE_WAY', crossUnrealizedPNL: '0', isolationUnrealizedPNL: '0', bonus: '0' };
      return restAccount(b);
    },
  },
  {
    method: 'GET',
    path: `${A}/get_leverage_margin_mode`,
    auth: 'read',
    limit: PRIVATE,
    operation: 'other',
    handle: ({ venue, params, accountId }) => {
      const inst = market(venue, reqString(params, 'symbol'));
      const coin = reqString(params, 'marginCoin');
      const view = accountView(venue, accountId);
      return { symbol: inst.nativeId, marginCoin: coin, leverage: view.leverage(inst.symbol), marginMode: view.marginMode(inst.symbol) };
    },
  },
  {
    method: 'POST',
    path: `${A}/change_leverage`,
    auth: 'trade',
    limit: PRIVATE,
    operation: 'setLeverage',
    handle: ({ venue, params, accountId }) => {
      const inst = market(venue, reqString(params, 'symbol'));
      const coin = reqString(params, 'marginCoin');
      const lev = params['leverage'];
      // a JSON int on the wire (§5)
      if (typeof lev !== 'number' || !Number.isInteger(lev)) throw new Refusal(lev === undefined ? E.parameter : E.invalidLeverage);
      venue.setLeverage(accountId, inst.symbol, String(lev));
      return { marginCoin: coin, symbol: inst.nativeId, leverage: lev };
    },
  },
  {
    method: 'POST',
    path: `${A}/change_margin_mode`,
    auth: 'trade',
    limit: PRIVATE,
    operation: 'other',
    handle: ({ venue, params, accountId }) => {
      const mode = reqEnum(params, 'marginMode', ['ISOLATION', 'CROSS'] as const);
      const inst = market(venue, reqString(params, 'symbol'));
      const coin = reqString(params, 'marginCoin');
      venue.setMarginMode(accountId, inst.symbol, mode === 'ISOLATION' ? 'isolated' : 'cross');
      return { marginCoin: coin, symbol: inst.nativeId, marginMode: mode };
    },
  },
  {
    method: 'POST',
    path: `${A}/change_position_mode`,
    auth: 'trade',
    limit: PRIVATE,
    operation: 'other',
    handle: ({ venue, params, accountId }) => {
      const mode = reqEnum(params, 'positionMode', ['ONE_WAY', 'HEDGE'] as const);
      // the engine models one-way only: HEDGE is refused as the venue refuses a switch it cannot make
      if (mode === 'HEDGE') throw new Refusal(venue.positions(accountId).some((p) => !p.size.isZero()) || venue.openOrders(accountId).length > 0 ? E.positionExists : { code: 10002, msg: 'Parameter Error: hedge mode is not simulated' });
      return { positionMode: mode };
    },
  },
  {
    method: 'POST',
    path: `${A}/adjust_position_margin`,
    auth: 'trade',
    limit: SLOW,
    operation: 'other',
    handle: ({ venue, params, accountId }) => {
      const inst = market(venue, reqString(params, 'symbol'));
      reqString(params, 'marginCoin');
      reqString(params, 'amount');
      if (!venue.positions(accountId, inst.symbol).some((p) => !p.size.isZero())) throw new Refusal(E.positionNotExist);
      throw new Refusal({ code: 10002, msg: 'Parameter Error: margin adjustment is not simulated' });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/futures/position/get_pending_positions',
    auth: 'read',
    limit: PRIVATE,
    operation: 'fetchPositions',
    handle: ({ venue, params, accountId }) => {
      const symbol = optString(params, 'symbol');
      const id = optString(params, 'positionId');
      const inst = symbol === undefined ? undefined : market(venue, symbol);
      return venue
        .positions(accountId, inst?.symbol)
        .filter((p) => !p.size.isZero() && (id === undefined || positionId(p) === id))
        .map(restPosition);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/futures/position/get_history_positions',
    auth: 'read',
    limit: PRIVATE,
    operation: 'other',
    // closed positions are not kept by the engine
    handle: () => ({ positionList: [], total: 0 }),
  },
];
