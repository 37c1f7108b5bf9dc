import type { HistoryQuery } from '@exkit/core';

const DAY_MS = 86_400_000;
/** `/v5/order/history` and `/v5/execution/list` answer at most 7 days per request (reference §5). */
const HISTORY_WINDOW_MS = 7 * DAY_MS;
/** No Bybit history exists before this (the venue launched in 2018): the window walk starts here at the earliest. */
const HISTORY_FLOOR_MS = Date.UTC(2018, 0, 1);
/** Pages one history/funding walk may take before giving up. */
export const MAX_HISTORY_PAGES = 200;

/**
 * 7-day windows covering `[since, until)`, oldest first; `[undefined]` (the venue's default: the
 * last 7 days) when no `since` is given and no `until` either.
 */
export function historyWindows(query: HistoryQuery, now: number): Array<{ since: number; until: number } | undefined> {
  if (query.since === undefined && query.until === undefined) return [undefined];
  const until = Math.min(query.until ?? now + 1, now + 1);
  const since = Math.max(query.since ?? until - HISTORY_WINDOW_MS, HISTORY_FLOOR_MS);
  const out: Array<{ since: number; until: number }> = [];
  for (let start = since; start < until; start += HISTORY_WINDOW_MS) out.push({ since: start, until: Math.min(start + HISTORY_WINDOW_MS, until) });
  // Without `since` the newest records are wanted: walk newest first.
  return query.since === undefined ? out.reverse() : out;
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ascending by timestamp, then by id. */
export function byTimeThenId(a: { readonly timestamp: number; readonly id: string }, b: { readonly timestamp: number; readonly id: string }): number {
  return a.timestamp - b.timestamp || cmp(a.id, b.id);
}

export function inRange(t: number, q: HistoryQuery): boolean {
  return (q.since === undefined || t >= q.since) && (q.until === undefined || t < q.until);
}

/** `limit` of an ascending list: the earliest after `since`, otherwise the newest. */
export function limitAscending<T>(items: T[], q: HistoryQuery): T[] {
  if (q.limit === undefined || items.length <= q.limit) return items;
  return q.since !== undefined ? items.slice(0, q.limit) : items.slice(items.length - q.limit);
}
