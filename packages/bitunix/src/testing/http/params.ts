/** Parameter readers that refuse with the venue's own codes (bitunix.md §3: missing → 1/10002, bad enum → 10008). */
import { E, ruleError, type WireError } from '../codes.js';
import { Refusal, type Params } from './types.js';
import type { SimInstrument, SimVenue } from '@exkit/sim';

export function optString(p: Params, key: string): string | undefined {
  const v = p[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new Refusal(ruleError(JSON.stringify(v)));
}

export function reqString(p: Params, key: string, missing: WireError = E.parameter): string {
  const v = optString(p, key);
  if (v === undefined) throw new Refusal(missing);
  return v;
}

export function optEnum<const T extends readonly string[]>(p: Params, key: string, values: T): T[number] | undefined {
  const v = optString(p, key);
  if (v === undefined) return undefined;
  if (!values.includes(v)) throw new Refusal(ruleError(v, values));
  return v;
}

export function reqEnum<const T extends readonly string[]>(p: Params, key: string, values: T): T[number] {
  const v = optEnum(p, key, values);
  if (v === undefined) throw new Refusal(E.parameter);
  return v;
}

/** A decimal string (strings on the wire; a JSON number is accepted as its text). */
export function optDecimal(p: Params, key: string): string | undefined {
  const v = optString(p, key);
  if (v === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(v)) throw new Refusal(ruleError(v));
  return v;
}

export function optInt(p: Params, key: string, options: { min?: number; max?: number } = {}): number | undefined {
  const v = optString(p, key);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw new Refusal(ruleError(v));
  const n = Number(v);
  if ((options.min !== undefined && n < options.min) || (options.max !== undefined && n > options.max)) throw new Refusal(ruleError(v));
  return n;
}

export function optBool(p: Params, key: string): boolean | undefined {
  const v = p[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw new Refusal(ruleError(String(v), ['true', 'false']));
}

/** A USDT-M perpetual by its native id (case-insensitive, as live); unknown → 20015. */
export function market(venue: SimVenue, id: string): SimInstrument {
  const inst = venue.findInstrument(id.toUpperCase(), 'swap');
  if (inst === undefined) throw new Refusal(E.unknownSymbol);
  return inst;
}

export function swaps(venue: SimVenue): SimInstrument[] {
  return venue.instruments().filter((i) => i.type === 'swap');
}

/** skip/limit paging (default 10, max 100, §5). */
export function page<T>(p: Params, rows: readonly T[]): { rows: T[]; total: number } {
  const skip = optInt(p, 'skip', { min: 0 }) ?? 0;
  const limit = optInt(p, 'limit', { min: 1, max: 100 }) ?? 10;
  return { rows: rows.slice(skip, skip + limit), total: rows.length };
}

export function inTime(p: Params, at: number): boolean {
  const start = optInt(p, 'startTime', { min: 0 });
  const end = optInt(p, 'endTime', { min: 0 });
  return (start === undefined || at >= start) && (end === undefined || at <= end);
}
