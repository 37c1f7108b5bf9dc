import type { OrderSide, TriggerReference } from '@exkit/core';
import type { Account } from '../accounts/account.js';
import { available, reserveFor, settingsOf } from '../accounts/margin.js';
import { initialMargin } from '../accounts/position.js';
import { closeOrder } from '../accounts/settlement.js';
import { account, market, markOrder, markBalance, type Ctx } from '../context.js';
import { reject, type SimRejection } from '../errors.js';
import type { Market } from '../market-data/market.js';
import { D0, type Decimal } from '../util/decimal.js';
import { cancelOrderRecord, rest } from './cancel.js';
import { depthUpTo, match, opposite, reducibleLots, walkCost } from './matcher.js';
import { isLive, remainingLots, type OrderRecord, type TriggerState } from './order-record.js';
import { parseDecimal } from './parse.js';
import type { OrderRef, PlaceOrderRequest, TriggerDirection } from './types.js';

export function referencePrice(m: Market, reference: TriggerReference): Decimal {
  return reference === 'mark' ? m.mark : reference === 'index' ? m.index : m.last;
}

/** Validates a trigger against the reference now: it must lie on the side its direction says. */
export function parseTrigger(m: Market, price: Decimal, reference: TriggerReference, direction: TriggerDirection | undefined): TriggerState {
  if (price.lte(D0)) reject('INVALID_TRIGGER', 'trigger price must be > 0');
  const ticks = m.instrument.priceToTicks(price) ?? reject('PRICE_TICK', `trigger price ${price.toFixed()} is not on the tick ${m.instrument.tickSize.toFixed()}`);
  const current = referencePrice(m, reference);
  const inferred: TriggerDirection | undefined = price.gt(current) ? 'rise' : price.lt(current) ? 'fall' : undefined;
  if (inferred === undefined) reject('INVALID_TRIGGER', `trigger price equals the ${reference} price ${current.toFixed()}`);
  if (direction !== undefined && direction !== inferred) {
    reject('INVALID_TRIGGER', `a ${direction} trigger must be ${direction === 'rise' ? 'above' : 'below'} the ${reference} price ${current.toFixed()}`);
  }
  return { price, ticks, reference, direction: inferred, triggeredAt: undefined };
}

