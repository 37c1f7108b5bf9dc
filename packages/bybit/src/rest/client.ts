import type { RestTransport } from '@exkit/core';

/** The two REST transports an exchange instance talks through (one object when both hosts agree). */
export interface BybitRest {
  /** Market data (`/v5/market/*`): unsigned, IP-limited. */
  readonly public: RestTransport;
  /** Signed account and trade calls. */
  readonly private: RestTransport;
}

/** A list page with Bybit's cursor (`nextPageCursor`, `""` on the last page). */
export interface CursorPage<T> {
  readonly list: readonly T[];
  readonly nextPageCursor?: string | undefined;
}

/**
 * Follows `nextPageCursor` until it is empty (reference §5, instruments-info "Pagination"), at most
 * `maxPages` requests; `stop` ends early once the caller has enough.
 */
export async function collectPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>,
  options: { readonly maxPages?: number; readonly stop?: (items: readonly T[]) => boolean } = {},
): Promise<T[]> {
  const out: T[] = [];
  const maxPages = options.maxPages ?? 100;
  let cursor: string | undefined;
  const seen = new Set<string>();
  for (let page = 0; page < maxPages; page++) {
    const res = await fetchPage(cursor);
    out.push(...res.list);
    const next = res.nextPageCursor;
    // An empty cursor ends the walk; a repeated one would loop forever.
    if (next === undefined || next === '' || res.list.length === 0 || seen.has(next)) break;
    if (options.stop?.(out) === true) break;
    seen.add(next);
    cursor = next;
  }
  return out;
}
