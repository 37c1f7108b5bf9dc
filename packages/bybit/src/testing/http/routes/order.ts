/** Trading (reference §5): create, amend, cancel, cancel-all, realtime, history. One-way mode (positionIdx 0). */
import { toDecimal, type TimeInForce, type TriggerReference } from '@exkit/core';
import type { PlaceOrderRequest, SimInstrument, SimOrder, SimVenue, TriggerRequest } from '@exkit/sim';
import { RET } from '../../codes.js';
import { categoryOf, orderRow, type Category } from '../../format.js';
import { fail } from '../envelope.js';
import { instrumentOf, pageOf, type Params } from '../params.js';
import type { Route, RouteContext } from '../types.js';

const TIF: Readonly<Record<string, TimeInForce>> = { GTC: 'gtc', IOC: 'ioc', FOK: 'fok', PostOnly: 'post_only' };
const TRIGGER_BY: Readonly<Record<string, TriggerReference>> = { LastPrice: 'last', MarkPrice: 'mark', IndexPrice: 'index' };
const LINK_ID = /^[A-Za-z0-9_-]{1,36}$/;

/** Wire quantity → base units. */
function baseSize(i: SimInstrument, wire: string): string {
  const d = toDecimal(wire);
  return i.fromContracts(d).toFixed();
}

function trigger(p: Params): TriggerRequest | undefined {
  const price = p.str('triggerPrice');
  if (price === undefined) return undefined;
  const by = p.str('triggerBy') ?? 'LastPrice';
  const reference = TRIGGER_BY[by] ?? fail(RET.PARAM, 'params error: triggerBy invalid');
  const dir = p.str('triggerDirection');
  const direction = dir === undefined ? undefined : dir === '1' ? 'rise' : dir === '2' ? 'fall' : fail(RET.PARAM, 'params error: triggerDirection invalid');
  return { price, reference, ...(direction !== undefined && { direction }) };
}

function positionIdx(p: Params): void {
  const idx = p.str('positionIdx');
  if (idx !== undefined && idx !== '0') fail(RET.PARAM, 'position idx not match position mode');
}

function placeRequest(venue: SimVenue, i: SimInstrument, category: Category, p: Params): PlaceOrderRequest {
  const side = p.need('side');
  if (side !== 'Buy' && side !== 'Sell') fail(RET.PARAM, 'params error: side invalid');
  const orderType = p.need('orderType');
  if (orderType !== 'Limit' && orderType !== 'Market') fail(RET.PARAM, 'params error: orderType invalid');
  const wireQty = p.need('qty');
  if (!/^\d+(\.\d+)?$/.test(wireQty)) fail(RET.PARAM, 'params error: qty invalid');
  const price = p.str('price');
  if (price !== undefined && !/^\d+(\.\d+)?$/.test(price)) fail(RET.PARAM, 'params error: price invalid');
  const tifText = p.str('timeInForce') ?? 'GTC';
  const tif = TIF[tifText] ?? fail(RET.PARAM, 'params error: timeInForce invalid');
  const link = p.str('orderLinkId');
  if (link !== undefined && !LINK_ID.test(link)) fail(RET.PARAM, 'params error: orderLinkId invalid');
  let size = baseSize(i, wireQty);
  if (category === 'spot' && orderType === 'Market') {
    // Spot market orders: buy defaults to a quote-coin amount, sell to base (reference §5 marketUnit).
    const unit = p.str('marketUnit') ?? (side === 'Buy' ? 'quoteCoin' : 'baseCoin');
    if (unit !== 'baseCoin' && unit !== 'quoteCoin') fail(RET.PARAM, 'params error: marketUnit invalid');
    if (unit === 'quoteCoin') {
      const t = venue.ticker(i.symbol);
      const ref = (side === 'Buy' ? t.ask : t.bid) ?? t.last;
      size = toDecimal(wireQty).div(ref).toDecimalPlaces(i.sizeDp, 1).toFixed();
    }
  }
  const reduceOnly = p.bool('reduceOnly');
  const trig = trigger(p);
  return {
    symbol: i.symbol,
    side: side === 'Buy' ? 'buy' : 'sell',
    type: orderType === 'Limit' ? 'limit' : 'market',
    size,
    ...(orderType === 'Limit' && price !== undefined && { price }),
    timeInForce: orderType === 'Market' ? 'ioc' : tif,
    ...(reduceOnly !== undefined && { reduceOnly }),
    ...(link !== undefined && { clientOrderId: link }),
    ...(trig !== undefined && { trigger: trig }),
  };
}

