/**
 * Decimal strings ⇄ scaled integers, without Decimal on the way.
 *
 * A value v at scale s is the integer v × 10^s. The fast form is a double, exact while the integer
 * is at most 2^53 − 1; the wide form is a bigint, exact always. `parseScaled` answers NaN whenever
 * the fast form would not be exact, and the caller decides (rescale, go wide, or reject).
 */

/** 10^k for k ≤ 22: every one of them is an exact double. */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Scales above this are refused as input errors rather than grown into (a guard against `1e-999999`). */
export const MAX_SCALE = 40;

/** Integer digits above this are refused for the same reason. */
const MAX_INTEGER_DIGITS = 60;

export function pow10(k: number): number {
  return POW10[k] ?? 10 ** k;
}

/**
 * `text` × 10^scale as an exact double, or NaN when that is not possible: not a plain decimal
 * (sign `-` allowed, no exponent), a non-zero digit beyond `scale`, or a result above 2^53 − 1.
 * Zeros beyond the scale are fine (`100.100` at scale 2).
 */
export function parseScaled(text: string, scale: number): number {
  // Venues mostly print exactly `scale` decimals (`30247.20` at 2): then the integer and fraction
  // digits are read as two int32s (≤ 9 digits each), with no state machine.
  const len = text.length;
  const dot = len - scale - 1;
  if (dot > 0 && dot < 10 && scale < 10 && text.charCodeAt(dot) === 46) {
    let int = 0;
    for (let i = 0; i < dot; i++) {
      const d = (text.charCodeAt(i) - 48) | 0;
      if (d >>> 0 > 9) return parseScaledGeneral(text, scale); // a sign, or not a number
      int = (int * 10 + d) | 0;
    }
    let frac = 0;
    for (let i = dot + 1; i < len; i++) {
      const d = (text.charCodeAt(i) - 48) | 0;
      if (d >>> 0 > 9) return NaN;
      frac = (frac * 10 + d) | 0;
    }
    // Up to 10^18: exact when at most 2^53 − 1, and rounding is monotone, so the check is sound.
    const value = int * pow10(scale) + frac;
    return value <= Number.MAX_SAFE_INTEGER ? value : NaN;
  }
  if (len === 1 && text.charCodeAt(0) === 48) return 0; // "0": the usual delete
  return parseScaledGeneral(text, scale);
}

function parseScaledGeneral(text: string, scale: number): number {
  const len = text.length;
  let i = 0;
  let negative = false;
  if (len > 0 && text.charCodeAt(0) === 45) {
    negative = true;
    i = 1;
  }
  let value = 0;
  let digits = 0;
  let decimals = -1; // -1 until the point is seen
  for (; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (decimals >= 0) return NaN;
      decimals = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return NaN;
    digits++;
    if (decimals >= 0) {
      if (decimals === scale) {
        if (d !== 0) return NaN;
        continue;
      }
      decimals++;
    }
    // Exact while below 2^53; past it the rounding is monotone, so the final check still catches it.
    value = value * 10 + d;
  }
  if (digits === 0) return NaN;
  const missing = decimals < 0 ? scale : scale - decimals;
  if (missing > 0) value *= pow10(missing);
  if (value > Number.MAX_SAFE_INTEGER) return NaN;
  return negative ? -value : value;
}

/** An exact decimal: `units` / 10^`decimals`, with no trailing fractional zeros. */
export interface ExactDecimal {
  readonly units: bigint;
  readonly decimals: number;
}

const PLAIN = /^(-)?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,6}))?$/;

/** Parses any plain or exponent decimal string exactly; undefined when it is not a number or absurdly long. */
export function parseExact(text: string): ExactDecimal | undefined {
  const m = PLAIN.exec(text);
  if (m === null) return undefined;
  const intPart = m[2] ?? '';
  let fracPart = m[3] ?? '';
  if (intPart.length + fracPart.length === 0) return undefined;
  fracPart = fracPart.replace(/0+$/, '');
  let units = BigInt((intPart + fracPart).replace(/^0+(?=\d)/, '') || '0');
  let decimals = fracPart.length - Number(m[4] ?? 0);
  if (decimals < 0) {
    units *= 10n ** BigInt(-decimals);
    decimals = 0;
  }
  if (units === 0n) return { units, decimals: 0 };
  while (decimals > 0 && units % 10n === 0n) {
    units /= 10n;
    decimals--;
  }
  if (decimals > MAX_SCALE || units.toString().length - decimals > MAX_INTEGER_DIGITS) return undefined;
  return { units: m[1] === '-' ? -units : units, decimals };
}

/** `text` × 10^scale as a bigint; undefined when it is not a number or has more than `scale` decimals. */
export function parseScaledBig(text: string, scale: number): bigint | undefined {
  const exact = parseExact(text);
  if (exact === undefined || exact.decimals > scale) return undefined;
  return exact.units * 10n ** BigInt(scale - exact.decimals);
}

/** The canonical plain string of an integer `digits` (sign allowed) at `scale`: `10010`@2 → `100.1`. */
export function formatScaledDigits(digits: string, scale: number): string {
  let sign = '';
  if (digits.charCodeAt(0) === 45) {
    sign = '-';
    digits = digits.slice(1);
  }
  if (scale === 0) return sign + digits;
  if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
  const cut = digits.length - scale;
  let end = digits.length;
  while (end > cut && digits.charCodeAt(end - 1) === 48) end--;
  const text = end === cut ? digits.slice(0, cut) : `${digits.slice(0, cut)}.${digits.slice(cut, end)}`;
  return text === '0' ? '0' : sign + text;
}

/** The canonical plain string of a fast scaled integer. */
export function formatScaled(value: number, scale: number): string {
  // Safe integers print as plain digits (no exponent) below 1e21, which 2^53 is.
  return formatScaledDigits(String(value === 0 ? 0 : value), scale);
}

export function formatScaledBig(value: bigint, scale: number): string {
  return formatScaledDigits(value.toString(), scale);
}
