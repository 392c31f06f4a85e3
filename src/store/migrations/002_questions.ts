import type { Kysely, Migration } from 'kysely';

/**
 * Questions staff asked: the bot's verdict, whether it helped, and, when the
 * bot was unsure, Communications' answer (clause 4.4). Kept so Communications
 * can turn answered questions into knowledge-base entries.
 */
export const questions: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('questions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('asker_id', 'text', (c) => c.notNull())
      .addColumn('asker_name', 'text', (c) => c.notNull())
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('verdict', 'text', (c) => c.notNull())
      .addColumn('clauses', 'text', (c) => c.notNull())
      .addColumn('confidence', 'real', (c) => c.notNull())
      .addColumn('matched', 'text')
      .addColumn('helpful', 'integer')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('answer', 'text')
      .addColumn('answered_by', 'text')
      .addColumn('answered_at', 'text')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('questions_status').on('questions').columns(['status', 'created_at']).execute();
  },
};
