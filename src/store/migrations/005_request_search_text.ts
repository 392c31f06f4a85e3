import type { Kysely, Migration } from 'kysely';
import { searchTextOf } from '../../requests/searchText';

/**
 * Issue 12: the tab searched the JSON text of a request's values, so field
 * names matched every request and escaped characters matched nothing. Each
 * request now keeps a plain, folded search text of its number, requester and
 * values, written with every change of them; this step adds the column and
 * fills it for the requests already stored, in the migration's transaction.
 */
const BATCH = 500;

export const requestSearchText: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('requests').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute();
    let after = '';
    for (;;) {
      const rows: Array<{ id: string; number: string; requester_name: string; values: string }> = await db
        .selectFrom('requests')
        .select(['id', 'number', 'requester_name', 'values'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .execute();
      for (const row of rows) {
        const text = searchTextOf({ number: row.number, requesterName: row.requester_name, values: JSON.parse(row.values) as Record<string, unknown> });
        await db.updateTable('requests').set({ search_text: text }).where('id', '=', row.id).execute();
      }
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1]!.id;
    }
  },
};
