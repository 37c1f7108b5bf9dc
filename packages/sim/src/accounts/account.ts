import type { MarginMode } from '@exkit/core';
import type { OrderRecord } from '../matching/order-record.js';
import type { SimFill } from '../matching/types.js';
import { D0, type Decimal } from '../util/decimal.js';
import { accountHolder } from './ledger.js';
import type { SimFunding } from './types.js';

/** A one-way position's running state. `lots` is signed (long > 0). */
export interface PositionState {
  lots: bigint;
  /** 0 while flat. */
  entry: Decimal;
  realized: Decimal;
  cumRealized: Decimal;
  fees: Decimal;
  funding: Decimal;
  /** Initial margin held for it (settle coin). */
  margin: Decimal;
  createdAt: number;
  updatedAt: number;
}

export interface MarketSettings {
  leverage: Decimal;
  marginMode: MarginMode;
}

export class Account {
  readonly id: string;
  readonly holder: string;
  readonly createdAt: number;
  /** Sequence of the last private event published for this account. */
  seq = 0;
  readonly settings = new Map<string, MarketSettings>();
  readonly positions = new Map<string, PositionState>();
  /** Live orders (open or untriggered) by id. */
  readonly live = new Map<string, OrderRecord>();
  /** Live orders by client order id: unique among live orders. */
  readonly clientIds = new Map<string, OrderRecord>();
  /** Every order still kept, oldest first. */
  orders: OrderRecord[] = [];
  /** Length at which `orders` is next trimmed of old terminal orders. */
  trimAt = 0;
  fills: SimFill[] = [];
  fundings: SimFunding[] = [];
  /** coin → Σ of `reserved` over live orders. */
  readonly orderReserved = new Map<string, Decimal>();
  /** coin → Σ position margin. */
  readonly positionMargin = new Map<string, Decimal>();
  /** symbol → live order count (the per-market cap). */
  readonly liveCount = new Map<string, number>();

  constructor(id: string, createdAt: number) {
    this.id = id;
    this.holder = accountHolder(id);
    this.createdAt = createdAt;
  }

  reservedIn(coin: string): Decimal {
    return this.orderReserved.get(coin) ?? D0;
  }

  positionMarginIn(coin: string): Decimal {
    return this.positionMargin.get(coin) ?? D0;
  }

  usedIn(coin: string): Decimal {
    return this.reservedIn(coin).plus(this.positionMarginIn(coin));
  }

  /** Sets what an order holds; the account total moves by exactly the difference. */
  setReserve(order: OrderRecord, amount: Decimal): void {
    if (amount.eq(order.reserved)) return;
    const diff = amount.minus(order.reserved);
    this.orderReserved.set(order.reserveCoin, this.reservedIn(order.reserveCoin).plus(diff));
    order.reserved = amount;
  }

  setPositionMargin(position: PositionState, coin: string, amount: Decimal): void {
    if (amount.eq(position.margin)) return;
    this.positionMargin.set(coin, this.positionMarginIn(coin).plus(amount.minus(position.margin)));
    position.margin = amount;
  }

  addLive(order: OrderRecord): void {
    this.live.set(order.id, order);
    if (order.clientOrderId !== undefined) this.clientIds.set(order.clientOrderId, order);
    const s = order.instrument.symbol;
    this.liveCount.set(s, (this.liveCount.get(s) ?? 0) + 1);
  }

  removeLive(order: OrderRecord): void {
    if (!this.live.delete(order.id)) return;
    if (order.clientOrderId !== undefined && this.clientIds.get(order.clientOrderId) === order) this.clientIds.delete(order.clientOrderId);
    const s = order.instrument.symbol;
    this.liveCount.set(s, (this.liveCount.get(s) ?? 1) - 1);
  }

  position(symbol: string, now: number): PositionState {
    let p = this.positions.get(symbol);
    if (p === undefined) {
      p = { lots: 0n, entry: D0, realized: D0, cumRealized: D0, fees: D0, funding: D0, margin: D0, createdAt: now, updatedAt: now };
      this.positions.set(symbol, p);
    }
    return p;
  }
}
