import { Kysely, Migration, MigrationProvider, Migrator } from 'kysely';
import { conversationsAndState } from './migrations/001_conversations_and_state';
import { questions } from './migrations/002_questions';
import { requests } from './migrations/003_requests';
import { oversight } from './migrations/004_oversight';
import { requestSearchText } from './migrations/005_request_search_text';

/**
 * Migrations live in code (not files found at run time) so that the compiled
 * bot carries them and both dialects get the same steps. Column types are
 * the portable subset: text, integer, real. Add new steps at the end;
 * never edit a step that has shipped.
 */
const migrations: Record<string, Migration> = {
  '001_conversations_and_state': conversationsAndState,
  '002_questions': questions,
  '003_requests': requests,
  '004_oversight': oversight,
  '005_request_search_text': requestSearchText,
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
