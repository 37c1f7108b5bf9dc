import { Decimal, toDecimal, type DecimalValue } from '@exkit/core';

export { Decimal, toDecimal, type DecimalValue };

export const D0: Decimal = new Decimal(0);
export const D1: Decimal = new Decimal(1);

/**
 * A value expressed in whole units of a grid (ticks of a price grid, lots of a size grid), or
 * undefined when it is off the grid. bigint, because `123456789.12345678` on a 1e-8 grid is
 * beyond 2^53.
 */
export function toUnits(value: Decimal, unit: Decimal): bigint | undefined {
  const q = value.div(unit);
  return q.isInteger() ? BigInt(q.toFixed(0)) : undefined;
}

/** Whole units rounded toward zero (a size cut down onto the grid). */
export function toUnitsFloor(value: Decimal, unit: Decimal): bigint {
  return BigInt(value.div(unit).toDecimalPlaces(0, Decimal.ROUND_DOWN).toFixed(0));
}

export function fromUnits(units: bigint, unit: Decimal): Decimal {
  return new Decimal(units.toString()).times(unit);
}

export function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

export function absBig(a: bigint): bigint {
  return a < 0n ? -a : a;
}

/** Decimal places a grid unit needs to print its multiples (`0.10` → 2: prices print like the venue's). */
export function unitPlaces(spelled: string, unit: Decimal): number {
  const dot = spelled.indexOf('.');
  const written = dot < 0 || /e/i.test(spelled) ? 0 : spelled.length - dot - 1;
  return Math.max(written, unit.decimalPlaces());
}
