import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * A small etag-guarded key/value table. It backs botbuilder's Storage (in the
 * Teams layer) so that no bot state lives only in memory.
 */
export class KeyValueRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async read(keys: string[]): Promise<Map<string, { etag: string; data: unknown }>> {
    const found = new Map<string, { etag: string; data: unknown }>();
    if (keys.length === 0) return found;
    const rows = await this.db.selectFrom('bot_state').selectAll().where('key', 'in', keys).execute();
    for (const row of rows) found.set(row.key, { etag: row.etag, data: JSON.parse(row.data) as unknown });
    return found;
  }

  /**
   * Writes a value. With `expectedEtag` other than '*', the write only
   * succeeds if nobody changed the value since it was read (returns false).
   */
  async write(key: string, data: unknown, expectedEtag: string | undefined, now: string): Promise<boolean> {
    const etag = randomUUID();
    const json = JSON.stringify(data);
    if (expectedEtag && expectedEtag !== '*') {
      const res = await this.db
        .updateTable('bot_state')
        .set({ data: json, etag, updated_at: now })
        .where('key', '=', key)
        .where('etag', '=', expectedEtag)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    }
    await this.db
      .insertInto('bot_state')
      .values({ key, etag, data: json, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ data: json, etag, updated_at: now }))
      .execute();
    return true;
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.deleteFrom('bot_state').where('key', 'in', keys).execute();
  }
}
