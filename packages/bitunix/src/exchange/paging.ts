import type { fromRestOrder } from '../map/order.js';
import { getPendingOrders, type OrderListParams } from '../rest/endpoints/pending-orders.js';
import { MAX_LIST_LIMIT } from '../rest/limits.js';
import type { BitunixContext } from './context.js';

/** Pages read at most per list call (100 rows each): a bound, not a venue limit. */
export const MAX_PAGES = 50;

/** Offset paging (`skip` + `limit` ≤ 100, newest first, `total` — bitunix.md §5 "Pagination") up to `want` rows. */
export async function pages<R>(read: (p: { skip: number; limit: number }) => Promise<{ rows: R[]; total?: number | string | undefined }>, want: number): Promise<R[]> {
  const out: R[] = [];
  for (let page = 0; page < MAX_PAGES && out.length < want; page++) {
    const limit = Math.min(MAX_LIST_LIMIT, want - out.length);
    const { rows, total } = await read({ skip: out.length, limit });
    out.push(...rows);
    const t = total === undefined ? undefined : Number(total);
    if (rows.length < limit || (t !== undefined && Number.isFinite(t) && out.length >= t)) break;
  }
  return out;
}

/** Every pending order (get_pending_orders), paged. */
export async function pendingOrders(ctx: BitunixContext, params: OrderListParams): Promise<Parameters<typeof fromRestOrder>[0][]> {
  return pages((p) => getPendingOrders(ctx.rest, { ...params, ...p }).then((r) => ({ rows: r.orderList, total: r.total })), MAX_LIST_LIMIT * MAX_PAGES);
}
