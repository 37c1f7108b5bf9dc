/** Trade endpoints (bitunix.md §5): place/batch/modify/cancel/close and the order and fill queries. */
import type { ReceivedOrderParams } from '@exkit/core/testing';
import { SimRejection, type PlaceOrderRequest, type SimOrder, type SimVenue } from '@exkit/sim';
import { codeOfRejection, E } from '../../codes.js';
import { orderStatus, positionId, restFill, restOrder } from '../../format.js';
import { ONE, PRIVATE, SLOW } from '../../limits.js';
import { accountView } from './account.js';
import { inTime, market, optBool, optDecimal, optEnum, optString, page, reqEnum, reqString } from '../params.js';
import { Refusal, type Params, type Route } from '../types.js';

const T = '/api/v1/futures/trade';
const EFFECTS = ['GTC', 'IOC', 'FOK', 'POST_ONLY'] as const;
const MARGIN_COIN = 'USDT';

function orderParams(p: Params): ReceivedOrderParams | undefined {
  const symbol = typeof p['symbol'] === 'string' ? p['symbol'] : undefined;
  if (symbol === undefined) return undefined;
  const side = p['side'] === 'BUY' ? 'buy' : p['side'] === 'SELL' ? 'sell' : undefined;
  const text = (k: string): string | undefined => (typeof p[k] === 'string' ? (p[k] as string) : typeof p[k] === 'number' ? String(p[k]) : undefined);
  const price = text('price');
  const qty = text('qty');
  const clientId = text('clientId');
  return { nativeId: symbol, ...(side === undefined ? {} : { side }), ...(price === undefined ? {} : { price }), ...(qty === undefined ? {} : { quantity: qty }), ...(clientId === undefined ? {} : { clientOrderId: clientId }) };
}

/** One place_order item → the engine's request (one-way mode: `tradeSide` OPEN is accepted and ignored). */
function placement(venue: SimVenue, symbol: string, p: Params): PlaceOrderRequest {
  const inst = market(venue, symbol);
  const qty = optDecimal(p, 'qty');
  if (qty === undefined) throw new Refusal(E.parameter);
  const side = reqEnum(p, 'side', ['BUY', 'SELL'] as const);
  const type = reqEnum(p, 'orderType', ['LIMIT', 'MARKET'] as const);
  const price = optDecimal(p, 'price');
  const effect = optEnum(p, 'effect', EFFECTS) ?? 'GTC';
  const tradeSide = optEnum(p, 'tradeSide', ['OPEN', 'CLOSE'] as const);
  if (tradeSide === 'CLOSE') throw new Refusal({ code: 10002, msg: 'Parameter Error: tradeSide CLOSE is for hedge mode' });
  for (const k of ['tpPrice', 'slPrice']) if (optString(p, k) !== undefined) throw new Refusal({ code: 10002, msg: 'Parameter Error: attached TP/SL is not simulated' });
  if (type === 'LIMIT' && price === undefined) throw new Refusal(E.parameter);
  const clientId = optString(p, 'clientId');
  if (clientId !== undefined && !/^[A-Za-z0-9_-]{1,36}$/.test(clientId)) throw new Refusal({ code: 10002, msg: 'Parameter Error: clientId' });
  const reduceOnly = optBool(p, 'reduceOnly');
  return {
    symbol: inst.symbol,
    side: side === 'BUY' ? 'buy' : 'sell',
    type: type === 'LIMIT' ? 'limit' : 'market',
    size: qty,
    ...(type === 'LIMIT' && price !== undefined ? { price } : {}),
    ...(type === 'LIMIT' ? { timeInForce: effect === 'POST_ONLY' ? 'post_only' : effect === 'IOC' ? 'ioc' : effect === 'FOK' ? 'fok' : 'gtc' } : {}),
    ...(reduceOnly === undefined ? {} : { reduceOnly }),
    ...(clientId === undefined ? {} : { clientOrderId: clientId }),
  };
}

function findOrder(venue: SimVenue, accountId: string, p: Params): SimOrder {
  const orderId = optString(p, 'orderId');
  const clientId = optString(p, 'clientId');
  if (orderId === undefined && clientId === undefined) throw new Refusal(E.parameter);
  const o = orderId !== undefined ? venue.order(accountId, { orderId }) : venue.order(accountId, { clientOrderId: clientId! });
  if (o === undefined) throw new Refusal(E.orderNotFound);
  return o;
}

function items(p: Params, key: string): Params[] {
  const list = p[key];
  if (!Array.isArray(list) || list.length === 0) throw new Refusal(E.parameter);
  return list.map((x) => (x !== null && typeof x === 'object' ? (x as Params) : {}));
}

