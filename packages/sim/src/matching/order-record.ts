import type { OrderSide, OrderStatus, OrderType, TimeInForce, TriggerReference } from '@exkit/core';
import type { CancelReason, RejectReason } from '../errors.js';
import type { SimInstrument } from '../instruments/instrument.js';
import { D0, type Decimal } from '../util/decimal.js';
import type { BookEntry } from './book.js';
import type { SimOrder, TriggerDirection } from './types.js';

export interface TriggerState {
  price: Decimal;
  ticks: bigint;
  readonly reference: TriggerReference;
  direction: TriggerDirection;
  triggeredAt: number | undefined;
}

/** The engine's mutable order; fronts only ever see `SimOrder` copies. */
export interface OrderRecord {
  readonly id: string;
  readonly accountId: string;
  readonly instrument: SimInstrument;
  readonly clientOrderId: string | undefined;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  status: OrderStatus;
  priceTicks: bigint | undefined;
  price: Decimal | undefined;
  sizeLots: bigint;
  filledLots: bigint;
  cost: Decimal;
  fee: Decimal;
  readonly feeCurrency: string;
  realizedPnl: Decimal;
  readonly reduceOnly: boolean;
  trigger: TriggerState | undefined;
  /** What the order holds now, in `reserveCoin` (initial margin, or a spot lock). */
  reserved: Decimal;
  readonly reserveCoin: string;
  cancelReason: CancelReason | undefined;
  rejectReason: RejectReason | undefined;
  /** `liquidation`: the venue's close-out order for a liquidated position. */
  readonly origin: 'user' | 'liquidation';
  readonly createdAt: number;
  updatedAt: number;
  /** Where it rests, while it does. */
  entry: BookEntry | undefined;
}

export function isLive(order: OrderRecord): boolean {
  return order.status === 'open' || order.status === 'untriggered';
}

export function remainingLots(order: OrderRecord): bigint {
  return order.sizeLots - order.filledLots;
}

export function orderView(o: OrderRecord): SimOrder {
  const inst = o.instrument;
  const filled = inst.size(o.filledLots);
  const live = isLive(o);
  // Built field by field: optional fields are absent rather than undefined, without the object
  // spreads that made this the hottest line of a placement.
  const v: { -readonly [K in keyof SimOrder]: SimOrder[K] } = {
    id: o.id,
    accountId: o.accountId,
    symbol: inst.symbol,
    nativeId: inst.nativeId,
    marketType: inst.type,
    side: o.side,
    type: o.type,
    timeInForce: o.timeInForce,
    status: o.status,
    size: inst.size(o.sizeLots),
    filled,
    remaining: live ? inst.size(o.sizeLots - o.filledLots) : D0,
    cost: o.cost,
    fee: o.fee,
    feeCurrency: o.feeCurrency,
    realizedPnl: o.realizedPnl,
    reduceOnly: o.reduceOnly,
    postOnly: o.timeInForce === 'post_only',
    reserved: o.reserved,
    reserveCoin: o.reserveCoin,
    origin: o.origin,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
  if (o.clientOrderId !== undefined) v.clientOrderId = o.clientOrderId;
  if (o.price !== undefined) v.price = o.price;
  if (o.filledLots > 0n) v.average = o.cost.div(filled);
  const t = o.trigger;
  if (t !== undefined) {
    v.triggerPrice = t.price;
    v.triggerReference = t.reference;
    v.triggerDirection = t.direction;
    if (t.triggeredAt !== undefined) v.triggeredAt = t.triggeredAt;
  }
  if (o.cancelReason !== undefined) v.cancelReason = o.cancelReason;
  if (o.rejectReason !== undefined) v.rejectReason = o.rejectReason;
  return v;
}
