// Opens the store: SQLite (better-sqlite3) in the data directory by default, PostgreSQL when a URL is given;
// the same Kysely queries and migrations either way.
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Dialect } from 'kysely';
import pg from 'pg';
import { MIGRATIONS } from './migrations.js';
import type { Database } from './tables.js';

export interface StoreOptions {
  readonly dataDir: string;
  readonly databaseUrl?: string;
  /** PostgreSQL schema (created when missing). */
  readonly databaseSchema?: string;
}

export interface OpenedDb {
  readonly db: Kysely<Database>;
  readonly dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

export async function openDb(options: StoreOptions): Promise<OpenedDb> {
  let dialect: Dialect;
  let kind: 'sqlite' | 'postgres';
  const schema = options.databaseSchema ?? 'public';
  if (options.databaseUrl !== undefined) {
    kind = 'postgres';
    if (schema !== 'public') {
      const admin = new pg.Client({ connectionString: options.databaseUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      } finally {
        await admin.end();
      }
    }
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, options: `-c search_path=${schema}` });
    dialect = new PostgresDialect({ pool });
  } else {
    kind = 'sqlite';
    const file = new SqliteDatabase(join(options.dataDir, 'gateway.db'));
    file.pragma('journal_mode = WAL');
    file.pragma('busy_timeout = 5000');
    dialect = new SqliteDialect({ database: file });
  }
  const db = new Kysely<Database>({ dialect });
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
    ...(kind === 'postgres' && { migrationTableSchema: schema }),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw error instanceof Error ? error : new Error(String(error));
  }
  return { db, dialect: kind, close: () => db.destroy() };
}

/** Cheap liveness probe for /health. */
export async function pingDb(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
