// The `settings` and `secrets` tables: JSON values by key.
import type { Kysely } from 'kysely';
import type { Database } from './tables.js';

export class KeyValueRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly table: 'settings' | 'secrets',
  ) {}

  async get(key: string): Promise<{ value: unknown; updatedAt: string } | null> {
    const row = await this.db.selectFrom(this.table).select(['value', 'updated_at']).where('key', '=', key).executeTakeFirst();
    return row ? { value: JSON.parse(row.value) as unknown, updatedAt: row.updated_at } : null;
  }

  async set(key: string, value: unknown, at: string): Promise<void> {
    const text = JSON.stringify(value);
    await this.db
      .insertInto(this.table)
      .values({ key, value: text, updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: text, updated_at: at }))
      .execute();
  }

  /** Stores `value` only when the key is absent; returns what is stored (several instances agree on one). */
  async getOrInit(key: string, make: () => unknown, at: string): Promise<unknown> {
    const existing = await this.get(key);
    if (existing) return existing.value;
    await this.db
      .insertInto(this.table)
      .values({ key, value: JSON.stringify(make()), updated_at: at })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const stored = await this.get(key);
    if (!stored) throw new Error(`${this.table}.${key} could not be initialised`);
    return stored.value;
  }
}
