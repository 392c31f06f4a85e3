import type { Kysely, Migration } from 'kysely';

/**
 * Oversight (issue 6): crisis mode's on/off record (3.2), misuse reports
 * (4.18), and the school-account registry's recorded activity and the
 * warnings already sent to principals (4.10, 4.14).
 */
export const oversight: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('crisis_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // The order of changes, which timestamps alone cannot give (two in one millisecond).
      .addColumn('seq', 'integer', (c) => c.notNull().unique())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('public_line', 'text')
      .addColumn('keywords', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('misuse_reports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text')
      .addColumn('account_name', 'text', (c) => c.notNull())
      .addColumn('school_id', 'text')
      .addColumn('reporter_id', 'text', (c) => c.notNull())
      .addColumn('reporter_name', 'text', (c) => c.notNull())
      .addColumn('what', 'text', (c) => c.notNull())
      .addColumn('why', 'text', (c) => c.notNull())
      .addColumn('screenshot_url', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('notified_at', 'text')
      .addColumn('notify_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('notify_error', 'text')
      .execute();
    await db.schema.createIndex('misuse_reports_created').on('misuse_reports').column('created_at').execute();

    await db.schema
      .createTable('account_activity')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('account_activity_account').on('account_activity').columns(['account_id', 'at']).execute();

    await db.schema
      .createTable('account_warnings')
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('problem', 'text', (c) => c.notNull())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('recipient_id', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('account_warnings_pk', ['account_id', 'problem', 'fingerprint', 'recipient_id'])
      .execute();
  },
};
