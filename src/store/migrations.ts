import { Kysely, Migration, MigrationProvider, Migrator } from 'kysely';

/**
 * Migrations live in code (not files found at run time) so that the compiled
 * bot carries them and both dialects get the same steps. Column types are
 * the portable subset: text, integer, bigint. Add new steps at the end;
 * never edit a step that has shipped.
 */
const migrations: Record<string, Migration> = {
  '001_conversations_and_state': {
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
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Brings the schema up to date. Safe with several instances starting at once:
 * Kysely's migrator takes a lock table. With a PostgreSQL schema, the
 * bookkeeping tables go in that schema too, so deployments sharing a server
 * never see each other's migration state.
 */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<void> {
  const { error, results } = await new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