function closePosition(venue: SimVenue, accountId: string, symbol: string): SimOrder | undefined {
  const pos = venue.positions(accountId, symbol).find((x) => !x.size.isZero());
  if (pos === undefined) return undefined;
  return venue.placeOrder(accountId, { symbol, side: pos.side === 'long' ? 'sell' : 'buy', type: 'market', size: pos.size.abs(), reduceOnly: true });
}

const OPEN_STATUSES = new Set(['NEW', 'PART_FILLED']);

function orderQuery(venue: SimVenue, accountId: string, p: Params, open: boolean): SimOrder[] {
  const symbol = optString(p, 'symbol');
  const inst = symbol === undefined ? undefined : market(venue, symbol);
  const orderId = optString(p, 'orderId');
  const clientId = optString(p, 'clientId');
  const status = optString(p, 'status');
  const type = optEnum(p, 'type', ['LIMIT', 'MARKET'] as const);
  const queryCanceled = optBool(p, 'queryCanceled') ?? false;
  const source = open ? venue.openOrders(accountId, inst?.symbol) : venue.orders(accountId, { ...(inst === undefined ? {} : { symbol: inst.symbol }), closedOnly: true });
  return source
    .filter((o) => {
      const st = orderStatus(o);
      if (open !== OPEN_STATUSES.has(st)) return false;
      if (!open) {
        const canceled = st === 'CANCELED' || st === 'PART_FILLED_CANCELED';
        if (queryCanceled !== canceled) return false;
      }
      return (
        (orderId === undefined || o.id === orderId) &&
        (clientId === undefined || o.clientOrderId === clientId) &&
        (status === undefined || st === status) &&
        (type === undefined || (type === 'LIMIT') === (o.type === 'limit')) &&
        inTime(p, o.createdAt)
      );
    })
    .sort((a, b) => b.createdAt - a.createdAt);
}