export function placeOrder(ctx: Ctx, accountId: string, req: PlaceOrderRequest): OrderRecord {
  const acct = account(ctx, accountId);
  const m = market(ctx, String(req.symbol));
  const inst = m.instrument;
  if (inst.status === 'halted') reject('MARKET_HALTED', `${inst.symbol} is halted`);
  if (req.side !== 'buy' && req.side !== 'sell') reject('INVALID_PARAMETER', `side must be buy or sell, got ${String(req.side)}`);
  if (req.type !== 'limit' && req.type !== 'market') reject('INVALID_PARAMETER', `type must be limit or market, got ${String(req.type)}`);

  const size = parseDecimal(req.size, 'INVALID_SIZE', 'size');
  if (size.lte(D0)) reject('INVALID_SIZE', 'size must be > 0');
  const lots = inst.sizeToLots(size) ?? reject('SIZE_STEP', `size ${size.toFixed()} is not a multiple of the step ${inst.stepSize.toFixed()}`);
  if (lots < inst.minLots) reject('SIZE_MIN', `size ${size.toFixed()} is below the minimum ${inst.minSize.toFixed()}`);
  const maxLots = req.type === 'market' ? (inst.maxMarketLots ?? inst.maxLots) : inst.maxLots;
  if (maxLots !== undefined && lots > maxLots) reject('SIZE_MAX', `size ${size.toFixed()} is above the maximum ${inst.size(maxLots).toFixed()}`);

  let tif = req.timeInForce ?? (req.type === 'market' ? 'ioc' : 'gtc');
  if (req.postOnly === true) {
    if (req.timeInForce !== undefined && req.timeInForce !== 'post_only') reject('INVALID_PARAMETER', `postOnly conflicts with timeInForce ${req.timeInForce}`);
    tif = 'post_only';
  }
  if (req.type === 'market') {
    if (tif === 'post_only') reject('INVALID_PARAMETER', 'a market order cannot be post-only');
    if (tif === 'gtc') tif = 'ioc';
  }

  let price: Decimal | undefined;
  let priceTicks: bigint | undefined;
  if (req.type === 'limit') {
    if (req.price === undefined) reject('INVALID_PARAMETER', 'a limit order needs a price');
    price = parseDecimal(req.price, 'INVALID_PRICE', 'price');
    if (price.lte(D0)) reject('INVALID_PRICE', 'price must be > 0');
    priceTicks = inst.priceToTicks(price) ?? reject('PRICE_TICK', `price ${price.toFixed()} is not on the tick ${inst.tickSize.toFixed()}`);
  }

  const reduceOnly = req.reduceOnly === true;
  if (reduceOnly && inst.isSpot) reject('INVALID_PARAMETER', 'reduce-only is for derivatives');
  const cid = req.clientOrderId;
  if (cid !== undefined) {
    if (typeof cid !== 'string' || cid.length === 0) reject('INVALID_PARAMETER', 'clientOrderId must be a non-empty string');
    if (acct.clientIds.has(cid)) reject('DUPLICATE_CLIENT_ORDER_ID', `a live order already has clientOrderId ${cid}`);
  }
  if ((acct.liveCount.get(inst.symbol) ?? 0) >= ctx.options.maxLiveOrdersPerMarket) {
    reject('TOO_MANY_ORDERS', `at most ${ctx.options.maxLiveOrdersPerMarket} live orders per market`);
  }

  let trigger: TriggerState | undefined;
  if (req.trigger !== undefined) {
    const reference = req.trigger.reference ?? 'last';
    if (reference !== 'last' && reference !== 'mark' && reference !== 'index') reject('INVALID_PARAMETER', `unknown trigger reference ${String(reference)}`);
    trigger = parseTrigger(m, parseDecimal(req.trigger.price, 'INVALID_TRIGGER', 'trigger price'), reference, req.trigger.direction);
  }

  const refPrice = price ?? trigger?.price ?? opposite(m, req.side).best()?.price ?? m.last;
  if (inst.minNotional !== undefined && refPrice.times(size).lt(inst.minNotional)) {
    reject('NOTIONAL_MIN', `notional ${refPrice.times(size).toFixed()} is below the minimum ${inst.minNotional.toFixed()}`);
  }
  if (reduceOnly && trigger === undefined) checkReduceOnly(acct, m, req.side);

  const now = ctx.clock.now();
  const order: OrderRecord = {
    id: String(ctx.ids.order + 1),
    accountId: acct.id,
    instrument: inst,
    clientOrderId: cid,
    side: req.side,
    type: req.type,
    timeInForce: tif,
    status: trigger === undefined ? 'open' : 'untriggered',
    priceTicks,
    price,
    sizeLots: lots,
    filledLots: 0n,
    cost: D0,
    fee: D0,
    feeCurrency: inst.isSpot && req.side === 'buy' ? inst.base : inst.marginCoin,
    realizedPnl: D0,
    reduceOnly,
    trigger,
    reserved: D0,
    reserveCoin: inst.isSpot ? (req.side === 'buy' ? inst.quote : inst.base) : inst.marginCoin,
    cancelReason: undefined,
    rejectReason: undefined,
    origin: 'user',
    createdAt: now,
    updatedAt: now,
    entry: undefined,
  };
  if (trigger !== undefined) {
    register(ctx, acct, order);
    m.conditional.push(order);
    markOrder(ctx, order);
    return order;
  }
  submit(ctx, m, acct, order, true);
  return order;
}

