import type { MarginMode, OrderSide, OrderStatus, OrderType, PositionSide, TimeInForce, TriggerReference } from '@exkit/core';
import type { WireEffect, WireMarginMode, WireOrderStatus, WireOrderType, WirePositionSide, WireSide, WireStopType } from '../rest/schemas/common.js';

/**
 * Venue enums ↔ core enums. The wire schemas already upper-case and validate (an unknown value never gets
 * here), so these are total functions over the documented values (bitunix.md §7).
 */
export function toSide(side: WireSide): OrderSide {
  return side === 'BUY' ? 'buy' : 'sell';
}

export function fromSide(side: OrderSide): WireSide {
  return side === 'buy' ? 'BUY' : 'SELL';
}

export function toOrderType(type: WireOrderType): OrderType {
  return type === 'LIMIT' ? 'limit' : 'market';
}

export function fromOrderType(type: OrderType): WireOrderType {
  return type === 'limit' ? 'LIMIT' : 'MARKET';
}

const TIF: Readonly<Record<WireEffect, TimeInForce>> = { GTC: 'gtc', IOC: 'ioc', FOK: 'fok', POST_ONLY: 'post_only' };
const EFFECT: Readonly<Record<TimeInForce, WireEffect>> = { gtc: 'GTC', ioc: 'IOC', fok: 'FOK', post_only: 'POST_ONLY' };

export function toTimeInForce(effect: WireEffect): TimeInForce {
  return TIF[effect];
}

export function fromTimeInForce(tif: TimeInForce): WireEffect {
  return EFFECT[tif];
}

/**
 * Order status. CCXT maps INIT/NEW/PART_FILLED → open, FILLED → closed, CANCELED/PART_FILLED_CANCELED/EXPIRED →
 * canceled (bitunix.md §7); here EXPIRED keeps its own core status, and SYSTEM_CANCELED (live WS, TIQ) is a cancel.
 */
const STATUS: Readonly<Record<WireOrderStatus, OrderStatus>> = {
  INIT: 'open',
  NEW: 'open',
  PART_FILLED: 'open',
  FILLED: 'filled',
  CANCELED: 'canceled',
  PART_FILLED_CANCELED: 'canceled',
  SYSTEM_CANCELED: 'canceled',
  EXPIRED: 'expired',
};

export function toOrderStatus(status: WireOrderStatus): OrderStatus {
  return STATUS[status];
}

export function toMarginMode(mode: WireMarginMode): MarginMode {
  return mode === 'ISOLATION' ? 'isolated' : 'cross';
}

export function fromMarginMode(mode: MarginMode): WireMarginMode {
  return mode === 'isolated' ? 'ISOLATION' : 'CROSS';
}

export function toPositionSide(side: WirePositionSide): PositionSide {
  return side === 'LONG' ? 'long' : 'short';
}

/** `MARK`/`LAST` (doc examples) are the same as `MARK_PRICE`/`LAST_PRICE` (the table). */
export function toTriggerReference(stopType: WireStopType): TriggerReference {
  return stopType === 'MARK' || stopType === 'MARK_PRICE' ? 'mark' : 'last';
}

export function fromTriggerReference(ref: TriggerReference): 'MARK_PRICE' | 'LAST_PRICE' | undefined {
  if (ref === 'mark') return 'MARK_PRICE';
  if (ref === 'last') return 'LAST_PRICE';
  return undefined; // Bitunix has no index-price trigger
}