export const tradeRoutes: Route[] = [
  {
    method: 'POST',
    path: `${T}/place_order`,
    auth: 'trade',
    limit: PRIVATE,
    operation: 'placeOrder',
    order: orderParams,
    handle: ({ venue, params, accountId }) => {
      const o = venue.placeOrder(accountId, placement(venue, reqString(params, 'symbol'), params));
      return { orderId: o.id, clientId: o.clientOrderId ?? '' };
    },
  },
  {
    method: 'POST',
    path: `${T}/batch_order`,
    auth: 'trade',
    limit: ONE,
    operation: 'other',
    handle: ({ venue, params, accountId, batchMax }) => {
      const symbol = reqString(params, 'symbol');
      const list = items(params, 'orderList');
      if (list.length > batchMax) throw new Refusal(E.batchSize);
      const successList: unknown[] = [];
      const failureList: unknown[] = [];
      for (const item of list) {
        try {
          const o = venue.placeOrder(accountId, placement(venue, symbol, item));
          successList.push({ orderId: o.id, clientId: o.clientOrderId ?? '' });
        } catch (e) {
          const err = e instanceof Refusal ? e.error : e instanceof SimRejection ? codeOfRejection(e.reason, e.message) : E.unavailable;
          failureList.push({ clientId: optString(item, 'clientId') ?? '', errorMsg: err.msg, errorCode: String(err.code) });
        }
      }
      return { successList, failureList };
    },
  },
  {
    method: 'POST',
    path: `${T}/modify_order`,
    auth: 'trade',
    limit: PRIVATE,
    operation: 'amendOrder',
    order: (p) => {
      const base = orderParams({ symbol: '', ...p });
      return base === undefined ? undefined : { ...base, nativeId: typeof p['symbol'] === 'string' ? p['symbol'] : '' };
    },
    handle: ({ venue, params, accountId }) => {
      const qty = optDecimal(params, 'qty');
      const price = optDecimal(params, 'price');
      if (qty === undefined || price === undefined) throw new Refusal(E.parameter);
      const o = findOrder(venue, accountId, params);
      const newPrice = o.price !== undefined && o.price.eq(price) ? undefined : price;
      const newSize = o.size.eq(qty) ? undefined : qty;
      const a = venue.amendOrder(accountId, { orderId: o.id, symbol: o.symbol, ...(newPrice === undefined ? {} : { price: newPrice }), ...(newSize === undefined ? {} : { size: newSize }) });
      return { orderId: a.id, clientId: a.clientOrderId ?? '' };
    },
  },
  {
    method: 'POST',
    path: `${T}/cancel_orders`,
    auth: 'trade',
    limit: SLOW,
    operation: 'cancelOrder',
    handle: ({ venue, params, accountId }) => {
      const inst = market(venue, reqString(params, 'symbol'));
      const successList: unknown[] = [];
      const failureList: unknown[] = [];
      for (const item of items(params, 'orderList')) {
        const orderId = optString(item, 'orderId');
        const clientId = optString(item, 'clientId');
        try {
          if (orderId === undefined && clientId === undefined) throw new Refusal(E.parameter);
          const o = venue.cancelOrder(accountId, { symbol: inst.symbol, ...(orderId !== undefined ? { orderId } : { clientOrderId: clientId! }) });
          successList.push({ orderId: o.id, clientId: o.clientOrderId ?? '' });
        } catch (e) {
          // code stays 0; failures are items (§5, fixture rest-cancel-orders.json)
          const err = e instanceof Refusal ? e.error : e instanceof SimRejection ? (e.reason === 'ORDER_CLOSED' ? E.orderStatusItem : codeOfRejection(e.reason, e.message)) : E.unavailable;
          failureList.push({ orderId: orderId ?? '', clientId: clientId ?? '', errorMsg: err.msg, errorCode: String(err.code) });
        }
      }
      return { successList, failureList };
    },
  },
  {
    method: 'POST',
    path: `${T}/cancel_all_orders`,
    auth: 'trade',
    limit: PRIVATE,
    operation: 'cancelAllOrders',
    handle: ({ venue, params, accountId }) => {
      const symbol = optString(params, 'symbol');
      const inst = symbol === undefined ? undefined : market(venue, symbol);
      const done = venue.cancelAllOrders(accountId, inst === undefined ? {} : { symbol: inst.symbol });
      return { successList: done.map((o) => ({ orderId: o.id, clientId: o.clientOrderId ?? '' })), failureList: [] };
    },
  },
  {
    method: 'POST',
    path: `${T}/close_all_position`,
    auth: 'trade',
    limit: ONE,
    operation: 'other',
    handle: ({ venue, params, accountId }) => {
      const symbol = optString(params, 'symbol');
      const targets = symbol === undefined ? venue.positions(accountId).map((p) => p.symbol) : [market(venue, symbol).symbol];
      for (const s of targets) closePosition(venue, accountId, s);
      return '';
    },
  },
  {
    method: 'POST',
    path: `${T}/flash_close_position`,
    auth: 'trade',
    limit: SLOW,
    operation: 'other',
    handle: ({ venue, params, accountId }) => {
      const id = reqString(params, 'positionId');
      const pos = venue.positions(accountId).find((p) => !p.size.isZero() && positionId(p) === id);
      if (pos === undefined) throw new Refusal(E.positionNotExist);
      closePosition(venue, accountId, pos.symbol);
      return { positionId: id };
    },
  },
  {
    method: 'GET',
    path: `${T}/get_order_detail`,
    auth: 'read',
    limit: PRIVATE,
    operation: 'fetchOrder',
    handle: ({ venue, params, accountId }) => restOrder(findOrder(venue, accountId, params), accountView(venue, accountId), MARGIN_COIN),
  },
  {
    method: 'GET',
    path: `${T}/get_pending_orders`,
    auth: 'read',
    limit: PRIVATE,
    operation: 'fetchOpenOrders',
    handle: ({ venue, params, accountId }) => {
      const view = accountView(venue, accountId);
      const { rows, total } = page(params, orderQuery(venue, accountId, params, true));
      return { orderList: rows.map((o) => restOrder(o, view, MARGIN_COIN)), total };
    },
  },
  {
    method: 'GET',
    path: `${T}/get_history_orders`,
    auth: 'read',
    limit: PRIVATE,
    operation: 'fetchOrderHistory',
    handle: ({ venue, params, accountId }) => {
      const view = accountView(venue, accountId);
      const { rows, total } = page(params, orderQuery(venue, accountId, params, false));
      return { orderList: rows.map((o) => restOrder(o, view, MARGIN_COIN)), total };
    },
  },
  {
    method: 'GET',
    path: `${T}/get_history_trades`,
    auth: 'read',
    limit: PRIVATE,
    operation: 'fetchFills',
    handle: ({ venue, params, accountId }) => {
      const symbol = optString(params, 'symbol');
      const inst = symbol === undefined ? undefined : market(venue, symbol);
      const orderId = optString(params, 'orderId');
      const view = accountView(venue, accountId);
      const fills = venue
        .fills(accountId, { ...(inst === undefined ? {} : { symbol: inst.symbol }), ...(orderId === undefined ? {} : { orderId }) })
        .filter((f) => inTime(params, f.timestamp))
        .sort((a, b) => b.timestamp - a.timestamp);
      const { rows, total } = page(params, fills);
      return { tradeList: rows.map((f) => restFill(f, venue.order(accountId, { orderId: f.orderId }), view)), total };
    },
  },
];