function ack(o: SimOrder): { orderId: string; orderLinkId: string } {
  return { orderId: o.id, orderLinkId: o.clientOrderId ?? '' };
}

function ref(p: Params, i: SimInstrument): { symbol: string; orderId?: string; clientOrderId?: string } {
  const orderId = p.str('orderId');
  const link = p.str('orderLinkId');
  if (orderId === undefined && link === undefined) fail(RET.PARAM, 'params error: orderId or orderLinkId is required');
  return { symbol: i.symbol, ...(orderId !== undefined ? { orderId } : { clientOrderId: link! }) };
}

/** Orders of the account in the category, filtered by symbol / baseCoin / settleCoin, newest first. */
function scope(ctx: RouteContext, category: Category, requireScope: boolean): { rows: SimOrder[]; byId: boolean } {
  const { venue, params, accountId } = ctx;
  const symbol = params.str('symbol');
  const baseCoin = params.str('baseCoin');
  const settleCoin = params.str('settleCoin');
  const orderId = params.str('orderId');
  const link = params.str('orderLinkId');
  if (requireScope && category === 'linear' && symbol === undefined && baseCoin === undefined && settleCoin === undefined) {
    fail(RET.PARAM, 'params error: symbol, baseCoin or settleCoin is required');
  }
  const inst = symbol === undefined ? undefined : instrumentOf(venue, category, symbol);
  const rows = venue
    .orders(accountId, inst === undefined ? {} : { symbol: inst.symbol })
    .filter((o) => {
      const i = venue.instrument(o.symbol);
      return (
        categoryOf(i) === category &&
        (baseCoin === undefined || i.base === baseCoin) &&
        (settleCoin === undefined || i.marginCoin === settleCoin) &&
        (orderId === undefined || o.id === orderId) &&
        (link === undefined || o.clientOrderId === link)
      );
    })
    .sort((a, b) => b.createdAt - a.createdAt);
  return { rows, byId: orderId !== undefined || link !== undefined };
}

const isLive = (o: SimOrder): boolean => o.status === 'open' || o.status === 'untriggered';

function filterKind(rows: SimOrder[], filter: string | undefined): SimOrder[] {
  if (filter === 'StopOrder') return rows.filter((o) => o.triggerPrice !== undefined);
  if (filter === 'Order') return rows.filter((o) => o.triggerPrice === undefined);
  return rows;
}

