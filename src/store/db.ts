import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Pool } from 'pg';
import type { Database } from './schema';
import { migrateToLatest } from './migrations';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** True when the database answers a trivial query: what /readyz reports. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Opens the database named by a URL (`sqlite:/path/file.sqlite`,
 * `sqlite::memory:` or `postgres://…`) and brings its schema up to date.
 * A `?schema=name` parameter on a PostgreSQL URL selects (and creates) a
 * schema, which lets several test suites or deployments share one server.
 */
export async function openStore(url: string): Promise<Store> {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length));
  return openPostgres(url);
}

/** What /readyz asks: does the database answer a trivial query? */
async function ping(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** A store that cannot be migrated is closed again, so a failed start leaves no open handle. */
async function migrateOrClose(db: Kysely<Database>, schema?: string): Promise<void> {
  try {
    await migrateToLatest(db, schema);
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

async function openSqlite(file: string): Promise<Store> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new SqliteDatabase(file);
  // WAL lets readers (readyz, the tab) proceed while a decision commits; the
  // busy timeout covers a second process (the CLI) writing to the same file.
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  await migrateOrClose(db);
  return {
    db,
    dialect: 'sqlite',
    ping: () => ping(db),
    close: () => db.destroy(),
  };
}

async function openPostgres(url: string): Promise<Store> {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  if (schema && !/^[a-z_][a-z0-9_]*$/i.test(schema)) throw new Error('DATABASE_URL schema must be a plain identifier');
  if (schema) {
    const admin = new Pool({ connectionString: parsed.toString(), max: 1 });
    try {
      await admin.query(`create schema if not exists "${schema}"`);
    } finally {
      await admin.end();
    }
  }
  const pool = new Pool({
    connectionString: parsed.toString(),
    max: 10,
    connectionTimeoutMillis: 5000,
    ...(schema ? { options: `-c search_path="${schema}"` } : {}),
  });
  // An idle client losing its server (a restart) emits 'error' on the pool;
  // unhandled, that would kill the process. The next query reconnects.
  pool.on('error', () => undefined);
  // A client in use when the server goes away also emits 'error' (besides
  // failing its query); without a listener that would end the process.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrateOrClose(db, schema ?? undefined);
  return {
    db,
    dialect: 'postgres',
    ping: () => ping(db),
    close: () => db.destroy(),
  };
}
