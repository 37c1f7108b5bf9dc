import type { Decimal, ExchangeError } from '@exkit/core';

/** One result of `placeOrders` (batch_order): an acknowledgement or the venue's refusal of that item. */
export type BatchPlacement =
  | { readonly ok: true; readonly id: string; readonly clientOrderId?: string }
  | { readonly ok: false; readonly clientOrderId?: string; readonly error: ExchangeError };

/** A TP/SL order as the venue lists it (prices in quote, quantities in base units). */
export interface TpslOrder {
  readonly id: string;
  readonly positionId: string;
  readonly symbol: string;
  readonly tpPrice?: Decimal;
  readonly tpTrigger?: 'mark' | 'last';
  readonly tpOrderType?: 'limit' | 'market';
  readonly tpOrderPrice?: Decimal;
  readonly tpAmount?: Decimal;
  readonly slPrice?: Decimal;
  readonly slTrigger?: 'mark' | 'last';
  readonly slOrderType?: 'limit' | 'market';
  readonly slOrderPrice?: Decimal;
  readonly slAmount?: Decimal;
  readonly status?: string;
  readonly timestamp?: number;
}

/** A closed position from get_history_positions. */
export interface PositionRecord {
  readonly positionId: string;
  readonly symbol: string;
  readonly side: 'long' | 'short';
  readonly maxSize?: Decimal;
  readonly entryPrice?: Decimal;
  readonly closePrice?: Decimal;
  readonly realizedPnl?: Decimal;
  readonly fee?: Decimal;
  readonly funding?: Decimal;
  readonly leverage?: Decimal;
  readonly openedAt: number;
  readonly closedAt?: number;
}

/** TP/SL leg input: trigger price, trigger reference, optional limit price (market when absent), optional amount. */
export interface TpslLeg {
  readonly triggerPrice: string | Decimal;
  readonly trigger?: 'mark' | 'last';
  readonly limitPrice?: string | Decimal;
  readonly amount?: string | Decimal;
}

/** The two legs of a TP/SL call. */
export interface TpslLegs {
  readonly takeProfit?: TpslLeg;
  readonly stopLoss?: TpslLeg;
}
