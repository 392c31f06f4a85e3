import { openStore, Store } from '../../src/store/db';
import { ConversationRepository } from '../../src/store/conversations';
import { KeyValueRepository } from '../../src/store/keyValue';
import { ProfileRepository } from '../../src/store/profiles';
import { QuestionRepository, StoredQuestion } from '../../src/store/questions';
import { testDatabases } from '../support/databases';

describe.each(testDatabases())('store ($name)', (database) => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(database.fresh());
  });
  afterAll(async () => {
    await store?.close();
    await database.cleanup();
  });

  it('migrates an existing database again without change', async () => {
    const again = await openStore(database.fresh());
    await again.close();
    expect(await store.ping()).toBe(true);
  });

  it('keeps the latest conversation reference and finds a person’s personal chat', async () => {
    const repo = new ConversationRepository(store.db);
    const base = { conversationType: 'personal', userAadId: 'p1', tenantId: 't1', serviceUrl: 'https://a/', reference: { n: 1 }, updatedAt: '2026-11-01T00:00:00.000Z' };
    await repo.save({ ...base, conversationId: 'a:1' });
    await repo.save({ ...base, conversationId: 'a:1', serviceUrl: 'https://b/', reference: { n: 2 }, updatedAt: '2026-11-02T00:00:00.000Z' });
    await repo.save({ ...base, conversationId: '19:chan', conversationType: 'channel', userAadId: null, updatedAt: '2026-11-03T00:00:00.000Z' });
    expect(await repo.personalChatOf('p1')).toMatchObject({ conversationId: 'a:1', serviceUrl: 'https://b/', reference: { n: 2 } });
    expect(await repo.personalChatOf('nobody')).toBeUndefined();
    expect(await repo.latestEndpoint()).toEqual({ serviceUrl: 'https://a/', tenantId: 't1' });
  });

  it('guards key/value writes with etags', async () => {
    const kv = new KeyValueRepository(store.db);
    expect(await kv.write('k', { a: 1 }, undefined, 'now')).toBe(true);
    const { etag } = (await kv.read(['k'])).get('k')!;
    expect(await kv.write('k', { a: 2 }, etag, 'now')).toBe(true);
    expect(await kv.write('k', { a: 3 }, etag, 'now')).toBe(false);
    expect((await kv.read(['k'])).get('k')!.data).toEqual({ a: 2 });
    await kv.delete(['k']);
    expect((await kv.read(['k'])).size).toBe(0);
  });

  it('remembers the unit a person chose', async () => {
    const profiles = new ProfileRepository(store.db);
    await profiles.rememberUnit('p1', { type: 'school', id: 'maple-grove' }, 'now');
    await profiles.rememberUnit('p1', { type: 'department', id: 'hr' }, 'later');
    expect(await profiles.unitOf('p1')).toEqual({ type: 'department', id: 'hr' });
  });

  it('stores questions and moves them on only from the version seen', async () => {
    const repo = new QuestionRepository(store.db);
    const q: StoredQuestion = {
      id: 'q1', askerId: 'p1', askerName: 'P One', conversationId: 'a:1', text: 'can I?', verdict: 'unknown', clauses: ['4.4'], confidence: 0.05,
      matched: null, helpful: null, status: 'answered-by-bot', answer: null, answeredBy: null, answeredAt: null, version: 1, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z',
    };
    await repo.insert(q);
    expect(await repo.setHelpful('q1', 'someone-else', true, 'now')).toBe(false);
    expect(await repo.setHelpful('q1', 'p1', false, 'now')).toBe(true);
    expect(await repo.transition('q1', 1, { status: 'asked-communications' }, 'now')).toBe(true);
    expect(await repo.transition('q1', 1, { status: 'answered-by-communications' }, 'now')).toBe(false);
    expect(await repo.get('q1')).toMatchObject({ helpful: false, status: 'asked-communications', version: 2, confidence: 0.05 });
    expect((await repo.list({ status: 'asked-communications' })).map((x) => x.id)).toEqual(['q1']);
  });

  it('logs questions asked at the same moment together, each caller told only of its own row', async () => {
    const repo = new QuestionRepository(store.db);
    const at = '2026-11-02T00:00:00.000Z';
    const question = (id: string): StoredQuestion => ({
      id, askerId: 'p2', askerName: 'P Two', conversationId: 'a:2', text: `question ${id}`, verdict: 'allowed', clauses: ['4.1'], confidence: 0.9,
      matched: null, helpful: null, status: 'answered-by-bot', answer: null, answeredBy: null, answeredAt: null, version: 1, createdAt: at, updatedAt: at,
    });
    const ids = Array.from({ length: 40 }, (_, i) => `g${i}`);
    // One of them repeats an id already on record: only that one may fail.
    const outcomes = await Promise.allSettled([...ids.map((id) => repo.record(question(id))), repo.record(question('q1'))]);
    expect(outcomes.slice(0, 40).every((o) => o.status === 'fulfilled')).toBe(true);
    expect(outcomes[40]!.status).toBe('rejected');
    for (const id of ids) expect(await repo.get(id)).toMatchObject({ id, text: `question ${id}`, askerId: 'p2' });
    expect((await repo.get('q1'))!.text).toBe('can I?');
  });
});
