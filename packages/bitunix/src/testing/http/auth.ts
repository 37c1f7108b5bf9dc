/**
 * Private-request authentication as the venue does it (bitunix.md §2, §8): headers read case-insensitively
 * (`api-key`, `nonce`, `timestamp`, `sign`); the signature recomputed independently of the adapter from the
 * raw decoded query (ASCII-sorted key+value, empty values skipped) and the raw body bytes as received:
 * `sha256hex(sha256hex(nonce + timestamp + apiKey + query + body) + secret)`, compared lower case.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { E, type WireError } from '../codes.js';

const sha = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export function signature(nonce: string, timestamp: string, apiKey: string, query: string, body: string, secret: string): string {
  return sha(sha(nonce + timestamp + apiKey + query + body) + secret);
}

export function sortedQuery(entries: ReadonlyArray<readonly [string, string]>): string {
  return entries
    .filter(([, v]) => v !== '')
    .slice()
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => k + v)
    .join('');
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  // node lower-cases incoming header names, so `Api-Key` and `api-key` both arrive as `api-key`
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export interface AuthInput {
  readonly headers: IncomingHttpHeaders;
  readonly queryEntries: ReadonlyArray<readonly [string, string]>;
  readonly body: string;
  /** The key's secret, undefined for an unknown key. */
  readonly secretOf: (apiKey: string) => string | undefined;
  /** Venue clock (ms) and the optional receive window (README §9 open point: no window by default). */
  readonly now: number;
  readonly receiveWindowMs?: number;
}

export type AuthResult = { readonly ok: true; readonly apiKey: string; readonly sign: string } | { readonly ok: false; readonly error: WireError; readonly apiKey?: string; readonly sign?: string };

export function authenticate(input: AuthInput): AuthResult {
  const apiKey = header(input.headers, 'api-key');
  if (apiKey === undefined || apiKey === '') return { ok: false, error: E.emptyKey };
  const nonce = header(input.headers, 'nonce');
  const timestamp = header(input.headers, 'timestamp');
  const sign = header(input.headers, 'sign');
  if (sign === undefined || sign === '') return { ok: false, error: E.sign, apiKey };
  if (nonce === undefined || nonce === '' || timestamp === undefined || !/^\d+$/.test(timestamp)) return { ok: false, error: E.parameter, apiKey, sign };
  const secret = input.secretOf(apiKey);
  if (secret === undefined) return { ok: false, error: E.sign, apiKey, sign };
  const expected = signature(nonce, timestamp, apiKey, sortedQuery(input.queryEntries), input.body, secret);
  if (sign !== expected) return { ok: false, error: E.sign, apiKey, sign };
  if (input.receiveWindowMs !== undefined && Math.abs(input.now - Number(timestamp)) > input.receiveWindowMs) return { ok: false, error: E.sign, apiKey, sign };
  return { ok: true, apiKey, sign };
}
