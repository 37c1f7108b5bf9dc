import type { DecimalValue } from '@exkit/core';
import { reject, type RejectReason } from '../errors.js';
import { Decimal, toDecimal } from '../util/decimal.js';

/** A request value as Decimal, or a typed refusal (a front may pass wire strings straight through). */
export function parseDecimal(value: DecimalValue | undefined, reason: RejectReason, what: string): Decimal {
  if (value === undefined) reject('INVALID_PARAMETER', `${what} is required`);
  try {
    const d = value instanceof Decimal ? value : toDecimal(typeof value === 'string' ? value.trim() : value);
    if (!d.isFinite()) throw new RangeError('not finite');
    return d;
  } catch {
    return reject(reason, `${what} is not a number: ${String(value)}`);
  }
}

/** The request as text for the order log (decimals exactly as received). */
export function logText(request: object): Record<string, string | boolean | undefined> {
  const out: Record<string, string | boolean | undefined> = {};
  for (const [k, v] of Object.entries(request)) {
    if (v === undefined) continue;
    if (typeof v === 'boolean') out[k] = v;
    else if (typeof v === 'object' && v !== null && !(v instanceof Decimal)) {
      for (const [k2, v2] of Object.entries(v as Record<string, unknown>)) if (v2 !== undefined) out[`${k}.${k2}`] = String(v2);
    } else out[k] = String(v);
  }
  return out;
}
