import { sql } from 'kysely';
import { openStore, Store } from '../../src/store/db';
import { RequestRepository } from '../../src/store/requests';
import { OutboxRepository } from '../../src/store/outbox';
import { verifyChain } from '../../src/requests/eventChain';
import type { NewRequest } from '../../src/requests/ports';
import { testDatabases } from '../support/databases';
import { migrateToLatest } from '../../src/store/migrations';

const T0 = '2026-03-02T15:00:00.000Z';

function newRequest(over: Partial<NewRequest> = {}): NewRequest {
  return {
    id: over.id ?? `r-${Math.random().toString(36).slice(2)}`,
    number: over.number ?? `WP-2026-${Math.floor(Math.random() * 1e6)}`,
    submissionKey: over.submissionKey ?? `k-${Math.random().toString(36).slice(2)}`,
    kind: 'logo-use',
    requesterId: '115fb56c-fe90-48db-baa4-3406e3066acd',
    requesterName: 'Priya Nair',
    unit: { type: 'school', id: 'maple-grove' },
    state: 'awaiting-decision',
    version: 1,
    values: { logo: 'school', unitId: 'maple-grove', where: 'Poster', purpose: 'Concert', startDate: '2026-03-10' },
    deciders: ['5c38ba53-d5ac-4f23-a381-cb3d6b1aea7b', '1cafce34-9b2a-4db0-8216-006d0faf534e'],
    decidedBy: 'principal',
    createdAt: T0,
    ...over,
  };
}

