/**
 * Parses an HTTP `Retry-After` value (RFC 9110: delay-seconds or an HTTP-date) into ms from `now`.
 * Returns undefined when absent or unreadable, so the caller picks its own default.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}