export const orderRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/v5/order/create',
    auth: 'trade',
    operation: 'placeOrder',
    handle: (ctx) => {
      const { venue, params, accountId } = ctx;
      const category = params.category();
      const symbol = params.need('symbol');
      const side = params.str('side');
      const price = params.str('price');
      const q = params.str('qty');
      const trig = params.str('triggerPrice');
      const link = params.str('orderLinkId');
      ctx.noteOrder({
        nativeId: symbol,
        ...(side === 'Buy' ? { side: 'buy' } : side === 'Sell' ? { side: 'sell' } : {}),
        ...(price !== undefined && { price }),
        ...(q !== undefined && { quantity: q }),
        ...(trig !== undefined && { triggerPrice: trig }),
        ...(link !== undefined && { clientOrderId: link }),
      });
      const i = instrumentOf(venue, category, symbol);
      positionIdx(params);
      if (category === 'spot' && params.bool('reduceOnly') === true) fail(RET.PARAM, 'params error: reduceOnly is not supported for spot');
      return ack(venue.placeOrder(accountId, placeRequest(venue, i, category, params)));
    },
  },
  {
    method: 'POST',
    path: '/v5/order/amend',
    auth: 'trade',
    operation: 'amendOrder',
    handle: (ctx) => {
      const { venue, params, accountId } = ctx;
      const category = params.category();
      const symbol = params.need('symbol');
      const price = params.str('price');
      const q = params.str('qty');
      const trig = params.str('triggerPrice');
      ctx.noteOrder({ nativeId: symbol, ...(price !== undefined && { price }), ...(q !== undefined && { quantity: q }), ...(trig !== undefined && { triggerPrice: trig }) });
      const i = instrumentOf(venue, category, symbol);
      if (price === undefined && q === undefined && trig === undefined) fail(RET.PARAM, 'params error: nothing to amend');
      return ack(
        venue.amendOrder(accountId, {
          ...ref(params, i),
          ...(price !== undefined && { price }),
          ...(q !== undefined && { size: baseSize(i, q) }),
          ...(trig !== undefined && { triggerPrice: trig }),
        }),
      );
    },
  },
  {
    method: 'POST',
    path: '/v5/order/cancel',
    auth: 'trade',
    operation: 'cancelOrder',
    handle: ({ venue, params, accountId }) => {
      const category = params.category();
      const i = instrumentOf(venue, category, params.need('symbol'));
      return ack(venue.cancelOrder(accountId, ref(params, i)));
    },
  },
  {
    method: 'POST',
    path: '/v5/order/cancel-all',
    auth: 'trade',
    operation: 'cancelAllOrders',
    handle: ({ venue, params, accountId }) => {
      const category = params.category();
      const symbol = params.str('symbol');
      const baseCoin = params.str('baseCoin');
      const settleCoin = params.str('settleCoin');
      if (category === 'linear' && symbol === undefined && baseCoin === undefined && settleCoin === undefined) {
        fail(RET.PARAM, 'params error: symbol, baseCoin or settleCoin is required');
      }
      const filter = params.str('orderFilter');
      const conditional = filter === 'StopOrder' ? 'only' : filter === 'Order' || filter === 'OpenOrder' ? 'exclude' : 'include';
      let targets: SimInstrument[];
      if (symbol !== undefined) targets = [instrumentOf(venue, category, symbol)];
      else targets = venue.instruments().filter((i) => categoryOf(i) === category && (baseCoin === undefined || i.base === baseCoin) && (settleCoin === undefined || i.marginCoin === settleCoin));
      const canceled = targets.flatMap((i) => (venue.openOrders(accountId, i.symbol).length === 0 ? [] : venue.cancelAllOrders(accountId, { symbol: i.symbol, conditional })));
      return { list: canceled.map(ack), success: '1' };
    },
  },
  {
    method: 'GET',
    path: '/v5/order/realtime',
    auth: 'read',
    operation: (raw) => (raw['orderId'] !== undefined || raw['orderLinkId'] !== undefined ? 'fetchOrder' : 'fetchOpenOrders'),
    handle: (ctx) => {
      const category = ctx.params.category();
      const { rows, byId } = scope(ctx, category, ctx.params.str('orderId') === undefined && ctx.params.str('orderLinkId') === undefined);
      const openOnly = ctx.params.int('openOnly', 0, 0, 2);
      const picked = filterKind(byId || openOnly !== 0 ? rows : rows.filter(isLive), ctx.params.str('orderFilter'));
      return { category, ...mapPage(ctx.venue, picked, ctx.params, 20, 50) };
    },
  },
  {
    method: 'GET',
    path: '/v5/order/history',
    auth: 'read',
    operation: 'fetchOrderHistory',
    handle: (ctx) => {
      const category = ctx.params.category();
      const { rows } = scope(ctx, category, false);
      const status = ctx.params.str('orderStatus');
      const start = ctx.params.str('startTime');
      const end = ctx.params.str('endTime');
      const picked = filterKind(rows, ctx.params.str('orderFilter')).filter((o) => {
        if (isLive(o) && ctx.params.str('orderId') === undefined && ctx.params.str('orderLinkId') === undefined) return false;
        if (start !== undefined && o.createdAt < Number(start)) return false;
        if (end !== undefined && o.createdAt > Number(end)) return false;
        return status === undefined || orderRow(ctx.venue.instrument(o.symbol), o)['orderStatus'] === status;
      });
      return { category, ...mapPage(ctx.venue, picked, ctx.params, 20, 50) };
    },
  },
];

function mapPage(venue: SimVenue, rows: readonly SimOrder[], p: Params, def: number, max: number): { list: Array<Record<string, unknown>>; nextPageCursor: string } {
  const page = pageOf(rows, p, def, max);
  return { list: page.list.map((o) => orderRow(venue.instrument(o.symbol), o)), nextPageCursor: page.nextPageCursor };
}
