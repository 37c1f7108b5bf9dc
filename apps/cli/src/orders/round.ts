import { Decimal, type Market, type OrderSide } from '@exkit/core';
import { UsageError } from '../errors.js';

export interface Rounded {
  readonly amount?: string;
  readonly price?: string;
  /** What was changed, for the user (stderr). */
  readonly notes: readonly string[];
}

/**
 * Puts a typed size and price on the market's grid before sending, and says so: the amount is
 * rounded down to the step (never more than asked), the price away from the market (a buy down, a
 * sell up) so rounding never makes an order more aggressive.
 */
export function roundToMarket(market: Market, side: OrderSide, amountText: string | undefined, priceText: string | undefined): Rounded {
  const notes: string[] = [];
  let amount: string | undefined;
  let price: string | undefined;
  if (amountText !== undefined) {
    const asked = new Decimal(amountText);
    const r = asked.toNearest(market.stepSize, Decimal.ROUND_DOWN);
    if (!r.eq(asked)) notes.push(`amount ${asked.toFixed()} rounded down to ${r.toFixed()} (step ${market.stepSize.toFixed()})`);
    if (r.lt(market.minAmount)) throw new UsageError(`invalid <amount>: ${r.toFixed()} is below the minimum ${market.minAmount.toFixed()} of ${market.symbol}`);
    amount = r.toFixed();
  }
  if (priceText !== undefined) {
    const asked = new Decimal(priceText);
    const r = asked.toNearest(market.tickSize, side === 'buy' ? Decimal.ROUND_DOWN : Decimal.ROUND_UP);
    if (!r.eq(asked)) notes.push(`price ${asked.toFixed()} rounded ${side === 'buy' ? 'down' : 'up'} to ${r.toFixed()} (tick ${market.tickSize.toFixed()})`);
    if (r.lte(0)) throw new UsageError(`invalid --price: ${asked.toFixed()} rounds to 0 on the tick ${market.tickSize.toFixed()}`);
    price = r.toFixed();
  }
  return { ...(amount !== undefined && { amount }), ...(price !== undefined && { price }), notes };
}
