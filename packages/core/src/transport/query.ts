import { InvalidArgumentError } from '../errors/error-classes.js';
import type { QueryValue } from './types.js';

/** Parameters as text pairs, in the caller's order; `undefined` and `''` are dropped (venues reject empty parameters). */
export function toQueryEntries(query: Readonly<Record<string, QueryValue>> | undefined, exchange: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (query === undefined) return out;
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const text = queryText(name, value, exchange);
    if (text !== '') out.push([name, text]);
  }
  return out;
}

function queryText(name: string, value: Exclude<QueryValue, undefined>, exchange: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    // `String(1e-7)` is "1e-7": a float must never reach the wire in exponent form.
    const text = String(value);
    if (!Number.isFinite(value) || /e/i.test(text)) {
      throw new InvalidArgumentError(`query parameter ${name}: ${text} cannot be sent as a plain number; pass a Decimal or a string`, { exchange });
    }
    return text;
  }
  return value.toFixed();
}

/** `name=value&…`, each part percent-encoded (RFC 3986 unreserved characters kept), in order. */
export function encodeQuery(entries: ReadonlyArray<readonly [string, string]>): string {
  return entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}
