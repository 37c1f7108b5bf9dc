// POST /api/v1/trade idempotency: the first request with a client_order_id claims the row; repeats read it.
import type { Kysely } from 'kysely';
import type { Database } from './tables.js';

export type TradeClaim = { readonly claimed: true } | { readonly claimed: false; readonly status: string; readonly result: unknown };

export class TradeRequestRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async claim(venue: string, clientOrderId: string, requestedBy: string, at: string): Promise<TradeClaim> {
    const res = await this.db
      .insertInto('trade_requests')
      .values({ venue, client_order_id: clientOrderId, status: 'pending', result: null, requested_by: requestedBy, created_at: at })
      .onConflict((oc) => oc.columns(['venue', 'client_order_id']).doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0n) === 1) return { claimed: true };
    const row = await this.get(venue, clientOrderId);
    return { claimed: false, status: row?.status ?? 'pending', result: row?.result ?? null };
  }

  async get(venue: string, clientOrderId: string): Promise<{ status: string; result: unknown } | null> {
    const row = await this.db
      .selectFrom('trade_requests')
      .select(['status', 'result'])
      .where('venue', '=', venue)
      .where('client_order_id', '=', clientOrderId)
      .executeTakeFirst();
    return row ? { status: row.status, result: row.result === null ? null : (JSON.parse(row.result) as unknown) } : null;
  }

  async complete(venue: string, clientOrderId: string, status: 'done' | 'failed', result: unknown): Promise<void> {
    await this.db
      .updateTable('trade_requests')
      .set({ status, result: JSON.stringify(result) })
      .where('venue', '=', venue)
      .where('client_order_id', '=', clientOrderId)
      .execute();
  }

  /** A failed placement frees the id so the caller may retry with it. */
  async release(venue: string, clientOrderId: string): Promise<void> {
    await this.db.deleteFrom('trade_requests').where('venue', '=', venue).where('client_order_id', '=', clientOrderId).execute();
  }
}
