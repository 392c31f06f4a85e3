import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

/**
 * The databases every store and end-to-end suite runs against: a fresh
 * SQLite file always, and PostgreSQL when TEST_DATABASE_URL is set (`.ci/run`
 * sets it; an unreachable server then fails the run rather than skipping).
 * Each suite gets its own PostgreSQL schema, dropped afterwards.
 */
export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** A new, empty database URL. */
  fresh(): string;
  /** Removes what fresh() made. */
  cleanup(): Promise<void>;
}

const pgUrl = process.env.TEST_DATABASE_URL;
let noticeShown = false;

export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [sqliteDatabase()];
  if (pgUrl) list.push(postgresDatabase(pgUrl));
  else if (!noticeShown) {
    noticeShown = true;
    // A visible notice, not a silent pass: these tests did not run here.
    process.stderr.write('\n[notice] TEST_DATABASE_URL is not set: PostgreSQL tests are skipped (bash .ci/run sets it).\n\n');
  }
  return list;
}

function sqliteDatabase(): TestDatabase {
  const dirs: string[] = [];
  return {
    name: 'sqlite',
    fresh() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pr708-test-'));
      dirs.push(dir);
      return `sqlite:${path.join(dir, 'bot.sqlite')}`;
    },
    async cleanup() {
      for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
    },
  };
}

function postgresDatabase(url: string): TestDatabase {
  const schemas: string[] = [];
  return {
    name: 'postgres',
    fresh() {
      const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      schemas.push(schema);
      const u = new URL(url);
      u.searchParams.set('schema', schema);
      return u.toString();
    },
    async cleanup() {
      if (schemas.length === 0) return;
      const pool = new Pool({ connectionString: url, max: 1 });
      try {
        for (const s of schemas.splice(0)) await pool.query(`drop schema if exists "${s}" cascade`);
      } finally {
        await pool.end();
      }
    },
  };
}
