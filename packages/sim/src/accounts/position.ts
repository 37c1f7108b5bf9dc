import type { SimInstrument } from '../instruments/instrument.js';
import { absBig, D0, Decimal } from '../util/decimal.js';

/** Extra decimal places an average entry price keeps beyond the tick's. */
export const ENTRY_EXTRA_DP = 8;
/** Initial margin is rounded up to this many decimal places. */
export const MARGIN_DP = 8;

export interface PositionChange {
  readonly lots: bigint;
  readonly entry: Decimal;
  /** Price PnL realized by the closing part. */
  readonly realized: Decimal;
  readonly closedLots: bigint;
  /** The position crossed zero or started from flat: a fresh position (fresh entry). */
  readonly fresh: boolean;
}

/**
 * One fill applied to a one-way position. Entry: weighted average on increase (rounded half-even
 * to tick + 8 places), unchanged on reduce, the fill price after a flip. Realized PnL of the closed
 * part is (price − entry) × closed size for a long, the mirror for a short — exact.
 */
export function applyFill(inst: SimInstrument, lots: bigint, entry: Decimal, signedFillLots: bigint, price: Decimal): PositionChange {
  if (lots === 0n) return { lots: signedFillLots, entry: price, realized: D0, closedLots: 0n, fresh: true };
  const sameSide = lots > 0n === signedFillLots > 0n;
  if (sameSide) {
    const next = lots + signedFillLots;
    const value = entry.times(inst.size(absBig(lots))).plus(price.times(inst.size(absBig(signedFillLots))));
    const avg = value.div(inst.size(absBig(next))).toDecimalPlaces(inst.priceDp + ENTRY_EXTRA_DP, Decimal.ROUND_HALF_EVEN);
    return { lots: next, entry: avg, realized: D0, closedLots: 0n, fresh: false };
  }
  const closedLots = absBig(signedFillLots) < absBig(lots) ? absBig(signedFillLots) : absBig(lots);
  const closed = inst.size(closedLots);
  const realized = lots > 0n ? price.minus(entry).times(closed) : entry.minus(price).times(closed);
  const next = lots + signedFillLots;
  if (next === 0n) return { lots: 0n, entry: D0, realized, closedLots, fresh: false };
  const flipped = next > 0n !== lots > 0n;
  return { lots: next, entry: flipped ? price : entry, realized, closedLots, fresh: flipped };
}

/** Initial margin for a notional at a leverage, rounded up so the venue never under-reserves. */
export function initialMargin(notional: Decimal, leverage: Decimal): Decimal {
  return notional.div(leverage).toDecimalPlaces(MARGIN_DP, Decimal.ROUND_UP);
}
