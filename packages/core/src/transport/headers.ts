import type { ResponseHeaders } from './types.js';

/** Lower-cased names, repeated headers joined with `, ` (RFC 9110 list form). */
export function normaliseHeaders(raw: unknown): ResponseHeaders {
  const out: Record<string, string> = {};
  if (raw === null || typeof raw !== 'object') return out;
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
  }
  return out;
}
