import { Decimal, type DecimalRounding } from '../decimal.js';
import type { OrderSide } from '../models/enums.js';

/**
 * Explicit rounding onto a grid. `down`/`up` are toward −∞/+∞ (prices and sizes are positive, so
 * `down` never enlarges a size).
 */
export type RoundingMode = 'down' | 'up' | 'nearest';

const MODE: Record<RoundingMode, DecimalRounding> = {
  down: Decimal.ROUND_FLOOR,
  up: Decimal.ROUND_CEIL,
  nearest: Decimal.ROUND_HALF_EVEN,
};

/** Rounds `value` to a multiple of `step` (any step, not only powers of ten: 0.5, 0.25…). */
export function roundToStep(value: Decimal, step: Decimal, mode: RoundingMode): Decimal {
  if (step.lte(0)) throw new RangeError('step must be positive');
  return value.div(step).toDecimalPlaces(0, MODE[mode]).mul(step);
}

export function isOnStep(value: Decimal, step: Decimal): boolean {
  return value.mod(step).isZero();
}

/** The passive direction for a limit price: a buy rounds down, a sell rounds up — never more aggressive. */
export function passiveRounding(side: OrderSide): RoundingMode {
  return side === 'buy' ? 'down' : 'up';
}

/** Number of decimals of a grid step (`0.001` → 3, `0.5` → 1, `10` → 0). */
export function stepDecimals(step: Decimal): number {
  return Math.max(0, step.decimalPlaces());
}
