// API keys: a public prefix to find the row and an HMAC of the whole key to check it; never the key.
import type { Kysely } from 'kysely';
import type { Role } from '../contracts/auth.js';
import type { ApiKeysTable, Database } from './tables.js';

export interface ApiKeyRecord {
  readonly id: string;
  readonly prefix: string;
  readonly hash: string;
  readonly name: string;
  readonly permissions: readonly Role[];
  readonly rateLimit: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly lastUsed: string | null;
  readonly expiresAt: string | null;
  readonly enabled: boolean;
}

const toRecord = (r: ApiKeysTable): ApiKeyRecord => ({
  id: r.id,
  prefix: r.prefix,
  hash: r.hash,
  name: r.name,
  permissions: JSON.parse(r.permissions) as Role[],
  rateLimit: r.rate_limit,
  createdAt: r.created_at,
  createdBy: r.created_by,
  lastUsed: r.last_used,
  expiresAt: r.expires_at,
  enabled: r.enabled === 1,
});

export class ApiKeyRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(k: ApiKeyRecord): Promise<void> {
    await this.db
      .insertInto('api_keys')
      .values({
        id: k.id,
        prefix: k.prefix,
        hash: k.hash,
        name: k.name,
        permissions: JSON.stringify(k.permissions),
        rate_limit: k.rateLimit,
        created_at: k.createdAt,
        created_by: k.createdBy,
        last_used: k.lastUsed,
        expires_at: k.expiresAt,
        enabled: k.enabled ? 1 : 0,
      })
      .execute();
  }

  async list(): Promise<ApiKeyRecord[]> {
    return (await this.db.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('id').execute()).map(toRecord);
  }

  async byPrefix(prefix: string): Promise<ApiKeyRecord | null> {
    const r = await this.db.selectFrom('api_keys').selectAll().where('prefix', '=', prefix).executeTakeFirst();
    return r ? toRecord(r) : null;
  }

  async byId(id: string): Promise<ApiKeyRecord | null> {
    const r = await this.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toRecord(r) : null;
  }

  /** true when a live key was disabled. */
  async revoke(id: string): Promise<boolean> {
    const res = await this.db.updateTable('api_keys').set({ enabled: 0 }).where('id', '=', id).where('enabled', '=', 1).executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async touch(id: string, at: string): Promise<void> {
    await this.db.updateTable('api_keys').set({ last_used: at }).where('id', '=', id).execute();
  }
}
