/**
 * A half-open set of candle open times: a candle belongs to the range when
 * `since <= openTime < until`. Ranges are plain ms, not interval-aligned, so they split cleanly at
 * any boundary (a cache chunk edge, "now") without rounding.
 */
export interface TimeRange {
  readonly since: number;
  readonly until: number;
}

export function rangeContains(range: TimeRange, time: number): boolean {
  return time >= range.since && time < range.until;
}

/** Sorted, non-empty, with overlapping or touching ranges merged. */
export function normalizeRanges(ranges: readonly TimeRange[]): TimeRange[] {
  const sorted = ranges.filter((r) => r.until > r.since).sort((a, b) => a.since - b.since);
  const out: TimeRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && r.since <= last.until) {
      if (r.until > last.until) out[out.length - 1] = { since: last.since, until: r.until };
    } else {
      out.push({ since: r.since, until: r.until });
    }
  }
  return out;
}

export function intersectRange(a: TimeRange, b: TimeRange): TimeRange | undefined {
  const since = Math.max(a.since, b.since);
  const until = Math.min(a.until, b.until);
  return until > since ? { since, until } : undefined;
}

/** The parts of `range` not covered by any of `holes`, ascending. */
export function subtractRanges(range: TimeRange, holes: readonly TimeRange[]): TimeRange[] {
  const out: TimeRange[] = [];
  let cursor = range.since;
  for (const h of normalizeRanges(holes)) {
    if (h.until <= cursor) continue;
    if (h.since >= range.until) break;
    if (h.since > cursor) out.push({ since: cursor, until: h.since });
    cursor = Math.max(cursor, h.until);
    if (cursor >= range.until) break;
  }
  if (cursor < range.until) out.push({ since: cursor, until: range.until });
  return out;
}

/** Total length in ms. */
export function rangesLength(ranges: readonly TimeRange[]): number {
  let total = 0;
  for (const r of ranges) total += Math.max(0, r.until - r.since);
  return total;
}