describe.each(testDatabases())('request store ($name)', (database) => {
  let store: Store;
  let repo: RequestRepository;
  let outbox: OutboxRepository;
  let url: string;
  beforeAll(async () => {
    url = database.fresh();
    store = await openStore(url);
    repo = new RequestRepository(store.db);
    outbox = new OutboxRepository(store.db, store.dialect);
  });
  afterAll(async () => {
    await store?.close();
    await database.cleanup();
  });

  it('numbers requests from a counter that survives concurrent transactions', async () => {
    const numbers = await Promise.all(Array.from({ length: 8 }, () => repo.transaction((tx) => tx.nextNumber('WP-2031'))));
    expect(numbers.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await repo.transaction((tx) => tx.nextNumber('WP-2032'))).toBe(1);
  });

  it('keeps one request per submission key and rolls the counter back with a failed transaction', async () => {
    const first = newRequest({ submissionKey: 'draft-1' });
    expect(await repo.transaction((tx) => tx.insert(first))).toBe(true);
    await expect(
      repo.transaction(async (tx) => {
        await tx.nextNumber('WP-2040');
        if (!(await tx.insert(newRequest({ submissionKey: 'draft-1' })))) throw new Error('duplicate');
      }),
    ).rejects.toThrow('duplicate');
    expect(await repo.transaction((tx) => tx.nextNumber('WP-2040'))).toBe(1);
    expect((await repo.bySubmissionKey('draft-1'))?.id).toBe(first.id);
  });

  it('changes state only from the version seen, and exactly one of two racing writers wins', async () => {
    const r = newRequest();
    await repo.transaction((tx) => tx.insert(r));
    const attempt = (who: string) =>
      repo.transaction(async (tx) => {
        const ok = await tx.update(r.id, 1, { state: 'approved', version: 2, updatedAt: T0, decidedAt: T0 });
        if (ok) await tx.appendEvent({ requestId: r.id, action: 'approve', actorId: who, at: T0, fromState: 'awaiting-decision', toState: 'approved', comment: null, data: {} });
        return ok;
      });
    const results = await Promise.all([attempt('a'), attempt('b')]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const stored = await repo.byId(r.id);
    expect(stored).toMatchObject({ state: 'approved', version: 2, decidedAt: T0 });
    expect(await repo.transaction((tx) => tx.update(r.id, 1, { state: 'declined', version: 2, updatedAt: T0 }))).toBe(false);
    expect((await repo.events(r.id)).map((e) => e.action)).toEqual(['approve']);
  });

  it('chains each request’s events by hash, refuses edits, and the chain shows tampering', async () => {
    const r = newRequest();
    await repo.transaction(async (tx) => {
      await tx.insert(r);
      await tx.appendEvent({ requestId: r.id, action: 'submit', actorId: r.requesterId, at: T0, fromState: null, toState: 'awaiting-decision', comment: null, data: { toVersion: 1 } });
    });
    await repo.transaction(async (tx) => {
      expect(await tx.update(r.id, 1, { state: 'changes-requested', version: 2, updatedAt: T0 })).toBe(true);
      await tx.appendEvent({ requestId: r.id, action: 'request-changes', actorId: 'p', at: T0, fromState: 'awaiting-decision', toState: 'changes-requested', comment: 'Add the date', data: { fromVersion: 1, toVersion: 2 } });
    });
    const events = await repo.events(r.id);
    expect(events.map((e) => e.seq)).toEqual([1, 2]);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(verifyChain(events)).toBeNull();
    expect(verifyChain([events[0]!, { ...events[1]!, comment: 'Changed later' }])).toEqual({ seq: 2, problem: 'hash' });
    // Compared by message: better-sqlite3 builds its errors from the first test file that loaded it in
    // this jest worker, another realm, so `rejects.toThrow` would not see them as errors at all.
    const outcome = (statement: { execute(db: typeof store.db): Promise<{ numAffectedRows?: bigint }> }) =>
      statement.execute(store.db).then((x) => `no error, ${String(x.numAffectedRows)} rows`, (e: { message?: string }) => String(e?.message));
    expect(await outcome(sql`update request_events set comment = 'edited' where request_id = ${r.id}`)).toMatch(/append-only/);
    expect(await outcome(sql`delete from request_events where request_id = ${r.id}`)).toMatch(/append-only/);
    expect((await repo.events(r.id)).map((e) => e.comment)).toEqual([null, 'Add the date']);
  });

  it('counts a reminder once per version, whoever asks', async () => {
    const r = newRequest();
    await repo.transaction((tx) => tx.insert(r));
    const results = await Promise.all([0, 1, 2].map(() => repo.transaction((tx) => tx.markReminded(r.id, 1, 0, T0))));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await repo.byId(r.id)).toMatchObject({ reminderCount: 1, lastRemindedAt: T0 });
  });

  it('keeps one outbox row per dedupe key and leases each row to one worker at a time', async () => {
    const r = newRequest();
    const note = { dedupeKey: `decision-card:${r.id}:v1:p`, kind: 'decision-card' as const, target: { type: 'person' as const, aadId: 'p' }, payload: { requestId: r.id } };
    await repo.transaction(async (tx) => {
      await tx.insert(r);
      await tx.enqueue([note, note], T0);
    });
    await repo.transaction((tx) => tx.enqueue([note], T0));
    expect(await outbox.forRequest(r.id)).toHaveLength(1);

    const later = '2026-03-02T15:00:01.000Z';
    const [a, b] = await Promise.all([outbox.claim('w1', later, '2026-03-02T15:01:00.000Z', 10), outbox.claim('w2', later, '2026-03-02T15:01:00.000Z', 10)]);
    expect(a!.length + b!.length).toBe(1);
    const row = [...a!, ...b!][0]!;
    expect(row.attempts).toBe(1);
    // Nobody else gets it while the lease runs; after it lapses (a crash), another worker does.
    expect(await outbox.claim('w3', '2026-03-02T15:00:30.000Z', '2026-03-02T15:02:00.000Z', 10)).toEqual([]);
    const reclaimed = await outbox.claim('w3', '2026-03-02T15:01:30.000Z', '2026-03-02T15:02:30.000Z', 10);
    expect(reclaimed.map((x) => [x.id, x.attempts, x.claimedBy])).toEqual([[row.id, 2, 'w3']]);
    // The worker that lost its lease cannot renew, push back, kill or complete the row.
    const lost = { workerId: row.claimedBy!, attempt: row.attempts };
    expect(await outbox.renew(row.id, lost, '2026-03-02T15:03:00.000Z')).toBe(false);
    expect(await outbox.retryLater(row.id, lost, '2026-03-03T00:00:00.000Z', 'late')).toBe(false);
    expect(await outbox.deadLetter(row.id, lost, 'late')).toBe(false);
    expect(await outbox.complete(row.id, lost, '2026-03-02T15:01:31.000Z')).toBe(false);
    // Nor can the new holder with an older claim of its own (same worker, earlier attempt).
    expect(await outbox.complete(row.id, { workerId: 'w3', attempt: 1 }, '2026-03-02T15:01:31.000Z')).toBe(false);
    expect(await outbox.byId(row.id)).toMatchObject({ state: 'pending', claimedBy: 'w3', claimedUntil: '2026-03-02T15:02:30.000Z', lastError: null });
    expect(await outbox.renew(row.id, { workerId: 'w3', attempt: 2 }, '2026-03-02T15:03:00.000Z')).toBe(true);
    expect(await outbox.retryLater(row.id, { workerId: 'w3', attempt: 2 }, '2026-03-02T15:05:00.000Z', '429 Too Many Requests')).toBe(true);
    expect(await outbox.byId(row.id)).toMatchObject({ state: 'pending', lastError: '429 Too Many Requests', claimedBy: null, nextAttemptAt: '2026-03-02T15:05:00.000Z' });
    expect(await outbox.claim('w3', '2026-03-02T15:04:59.000Z', '2026-03-02T15:06:00.000Z', 10)).toEqual([]);
    const again = await outbox.claim('w3', '2026-03-02T15:05:00.000Z', '2026-03-02T15:06:00.000Z', 10);
    expect(await outbox.complete(again[0]!.id, { workerId: 'w3', attempt: 3 }, '2026-03-02T15:05:01.000Z')).toBe(true);
    expect(await outbox.byId(row.id)).toMatchObject({ state: 'delivered', deliveredAt: '2026-03-02T15:05:01.000Z', attempts: 3 });
    expect(await outbox.claim('w3', '2026-03-09T00:00:00.000Z', '2026-03-09T00:01:00.000Z', 10)).toEqual([]);
  });

  it('records each card copy once', async () => {
    const r = newRequest();
    await repo.transaction((tx) => tx.insert(r));
    const copy = { requestId: r.id, conversationId: 'a:1', activityId: 'm1', viewerId: 'P', createdAt: T0 };
    await repo.recordCopy(copy);
    await repo.recordCopy(copy);
    await repo.recordCopy({ ...copy, activityId: 'm2', viewerId: null });
    expect(await repo.copies(r.id)).toEqual([
      { ...copy, viewerId: 'p' },
      { ...copy, activityId: 'm2', viewerId: null },
    ]);
  });

  it('keeps a plain search text of the number, requester and values, follows edits, and fills it in for requests stored before it', async () => {
    const r = newRequest({ values: { where: 'Back\\slash "quoted"', purpose: 'CÔTÉ 100%', copies: 3, platforms: ['Instagram', 'X'], consent: true } });
    await repo.transaction((tx) => tx.insert(r));
    const searchText = async () => (await store.db.selectFrom('requests').select('search_text').where('id', '=', r.id).executeTakeFirstOrThrow()).search_text;
    const number = r.number.toLowerCase();
    expect(await searchText()).toBe([number, 'priya nair', 'back\\slash "quoted"', 'côté 100%', '3', 'instagram', 'x'].join('\n'));
    expect(await repo.transaction((tx) => tx.update(r.id, 1, { state: 'awaiting-decision', version: 2, updatedAt: T0, values: { purpose: 'Révisé' } }))).toBe(true);
    expect(await searchText()).toBe(`${number}\npriya nair\nrévisé`);

    // A database from before migration 005: without the column and without the step recorded.
    // Migrating again adds the column and fills it in from the stored values.
    await sql`alter table requests drop column search_text`.execute(store.db);
    await sql`delete from kysely_migration where name = '005_request_search_text'`.execute(store.db);
    await migrateToLatest(store.db, new URL(url).searchParams.get('schema') ?? undefined);
    expect(await searchText()).toBe(`${number}\npriya nair\nrévisé`);
    // Every request the other tests stored got its text too.
    const others = await store.db.selectFrom('requests').select(['search_text']).where('id', '!=', r.id).execute();
    expect(others.length).toBeGreaterThan(0);
    for (const row of others) expect(row.search_text).toMatch(/^wp-2026-\d+\npriya nair\n/);
  });
});
