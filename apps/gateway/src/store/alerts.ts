// Alerts: raised by conditions, resolved by people or by the condition clearing.
import type { Kysely } from 'kysely';
import type { AlertsTable, Database } from './tables.js';

export type AlertSeverity = 'low' | 'medium' | 'high' | 'critical';

export interface AlertRecord {
  readonly id: string;
  readonly type: string;
  readonly title: string;
  readonly message: string;
  readonly severity: AlertSeverity;
  readonly active: boolean;
  readonly dedupeKey: string | null;
  readonly createdAt: string;
  readonly resolvedAt: string | null;
}

const toRecord = (r: AlertsTable): AlertRecord => ({
  id: r.id,
  type: r.type,
  title: r.title,
  message: r.message,
  severity: r.severity as AlertSeverity,
  active: r.active === 1,
  dedupeKey: r.dedupe_key,
  createdAt: r.created_at,
  resolvedAt: r.resolved_at,
});

export class AlertRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(a: AlertRecord): Promise<void> {
    await this.db
      .insertInto('alerts')
      .values({
        id: a.id,
        type: a.type,
        title: a.title,
        message: a.message,
        severity: a.severity,
        active: a.active ? 1 : 0,
        dedupe_key: a.dedupeKey,
        created_at: a.createdAt,
        resolved_at: a.resolvedAt,
      })
      .execute();
  }

  async list(activeOnly: boolean, limit = 500): Promise<AlertRecord[]> {
    let q = this.db.selectFrom('alerts').selectAll();
    if (activeOnly) q = q.where('active', '=', 1);
    return (await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()).map(toRecord);
  }

  async counts(): Promise<{ total: number; active: number }> {
    const rows = await this.db.selectFrom('alerts').select(['active', (eb) => eb.fn.countAll().as('n')]).groupBy('active').execute();
    let total = 0;
    let active = 0;
    for (const r of rows) {
      total += Number(r.n);
      if (r.active === 1) active += Number(r.n);
    }
    return { total, active };
  }

  async activeByKey(dedupeKey: string): Promise<AlertRecord | null> {
    const r = await this.db.selectFrom('alerts').selectAll().where('dedupe_key', '=', dedupeKey).where('active', '=', 1).executeTakeFirst();
    return r ? toRecord(r) : null;
  }

  async byId(id: string): Promise<AlertRecord | null> {
    const r = await this.db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toRecord(r) : null;
  }

  async resolve(id: string, at: string): Promise<AlertRecord | null> {
    await this.db.updateTable('alerts').set({ active: 0, resolved_at: at }).where('id', '=', id).where('active', '=', 1).execute();
    return this.byId(id);
  }
}
