import fc from 'fast-check';
import { startTestBot, TestBot } from '../support/harness';
import { testDatabases } from '../support/databases';
import * as A from '../support/activities';
import type { TestUser } from '../support/people';
import { openStore } from '../../src/store/db';

/**
 * People paste anything and clients send odd things. Property-based runs
 * over activities and card submissions: the bot answers with a clear status
 * (never a 5xx), keeps serving, and stores nothing half-written.
 */
const user: TestUser = { aadId: '0f1e2d3c-0000-4000-8000-0000000fa001', name: 'Fuzz Tester' };

/** Strings people and clients really produce: empty, huge, emoji, RTL, control and zero-width characters. */
const oddString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom('', ' ', '\u0000', '\u200b\u200d', '‮evil', '👩🏽‍🏫📣', 'Ω'.repeat(5000), 'a'.repeat(100_000), '<at>bot</at>', '${values.draft}', '{{TEAMS_APP_ID}}'),
);
const oddValue = fc.oneof(oddString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }));

// On every store: PostgreSQL and SQLite refuse different things (a NUL in text, for one).
describe.each(testDatabases())('bad input ($name)', (database) => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ databaseUrl: database.fresh(), env: { RATE_LIMIT_BURST: '100000', TURN_LIMIT_BURST: '100000', REQUEST_LIMIT_PER_HOUR: '100000', LOG_LEVEL: 'warn' } });
  });
  afterAll(async () => {
    await bot?.close();
    await database.cleanup();
  });

  it('answers any mangled activity with 2xx or 4xx, never 5xx, and stays up', async () => {
    const fields = ['type', 'channelId', 'serviceUrl', 'conversation', 'from', 'recipient', 'text', 'value', 'name', 'entities', 'channelData', 'id'];
    await fc.assert(
      fc.asyncProperty(fc.subarray(fields), fc.dictionary(fc.constantFrom(...fields), oddValue), async (drop, replace) => {
        const activity: Record<string, unknown> = { ...A.message(user, bot.connector.url, 'hello'), ...replace };
        for (const f of drop) delete activity[f];
        const res = await bot.post(activity);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  });

  it('answers any text, including 100 KB and odd Unicode, with a reply', async () => {
    await fc.assert(
      fc.asyncProperty(oddString, async (text) => {
        bot.connector.clear();
        const res = await bot.post(A.message(user, bot.connector.url, text));
        expect(res.status).toBe(200);
        const reply = await bot.connector.waitFor(() => bot.connector.sentTo(A.personalConversationId(user))[0], 10_000, 'a reply');
        // An answer (or a clear refusal), not the apology of a turn that failed.
        expect(JSON.stringify(reply.activity)).not.toMatch(/something went wrong on my side/);
      }),
      // Always include text that looks like a card template: it must be shown back, never expanded.
      { numRuns: 60, examples: [['${values.draft}'], ['{{TEAMS_APP_ID}}'], ['a'.repeat(100_000)]] },
    );
  });

  it('answers any check submission with the check card, never an error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('draft', 'account', 'showsStudents', 'studentsIdentifiable', 'consentOnFile', 'showsLogo', 'verb'), oddValue), async (data) => {
        const res = await bot.post(A.execute(user, bot.connector.url, 'check.run', data));
        expect(res.status).toBe(200);
        expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
        expect(JSON.stringify(res.body.value).length).toBeLessThan(28 * 1024);
      }),
      { numRuns: 120 },
    );
  });

  it('stores nothing for refused questions and feedback on questions that do not exist', async () => {
    await fc.assert(
      fc.asyncProperty(oddValue, oddValue, async (questionId, helpful) => {
        const res = await bot.post(A.execute(user, bot.connector.url, 'question.helpful', { questionId, helpful }));
        expect(res.status).toBe(200);
        expect(res.body.type).toBe('application/vnd.microsoft.activity.message');
      }),
      { numRuns: 60 },
    );
    const store = await openStore(bot.databaseUrl);
    try {
      const rows = await store.db.selectFrom('questions').select(['text', 'helpful']).execute();
      // Only real questions were stored (from the property above), none empty or over the limit.
      for (const r of rows) expect(r.text.trim().length).toBeGreaterThan(0);
      for (const r of rows) expect(r.text.length).toBeLessThanOrEqual(2000);
      expect(rows.every((r) => r.helpful === null)).toBe(true);
    } finally {
      await store.close();
    }
  });
});