function checkReduceOnly(acct: Account, m: Market, side: OrderSide): void {
  const lots = acct.positions.get(m.instrument.symbol)?.lots ?? 0n;
  if (lots === 0n) reject('REDUCE_ONLY_NO_POSITION', `no position on ${m.instrument.symbol} to reduce`);
  if ((lots > 0n && side === 'buy') || (lots < 0n && side === 'sell')) reject('REDUCE_ONLY_WOULD_INCREASE', 'a reduce-only order on the side of the position would increase it');
}

function wouldCross(m: Market, order: OrderRecord): boolean {
  const best = opposite(m, order.side).best();
  if (best === undefined) return false;
  if (order.priceTicks === undefined) return true;
  return order.side === 'buy' ? best.ticks <= order.priceTicks : best.ticks >= order.priceTicks;
}

/** Refuses an order the account cannot fund (nothing changes); reduce-only orders need nothing. */
export function checkFunds(ctx: Ctx, m: Market, acct: Account, order: OrderRecord, lots: bigint = remainingLots(order), price: Decimal | undefined = order.price): void {
  const inst = m.instrument;
  if (order.reduceOnly) return;
  let need: Decimal;
  if (price !== undefined || (inst.isSpot && order.side === 'sell')) need = reserveFor(ctx, acct, order, lots, price);
  else {
    const est = walkCost(m, order.side, undefined, lots);
    if (est === undefined) return;
    need = inst.isSpot ? est.notional : initialMargin(est.notional, settingsOf(ctx, acct, inst).leverage);
  }
  const coin = order.reserveCoin;
  const have = available(ctx, acct, coin);
  if (need.gt(have)) {
    reject(inst.isSpot ? 'INSUFFICIENT_BALANCE' : 'INSUFFICIENT_MARGIN', `needs ${need.toFixed()} ${coin}, ${have.toFixed()} available`);
  }
}

/**
 * Runs an order that is ready to trade (new, or a conditional whose trigger fired): post-only,
 * funds and FOK checks, then matching, then the remainder rests (gtc, post-only) or is canceled
 * (ioc, market, fok). A refusal throws before anything changes.
 */
export function submit(ctx: Ctx, m: Market, acct: Account, order: OrderRecord, isNew: boolean): void {
  if (order.timeInForce === 'post_only' && wouldCross(m, order)) {
    if (ctx.options.postOnlyCross === 'reject' && isNew) reject('POST_ONLY_WOULD_CROSS', 'a post-only order would take liquidity');
    if (isNew) register(ctx, acct, order);
    cancelOrderRecord(ctx, m, order, 'postOnly');
    return;
  }
  checkFunds(ctx, m, acct, order);
  const want = remainingLots(order);
  if (order.timeInForce === 'fok') {
    let can = depthUpTo(m, order.side, order.priceTicks, want);
    if (order.reduceOnly) {
      const cap = reducibleLots(m, order, ctx);
      if (cap < can) can = cap;
    }
    if (can < want) {
      if (isNew) register(ctx, acct, order);
      cancelOrderRecord(ctx, m, order, 'fok');
      return;
    }
  }
  if (isNew) register(ctx, acct, order);
  order.status = 'open';
  markOrder(ctx, order);
  match(ctx, m, order.side, order.priceTicks, want, order);
  if (!isLive(order)) return;
  const left = remainingLots(order);
  if (order.type === 'limit' && (order.timeInForce === 'gtc' || order.timeInForce === 'post_only')) {
    if (order.reduceOnly && reducibleLots(m, order, ctx) === 0n) return cancelOrderRecord(ctx, m, order, 'reduceOnly');
    rest(m, order, left);
    acct.setReserve(order, reserveFor(ctx, acct, order));
    markBalance(ctx, acct.id, order.reserveCoin);
    return;
  }
  const reason = order.timeInForce === 'fok' ? 'fok' : order.reduceOnly && reducibleLots(m, order, ctx) === 0n ? 'reduceOnly' : 'ioc';
  cancelOrderRecord(ctx, m, order, reason);
}

