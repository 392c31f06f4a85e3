import { sql } from 'kysely';
import { openStore, Store } from '../../src/store/db';
import { testDatabases } from '../support/databases';

/**
 * What the SQLite store promises beyond SQL: transactions (decisions, written permission,
 * outbox rows) are synced to disk before they count, lone statements (the question log,
 * conversation addresses) are not, and kept prepared statements follow schema changes.
 */
describe('SQLite store', () => {
  const database = testDatabases().find((d) => d.name === 'sqlite')!;
  let store: Store;
  beforeAll(async () => {
    store = await openStore(database.fresh());
  });
  afterAll(async () => {
    await store?.close();
    await database.cleanup();
  });

  const syncLevel = async (db: Pick<Store['db'], 'executeQuery'>) =>
    Number(Object.values((await sql<Record<string, number>>`pragma synchronous`.execute(db as Store['db'])).rows[0]!)[0]);

  it('syncs every transaction to disk and leaves lone statements to WAL', async () => {
    // Several rounds: SQLite applies a pragma when it is prepared, so a pragma statement kept
    // and reused would set (or read) the level right the first time only.
    for (let round = 0; round < 4; round++) {
      expect(await syncLevel(store.db)).toBe(1); // NORMAL
      const inside = await store.db.transaction().execute(async (trx) => syncLevel(trx));
      expect(inside).toBe(2); // FULL
    }
    expect(await syncLevel(store.db)).toBe(1);
  });

  it('goes back to NORMAL after a transaction that failed, having written nothing', async () => {
    await sql`create table if not exists t_fail (id integer primary key, v text not null)`.execute(store.db);
    // A plain `rejects.toThrow`: in a batch run it only works because every test file gets
    // SQLite errors of its own realm (test/support/sqliteErrors.ts).
    await expect(
      store.db.transaction().execute(async (trx) => {
        await sql`insert into t_fail (v) values ('half')`.execute(trx);
        await sql`insert into t_fail (v) values (null)`.execute(trx);
      }),
    ).rejects.toThrow(/NOT NULL/);
    expect((await sql<{ n: number }>`select count(*) as n from t_fail`.execute(store.db)).rows[0]!.n).toBe(0);
    expect(await syncLevel(store.db)).toBe(1);
  });

  it('answers a kept statement from the schema as it is now', async () => {
    await sql`create table t_kept (id integer primary key)`.execute(store.db);
    await sql`insert into t_kept (id) values (1)`.execute(store.db);
    const read = () => store.db.selectFrom('t_kept' as never).selectAll().execute();
    expect(await read()).toEqual([{ id: 1 }]);
    await sql`alter table t_kept add column label text not null default 'x'`.execute(store.db);
    expect(await read()).toEqual([{ id: 1, label: 'x' }]);
  });
});
