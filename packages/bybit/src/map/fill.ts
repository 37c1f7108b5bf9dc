import type { Fill, Market } from '@exkit/core';
import type { WireExecType } from '../rest/schemas/common.js';
import type { WireExecution } from '../rest/schemas/trade.js';
import { mapSide } from './trade.js';

/**
 * Executions that are fills of one of the account's orders. Funding, settlement, delivery, moved
 * positions, spread legs and corporate actions are cash flows, not order fills (reference §8
 * execType); they are skipped, not mapped.
 */
export const FILL_EXEC_TYPES: ReadonlySet<WireExecType> = new Set(['Trade', 'AdlTrade', 'BustTrade', 'BlockTrade']);

/**
 * The fee currency of an execution. `feeCurrency` when the venue says it; otherwise derivatives pay
 * in the settle coin, and spot follows DOCS "Spot Fee Currency Instruction" (`docs/v5/enum.mdx`):
 * a buy pays in base and a sell in quote, inverted for a maker fill at a negative (rebate) rate.
 */
export function executionFeeCurrency(w: WireExecution, market: Market): string {
  if (w.feeCurrency !== undefined && w.feeCurrency !== '') return w.feeCurrency;
  if (market.type !== 'spot' && market.settle !== undefined) return market.settle;
  const inverted = w.isMaker && w.feeRate !== undefined && w.feeRate.lt(0);
  const buy = w.side === 'Buy';
  return buy !== inverted ? market.base : market.quote;
}

/**
 * An execution → core Fill, or undefined for executions that are not order fills. `cost` is
 * price × size computed exactly (not the venue's `execValue`); the fee is the venue's `execFee`
 * as reported (negative = rebate), never recomputed from the rate.
 */
export function mapExecution(w: WireExecution, market: Market): Fill | undefined {
  if (!FILL_EXEC_TYPES.has(w.execType)) return undefined;
  return {
    id: w.execId,
    orderId: w.orderId,
    ...(w.orderLinkId !== '' && { clientOrderId: w.orderLinkId }),
    symbol: market.symbol,
    side: mapSide(w.side),
    price: w.execPrice,
    size: w.execQty,
    cost: w.execPrice.mul(w.execQty),
    fee: { amount: w.execFee, currency: executionFeeCurrency(w, market) },
    liquidity: w.isMaker ? 'maker' : 'taker',
    timestamp: w.execTime,
  };
}
