import { startTestBot, TestBot } from '../support/harness';
import { testDatabases } from '../support/databases';
import * as A from '../support/activities';
import { cardActions, cardText } from '../support/cardCheck';
import type { TestUser } from '../support/people';
import { openStore } from '../../src/store/db';
import { QuestionRepository } from '../../src/store/questions';
import { loadProcedure, clauseFullText } from '../../src/policy/procedure';

const teacher: TestUser = { aadId: '0f1e2d3c-0000-4000-8000-00000000dd01', name: 'Alex Teacher' };
const colleague: TestUser = { aadId: '0f1e2d3c-0000-4000-8000-00000000dd02', name: 'Casey Colleague' };
const procedure = loadProcedure();

describe.each(testDatabases())('asking questions in Teams ($name)', (database) => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ databaseUrl: database.fresh() });
  });
  afterAll(async () => {
    await bot?.close();
    await database.cleanup();
  });
  beforeEach(() => bot.connector.clear());

  async function ask(user: TestUser, text: string) {
    await bot.post(A.message(user, bot.connector.url, text));
    const sent = await bot.connector.waitFor(() => bot.connector.sentTo(A.personalConversationId(user)).find((a) => a.activity.attachments?.length || a.activity.text));
    return sent.activity;
  }

  it('answers a casual question with a verdict, the quoted clause and its id', async () => {
    const activity = await ask(teacher, 'a kid in my class wants to follow me on insta, ok?');
    const card = activity.attachments[0].content;
    const text = cardText(card);
    expect(text).toContain('Not allowed');
    expect(text).toContain('4.7');
    // The procedure's own words, exactly.
    expect(text).toContain(clauseFullText(procedure, '4.7'));
    expect(text).toContain('You asked: a kid in my class wants to follow me on insta, ok?');
    expect(cardActions(card).map((a) => a.title)).toEqual(expect.arrayContaining(['👍 Helpful', '👎 Not helpful', 'Ask Communications']));
  });

  it('offers the matching permission request where the answer needs permission', async () => {
    const activity = await ask(teacher, 'who approves the school logo on our team tiktok?');
    const card = activity.attachments[0].content;
    expect(cardText(card)).toContain('Needs written permission');
    expect(cardText(card)).toContain('4.13');
    const start = cardActions(card).find((a) => a.verb === 'request.new');
    expect(start?.data.kind).toBe('logo-use');
  });

  it('says it is not sure about what the procedure does not cover, and offers Communications', async () => {
    const activity = await ask(teacher, "what's the dress code for the staff holiday party?");
    const card = activity.attachments[0].content;
    expect(cardText(card)).toContain("I'm not sure");
    expect(cardText(card)).toContain('4.4');
    expect(cardActions(card).some((a) => a.verb === 'question.askCommunications')).toBe(true);
    expect(cardText(card)).not.toMatch(/✅ Allowed/);
  });

  it('stores "was this helpful?" from the asker only, and updates the card in place', async () => {
    const activity = await ask(teacher, 'can I post my students art on the school facebook page');
    const helpful = cardActions(activity.attachments[0].content).find((a) => a.title === '👍 Helpful')!;
    const other = await bot.post(A.execute(colleague, bot.connector.url, helpful.verb!, helpful.data));
    expect(other.body.type).toBe('application/vnd.microsoft.activity.message');
    expect(other.body.value).toMatch(/Only the person who asked/);
    const res = await bot.post(A.execute(teacher, bot.connector.url, helpful.verb!, helpful.data));
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(res.body.value)).toContain('glad it helped');
    expect(cardActions(res.body.value).some((a) => a.title === '👍 Helpful')).toBe(false);
    const store = await openStore(bot.databaseUrl);
    try {
      const q = await new QuestionRepository(store.db).get(helpful.data.questionId);
      expect(q).toMatchObject({ helpful: true, askerId: teacher.aadId, text: 'can I post my students art on the school facebook page' });
    } finally {
      await store.close();
    }
  });

  it('answers after an @mention in a channel, in that channel', async () => {
    const activity = A.channelMention(teacher, bot.connector.url, '19:staff@thread.tacv2', 'can I DM a student on snapchat about homework?');
    await bot.post(activity);
    const sent = await bot.connector.waitFor(() => bot.connector.sentTo(activity.conversation.id as string)[0]);
    const text = cardText(sent.activity.attachments[0].content);
    expect(text).toContain('Not allowed');
    expect(text).toMatch(/4\.17|4\.15/);
    expect(text).not.toContain('<at>');
  });

  it('refuses a 100 KB message with a clear line instead of failing', async () => {
    const activity = await ask(teacher, 'is this ok? '.repeat(9000));
    expect(activity.text).toMatch(/characters; I answer questions up to 2,000/);
  });
});
