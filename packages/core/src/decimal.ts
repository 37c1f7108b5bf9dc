import { Decimal as DecimalJs } from 'decimal.js';

/**
 * Core's Decimal: a private clone of decimal.js so that configuring it never touches the caller's
 * own decimal.js (no global side effect).
 *
 * - precision 60 significant digits: decimal.js rounds the result of *every* operation (not only
 *   division) to `precision`, and the default 20 digits silently rounds 123456789.12345678² —
 *   exactness of price × size needs headroom.
 * - toExpNeg/toExpPos far out: `toString()` never answers in exponent notation, so a value can go
 *   to the wire as written (`1e-8` would otherwise print as `1e-8`).
 */
export const Decimal = DecimalJs.clone({
  precision: 60,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -100,
  toExpPos: 100,
});
// The instance type is decimal.js's own; runtime identity is core's clone (`x instanceof Decimal`).
export type Decimal = DecimalJs;
export type DecimalValue = string | number | DecimalJs;

/** True for any decimal.js instance (core's clone or the caller's own decimal.js). */
export function isDecimal(value: unknown): value is Decimal {
  return DecimalJs.isDecimal(value);
}

/**
 * True only for core's own Decimal. decimal.js clones share one prototype, so `instanceof` also
 * accepts a caller's decimal.js instance — whose arithmetic would round at *its* precision (20).
 */
export function isCoreDecimal(value: unknown): value is Decimal {
  return value instanceof Decimal && (value as { constructor: unknown }).constructor === Decimal;
}

/** Converts to core's Decimal. Numbers are accepted only when finite; `NaN`/`Infinity` throw. */
export function toDecimal(value: DecimalValue): Decimal {
  if (isCoreDecimal(value)) return value;
  const d = new Decimal(value);
  if (!d.isFinite()) throw new RangeError(`not a finite decimal: ${String(value)}`);
  return d;
}

export const ZERO: Decimal = new Decimal(0);
export const ONE: Decimal = new Decimal(1);

/** Plain decimal string for the wire: never exponent notation, no trailing zeros beyond the value. */
export function toPlainString(value: Decimal): string {
  return value.toFixed();
}

/** decimal.js rounding-mode constant (Decimal.ROUND_FLOOR, …). */
export type DecimalRounding = DecimalJs.Rounding;
