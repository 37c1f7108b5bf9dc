import { isDecimal } from '@exkit/core';

/**
 * Plain JSON of a model: Decimals as exact decimal strings (never floats), times kept as epoch ms.
 * Decimal.js' own toJSON may use exponent notation, so it is replaced here.
 */
export function plain(value: unknown): unknown {
  if (isDecimal(value)) return value.toFixed();
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    const outObj: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) outObj[k] = plain(v);
    return outObj;
  }
  return value;
}

/** A cell: Decimals as plain strings, missing as `-`. */
export function cell(value: unknown): string {
  if (value === undefined || value === null) return '-';
  if (isDecimal(value)) return value.toFixed();
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

export function isoTime(ms: number | undefined): string {
  return ms === undefined ? '-' : new Date(ms).toISOString();
}
