import { UnexpectedResponseError } from '../errors/error-classes.js';
import type { ServerTimeReading } from './server-time.js';

/**
 * The HTTP `Date` header has one-second resolution (RFC 9110 IMF-fixdate). A venue stamping
 * `12:00:07` answered somewhere in [12:00:07.000, 12:00:08.000), so the reading is taken as the
 * middle of that second with a precision of ±500 ms.
 */
export const DATE_HEADER_PRECISION_MS = 500;

/**
 * Server time from the HTTP `Date` header, for venues without a time endpoint (venue B). Pass the
 * header value or the (lower-cased) response headers. Precision ±500 ms: good enough for receive
 * windows of several seconds, not for sub-second ones.
 */
export function serverTimeFromDateHeader(
  headers: string | Readonly<Record<string, string | undefined>> | undefined,
  exchange = 'exkit',
): ServerTimeReading {
  const value = typeof headers === 'string' || headers === undefined ? headers : headers['date'];
  const ms = value === undefined ? Number.NaN : Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new UnexpectedResponseError(`no usable Date header in the response (got ${value === undefined ? 'none' : JSON.stringify(value.slice(0, 64))})`, {
      exchange,
      path: 'headers.date',
    });
  }
  return { serverTime: Math.floor(ms / 1000) * 1000 + DATE_HEADER_PRECISION_MS, precisionMs: DATE_HEADER_PRECISION_MS };
}
