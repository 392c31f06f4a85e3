import type { Kysely, Migration } from 'kysely';

/** Conversation references for proactive messages, botbuilder state, and each person's remembered unit. */
export const conversationsAndState: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('conversation_refs')
      .addColumn('conversation_id', 'text', (c) => c.primaryKey())
      .addColumn('conversation_type', 'text', (c) => c.notNull())
      .addColumn('user_aad_id', 'text')
      .addColumn('tenant_id', 'text')
      .addColumn('service_url', 'text', (c) => c.notNull())
      .addColumn('reference', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('conversation_refs_user').on('conversation_refs').columns(['user_aad_id', 'conversation_type']).execute();
    await db.schema
      .createTable('bot_state')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('etag', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('user_profiles')
      .addColumn('aad_id', 'text', (c) => c.primaryKey())
      .addColumn('unit_type', 'text')
      .addColumn('unit_id', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};
