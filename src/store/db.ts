import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, sql, type DatabaseConnection, type Driver, type SqliteDialectConfig, type SqliteDatabase as SqliteDialectDatabase } from 'kysely';
import type { Database } from './schema';
import { migrateToLatest } from './migrations';
import { rememberBounded } from '../bounded';

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
  database.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SyncedTransactionsDialect({ database: reusingStatements(database) }) });
  await migrateOrClose(db);
  return {
    db,
    dialect: 'sqlite',
    ping: () => ping(db),
    close: () => db.destroy(),
  };
}

/**
 * Durability by kind of write. In WAL mode every commit survives the process
 * being killed whatever the setting; synchronous=FULL adds an fsync per commit
 * so that it also survives a power cut, at about 0.2 ms on the event loop.
 * Every transaction (a decision, its written permission and its outbox rows; a
 * question moving to Communications) runs with FULL; lone statements (the
 * question log, conversation addresses, card state) run with NORMAL, where a
 * power cut can lose the last few but never corrupts or half-writes anything.
 * The setting cannot change inside a transaction, hence around begin/commit.
 */
class SyncedTransactionsDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('pragma synchronous = FULL'));
    await super.beginTransaction(connection);
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await super.commitTransaction(connection);
    await connection.executeQuery(CompiledQuery.raw('pragma synchronous = NORMAL'));
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await super.rollbackTransaction(connection);
    await connection.executeQuery(CompiledQuery.raw('pragma synchronous = NORMAL'));
  }
}

class SyncedTransactionsDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new SyncedTransactionsDriver(this.settings);
  }
}

/**
 * Kysely's SQLite driver prepares every query afresh; the bot runs the same
 * few dozen statements all day, so each prepared statement is kept and reused
 * (the pattern better-sqlite3 is built for). Bounded, because a query with a
 * variable-length IN list is new SQL each time; SQLite re-prepares a kept
 * statement itself if a migration changes the schema under it. (A grouped
 * insert of 1 to 100 rows is up to 100 statements, hence room for 500.)
 */
const PRAGMA = /^\s*pragma\b/i;

export function reusingStatements(database: SqliteDatabase.Database, limit = 500): SqliteDialectDatabase {
  const kept = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      kept.clear();
      database.close();
    },
    prepare: (sqlText: string) => {
      // SQLite carries out a PRAGMA while preparing it; a kept one takes effect again only
      // because SQLite happens to re-prepare it on reuse. The durability switch around
      // every transaction must not depend on that, so pragmas are prepared afresh.
      if (PRAGMA.test(sqlText)) return database.prepare(sqlText);
      let statement = kept.get(sqlText);
      if (!statement) {
        statement = database.prepare(sqlText);
        rememberBounded(kept, sqlText, statement, limit);
      }
      return statement;
    },
  };
}

async function openPostgres(url: string): Promise<Store> {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  if (schema && !/^[a-z_][a-z0-9_]*$/i.test(schema)) throw new Error('DATABASE_URL schema must be a plain identifier');
  // Loaded only when PostgreSQL is used: the default SQLite start is spared its load time.
  const { Pool } = await import('pg');
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
