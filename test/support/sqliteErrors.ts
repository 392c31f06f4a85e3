/**
 * Runs before each test file (jest `setupFiles`). better-sqlite3's native part is loaded once
 * per jest worker, outside the test files' sandboxes, and it keeps the SqliteError class of the
 * first file that opened a database. Every later file in that worker then gets SQLite errors
 * from a finished file's realm: `err instanceof Error` is false there, so
 * `rejects.toThrow(/NOT NULL/)` reports "did not throw" for a transaction that did fail. This
 * only ever happened in batch runs. Clearing the flag makes the next `new Database()` in this
 * file install this file's own SqliteError.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const addon = require('better-sqlite3/build/Release/better_sqlite3.node') as { isInitialized?: boolean };
addon.isInitialized = false;
