import type { DecimalValue, OrderSide, OrderStatus, OrderType, TimeInForce, TriggerReference } from '@exkit/core';
import type { CancelReason, RejectReason } from '../errors.js';
import type { Decimal } from '../util/decimal.js';

/** `rise`: fires when the reference reaches the trigger from below; `fall`: from above. */
export type TriggerDirection = 'rise' | 'fall';

export interface TriggerRequest {
  readonly price: DecimalValue;
  /** Default `last`. */
  readonly reference?: TriggerReference;
  /** Default: inferred from the reference's current value (trigger above it → rise). */
  readonly direction?: TriggerDirection;
}

/** What a front extracted from its native request. Sizes in base units (contracts × contractSize). */
export interface PlaceOrderRequest {
  /** Unified symbol (`BTC/USDT:USDT`). */
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly size: DecimalValue;
  /** Required for limit orders (and stop-limit); ignored for market. */
  readonly price?: DecimalValue;
  /** Default gtc for limit, ioc for market. */
  readonly timeInForce?: TimeInForce;
  /** Same as timeInForce `post_only`. */
  readonly postOnly?: boolean;
  readonly reduceOnly?: boolean;
  readonly clientOrderId?: string;
  /** Makes it a conditional order: stop-market (`type: market`) or stop-limit (`type: limit`). */
  readonly trigger?: TriggerRequest;
}

/** Identifies one order of an account: by id, else by client order id; `symbol`, when given, must match. */
export interface OrderRef {
  readonly symbol?: string;
  readonly orderId?: string;
  readonly clientOrderId?: string;
}

export interface AmendOrderRequest extends OrderRef {
  readonly price?: DecimalValue;
  /** New total size (filled included), base units. */
  readonly size?: DecimalValue;
  readonly triggerPrice?: DecimalValue;
}

export interface CancelAllRequest {
  /** Every market when absent. */
  readonly symbol?: string;
  /** Default `include`: conditional orders are canceled too. */
  readonly conditional?: 'include' | 'exclude' | 'only';
}

export interface SimOrder {
  readonly id: string;
  readonly clientOrderId?: string;
  readonly accountId: string;
  readonly symbol: string;
  readonly nativeId: string;
  readonly marketType: 'spot' | 'swap';
  readonly side: OrderSide;
  /** After a trigger fires: the type it executes as (market for stop-market, limit for stop-limit). */
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly status: OrderStatus;
  readonly price?: Decimal;
  /** Base units. */
  readonly size: Decimal;
  readonly filled: Decimal;
  /** size − filled while live; 0 once terminal. */
  readonly remaining: Decimal;
  readonly average?: Decimal;
  /** Σ fill price × size. */
  readonly cost: Decimal;
  /** Σ fill fees as charged (negative = rebate). */
  readonly fee: Decimal;
  readonly feeCurrency: string;
  /** Σ realized PnL of its fills (perpetuals). */
  readonly realizedPnl: Decimal;
  readonly triggerPrice?: Decimal;
  readonly triggerReference?: TriggerReference;
  readonly triggerDirection?: TriggerDirection;
  /** When the trigger fired. */
  readonly triggeredAt?: number;
  readonly reduceOnly: boolean;
  readonly postOnly: boolean;
  /** Initial margin (perpetual) or balance (spot) the order holds now, in `reserveCoin`. */
  readonly reserved: Decimal;
  readonly reserveCoin: string;
  readonly cancelReason?: CancelReason;
  readonly rejectReason?: RejectReason;
  /** `liquidation`: the venue's close-out of a liquidated position. */
  readonly origin: 'user' | 'liquidation';
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface SimFill {
  /** Venue-wide, increasing. */
  readonly id: string;
  readonly orderId: string;
  readonly clientOrderId?: string;
  readonly accountId: string;
  readonly symbol: string;
  readonly nativeId: string;
  /** The public trade this execution printed. */
  readonly tradeId: string;
  readonly side: OrderSide;
  readonly price: Decimal;
  /** Base units. */
  readonly size: Decimal;
  /** price × size. */
  readonly cost: Decimal;
  /** Exactly what was charged (negative = rebate); never recomputed. */
  readonly fee: Decimal;
  readonly feeCurrency: string;
  readonly feeRate: Decimal;
  readonly liquidity: 'maker' | 'taker';
  /** Realized PnL of the part that closed a position (0 for spot and for opening fills). */
  readonly realizedPnl: Decimal;
  /** Size of the position this fill closed. */
  readonly closedSize: Decimal;
  readonly orderType: OrderType;
  readonly timestamp: number;
}