/** Records a new order with the venue and the account (live set, client id, history). */
export function register(ctx: Ctx, acct: Account, order: OrderRecord): void {
  ctx.ids.order = Math.max(ctx.ids.order, Number(order.id));
  ctx.orders.set(order.id, order);
  acct.orders.push(order);
  acct.addLive(order);
  const limit = ctx.options.historyLimit;
  if (acct.orders.length > Math.max(limit + (limit >> 2), acct.trimAt)) {
    // Drop the oldest terminal orders down to the limit; live ones always stay. When live orders
    // alone exceed the limit, wait until the list grows by another quarter (amortized O(1)).
    const keep: OrderRecord[] = [];
    let drop = acct.orders.length - limit;
    for (const o of acct.orders) {
      if (drop > 0 && !isLive(o)) {
        ctx.orders.delete(o.id);
        drop--;
      } else keep.push(o);
    }
    acct.orders = keep;
    acct.trimAt = keep.length + (keep.length >> 2);
  }
}

/** The account's order for a reference, live or not; undefined when unknown (or under another symbol). */
export function lookupOrder(ctx: Ctx, acct: Account, ref: OrderRef): OrderRecord | undefined {
  let order: OrderRecord | undefined;
  if (ref.orderId !== undefined) {
    const o = ctx.orders.get(ref.orderId);
    order = o?.accountId === acct.id ? o : undefined;
  } else if (ref.clientOrderId !== undefined) {
    order = acct.clientIds.get(ref.clientOrderId);
    if (order === undefined) {
      for (let i = acct.orders.length - 1; i >= 0; i--) {
        if (acct.orders[i]!.clientOrderId === ref.clientOrderId) {
          order = acct.orders[i];
          break;
        }
      }
    }
  }
  if (order !== undefined && ref.symbol !== undefined && order.instrument.symbol !== ref.symbol) return undefined;
  return order;
}

/** A live order for cancel/amend, or the precise refusal. */
export function liveOrder(ctx: Ctx, acct: Account, ref: OrderRef): OrderRecord {
  if (ref.orderId === undefined && ref.clientOrderId === undefined) reject('INVALID_PARAMETER', 'orderId or clientOrderId is required');
  const order = lookupOrder(ctx, acct, ref) ?? reject('UNKNOWN_ORDER', `order ${ref.orderId ?? ref.clientOrderId} not found`);
  if (!isLive(order)) reject('ORDER_CLOSED', `order ${order.id} is ${order.status}`);
  return order;
}

export function cancelOrder(ctx: Ctx, accountId: string, ref: OrderRef): OrderRecord {
  const acct = account(ctx, accountId);
  if (ref.symbol !== undefined) market(ctx, ref.symbol);
  const order = liveOrder(ctx, acct, ref);
  cancelOrderRecord(ctx, ctx.markets.get(order.instrument.symbol)!, order, 'user');
  return order;
}

export function cancelAll(ctx: Ctx, accountId: string, symbol: string | undefined, conditional: 'include' | 'exclude' | 'only'): OrderRecord[] {
  const acct = account(ctx, accountId);
  if (symbol !== undefined) market(ctx, symbol);
  const out: OrderRecord[] = [];
  for (const order of [...acct.live.values()]) {
    if (symbol !== undefined && order.instrument.symbol !== symbol) continue;
    const isConditional = order.status === 'untriggered';
    if ((conditional === 'exclude' && isConditional) || (conditional === 'only' && !isConditional)) continue;
    cancelOrderRecord(ctx, ctx.markets.get(order.instrument.symbol)!, order, 'cancelAll');
    out.push(order);
  }
  return out;
}

/** A fired conditional order that the venue then refuses ends `rejected` with the reason. */
export function rejectTriggered(ctx: Ctx, acct: Account, order: OrderRecord, error: SimRejection): void {
  order.status = 'rejected';
  order.rejectReason = error.reason;
  order.cancelReason = 'triggerFailed';
  order.updatedAt = ctx.clock.now();
  closeOrder(acct, order);
  markOrder(ctx, order);
}
