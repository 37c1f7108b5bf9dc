// Refresh tokens, stored as SHA-256 of the token; each works once (rotation).
import type { Kysely } from 'kysely';
import type { Database } from './tables.js';

export class RefreshTokenRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: { id: string; userId: string; createdAt: string; expiresAt: string }): Promise<void> {
    await this.db
      .insertInto('refresh_tokens')
      .values({ id: row.id, user_id: row.userId, created_at: row.createdAt, expires_at: row.expiresAt, revoked_at: null })
      .execute();
  }

  /**
   * Marks the token used and returns its user when it was live (not revoked, not expired). Atomic: of two
   * concurrent uses of one token only one wins.
   */
  async consume(id: string, now: string): Promise<string | null> {
    const res = await this.db
      .updateTable('refresh_tokens')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return null;
    const row = await this.db.selectFrom('refresh_tokens').select('user_id').where('id', '=', id).executeTakeFirst();
    return row?.user_id ?? null;
  }

  async revoke(id: string, userId: string, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('refresh_tokens')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async revokeAllOf(userId: string, now: string): Promise<void> {
    await this.db.updateTable('refresh_tokens').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  }
}
