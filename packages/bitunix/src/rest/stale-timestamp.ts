import { serverTimeFromDateHeader, type Clock, type ResponseHeaders } from '@exkit/core';

/**
 * The documented error table has no timestamp code (bitunix.md §4, §9); users report a stale or missing timestamp
 * as the signature error 10007 (Q&A "BItUnix API Signature Error (10007) when Placing order": "Missing or invalid
 * timestamp" is among its causes), and the simulator picks that. A 10007 therefore means "timestamp" when the
 * reply's own HTTP `Date` header (1 s resolution) shows the signing clock off the venue by more than this;
 * otherwise it stays an authentication error. With clock sync on, core then re-syncs and signs once more.
 */
export const STALE_TIMESTAMP_MS = 2_000;

/** The signing clock's distance from the venue clock as the reply's `Date` header reads it, or undefined without one. */
export function signingSkewMs(headers: ResponseHeaders, signingClock: Clock): number | undefined {
  try {
    const reading = serverTimeFromDateHeader(headers);
    return signingClock.now() - reading.serverTime;
  } catch {
    return undefined;
  }
}

export function looksStale(headers: ResponseHeaders, signingClock: Clock): boolean {
  const skew = signingSkewMs(headers, signingClock);
  return skew !== undefined && Math.abs(skew) > STALE_TIMESTAMP_MS;
}
