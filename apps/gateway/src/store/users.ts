// Users with roles; only argon2 hashes of passwords are stored.
import type { Kysely } from 'kysely';
import type { Role } from '../contracts/auth.js';
import type { Database, UsersTable } from './tables.js';

export interface UserRecord {
  readonly id: string;
  readonly username: string;
  readonly passwordHash: string;
  readonly role: Role;
  readonly enabled: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const toRecord = (r: UsersTable): UserRecord => ({
  id: r.id,
  username: r.username,
  passwordHash: r.password_hash,
  role: r.role as Role,
  enabled: r.enabled === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class UserRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async count(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async list(): Promise<UserRecord[]> {
    return (await this.db.selectFrom('users').selectAll().orderBy('created_at').orderBy('id').execute()).map(toRecord);
  }

  async byId(id: string): Promise<UserRecord | null> {
    const r = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toRecord(r) : null;
  }

  async byUsername(username: string): Promise<UserRecord | null> {
    const r = await this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    return r ? toRecord(r) : null;
  }

  /** false when the username is taken. */
  async insert(user: UserRecord): Promise<boolean> {
    const res = await this.db
      .insertInto('users')
      .values({
        id: user.id,
        username: user.username,
        password_hash: user.passwordHash,
        role: user.role,
        enabled: user.enabled ? 1 : 0,
        created_at: user.createdAt,
        updated_at: user.updatedAt,
      })
      .onConflict((oc) => oc.column('username').doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async update(id: string, patch: { passwordHash?: string; role?: Role; enabled?: boolean }, at: string): Promise<UserRecord | null> {
    await this.db
      .updateTable('users')
      .set({
        updated_at: at,
        ...(patch.passwordHash !== undefined && { password_hash: patch.passwordHash }),
        ...(patch.role !== undefined && { role: patch.role }),
        ...(patch.enabled !== undefined && { enabled: patch.enabled ? 1 : 0 }),
      })
      .where('id', '=', id)
      .execute();
    return this.byId(id);
  }
}
