import type { MarginMode, PositionSide } from '@exkit/core';
import type { Decimal } from '../util/decimal.js';

/**
 * One coin of an account. `total` is the wallet (cash: deposits, fees, realized PnL and funding;
 * unrealized PnL excluded), `used` what orders and positions hold, `free = total − used`.
 * When losses push the wallet below what is held, `used` reads as the whole wallet and `free` 0.
 */
export interface SimBalance {
  readonly coin: string;
  readonly total: Decimal;
  readonly free: Decimal;
  readonly used: Decimal;
  /** Initial margin of resting derivative orders plus spot order locks. */
  readonly orderMargin: Decimal;
  /** Initial margin of open positions. */
  readonly positionMargin: Decimal;
  /** Of the positions settled in this coin, at mark. */
  readonly unrealizedPnl: Decimal;
}

/** A one-way position. Sizes in base units, signed. */
export interface SimPosition {
  readonly accountId: string;
  readonly symbol: string;
  readonly nativeId: string;
  readonly side: PositionSide;
  readonly size: Decimal;
  /** Weighted average on increase, unchanged on reduce, fresh after a flip; undefined when flat. */
  readonly entryPrice?: Decimal;
  readonly markPrice: Decimal;
  /** (mark − entry) × size. */
  readonly unrealizedPnl: Decimal;
  /** Price PnL realized since this position opened (fees and funding excluded). */
  readonly realizedPnl: Decimal;
  /** Price PnL realized on this market over the account's life. */
  readonly cumRealizedPnl: Decimal;
  /** Fees and funding charged since this position opened (funding: positive = received). */
  readonly fees: Decimal;
  readonly funding: Decimal;
  readonly leverage: Decimal;
  readonly marginMode: MarginMode;
  /** Initial margin held: |size| × entry / leverage. */
  readonly margin: Decimal;
  readonly maintenanceMargin: Decimal;
  readonly liquidationPrice?: Decimal;
  /** |size| × entry. */
  readonly entryValue: Decimal;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** One funding settlement of one position (amount: positive = the account received it). */
export interface SimFunding {
  readonly accountId: string;
  readonly symbol: string;
  readonly rate: Decimal;
  readonly markPrice: Decimal;
  readonly size: Decimal;
  readonly amount: Decimal;
  readonly coin: string;
  readonly timestamp: number;
}

export type Permission = 'read' | 'trade';

export interface ApiKeyInfo {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly accountId: string;
  readonly permissions: readonly Permission[];
  readonly createdAt: number;
}
