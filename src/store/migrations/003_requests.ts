import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

/**
 * Permission requests (issue 5): the requests themselves, their append-only
 * history (a hash chain per request), the outbox of notifications committed
 * with each change, every posted copy of a request's card, and the counter
 * behind request numbers. Text timestamps and JSON-as-text, as in 001, so
 * SQLite and PostgreSQL hold exactly the same values.
 */
export const requests: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('request_counters')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('number', 'text', (c) => c.notNull().unique())
      // The form's draft id: a retried submission finds the request it already made.
      .addColumn('submission_key', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('requester_id', 'text', (c) => c.notNull())
      .addColumn('requester_name', 'text', (c) => c.notNull())
      .addColumn('unit_type', 'text')
      .addColumn('unit_id', 'text')
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('values', 'text', (c) => c.notNull())
      .addColumn('deciders', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text', (c) => c.notNull())
      .addColumn('escalated', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('valid_until', 'text')
      .addColumn('conditions', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text')
      .addColumn('last_reminded_at', 'text')
      .addColumn('reminder_count', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('requests_state').on('requests').columns(['state', 'updated_at']).execute();
    await db.schema.createIndex('requests_requester').on('requests').columns(['requester_id', 'created_at']).execute();

    await db.schema
      .createTable('request_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('from_state', 'text')
      .addColumn('to_state', 'text', (c) => c.notNull())
      .addColumn('comment', 'text')
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      // Two events can never claim the same place in a request's chain.
      .addUniqueConstraint('request_events_seq', ['request_id', 'seq'])
      .execute();

    await db.schema
      .createTable('outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('claimed_by', 'text')
      .addColumn('claimed_until', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('delivered_at', 'text')
      .execute();
    await db.schema.createIndex('outbox_due').on('outbox').columns(['state', 'next_attempt_at']).execute();

    await db.schema
      .createTable('card_copies')
      .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('activity_id', 'text', (c) => c.notNull())
      .addColumn('viewer_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('card_copies_pk', ['request_id', 'conversation_id', 'activity_id'])
      .execute();

    // Nothing in the history may be changed or removed: refuse it in the database itself.
    if (await isPostgres(db)) {
      await sql`create function request_events_append_only() returns trigger language plpgsql as $$
        begin raise exception 'request_events is append-only'; end $$`.execute(db);
      await sql`create trigger request_events_no_change before update or delete on request_events
        for each row execute function request_events_append_only()`.execute(db);
    } else {
      await sql`create trigger request_events_no_update before update on request_events
        begin select raise(abort, 'request_events is append-only'); end`.execute(db);
      await sql`create trigger request_events_no_delete before delete on request_events
        begin select raise(abort, 'request_events is append-only'); end`.execute(db);
    }
  },
};

/** Which database this is, from Kysely's own adapter rather than from a query that fails on one of them. */
async function isPostgres(db: Kysely<any>): Promise<boolean> {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
