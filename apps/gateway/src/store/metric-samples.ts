// Recorded metric samples; /metrics?hours= answers from these.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './tables.js';

export class MetricSampleRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(at: string, data: Readonly<Record<string, unknown>>): Promise<void> {
    await this.db.insertInto('metric_samples').values({ id: randomUUID(), at, data: JSON.stringify(data) }).execute();
  }

  async since(at: string): Promise<{ at: string; data: Record<string, unknown> }[]> {
    const rows = await this.db.selectFrom('metric_samples').select(['at', 'data']).where('at', '>=', at).orderBy('at').execute();
    return rows.map((r) => ({ at: r.at, data: JSON.parse(r.data) as Record<string, unknown> }));
  }

  async prune(before: string): Promise<void> {
    await this.db.deleteFrom('metric_samples').where('at', '<', before).execute();
  }
}
