import { startTestBot, TestBot } from '../support/harness';
import { testDatabases } from '../support/databases';
import * as A from '../support/activities';
import { cardActions, cardText, inputValue } from '../support/cardCheck';
import type { TestUser } from '../support/people';

const teacher: TestUser = { aadId: '0f1e2d3c-0000-4000-8000-00000000ee01', name: 'Morgan Teacher' };


function highlighted(card: any): string[] {
  const out: string[] = [];
  const walk = (n: any): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    if (n.type === 'TextRun' && n.highlight === true) out.push(n.text);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return out;
}

describe.each(testDatabases())('"Can I post this?" in Teams ($name)', (database) => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ databaseUrl: database.fresh() });
  });
  afterAll(async () => {
    await bot?.close();
    await database.cleanup();
  });
  beforeEach(() => bot.connector.clear());

  const lastCard = () => bot.connector.waitFor(() => bot.connector.cardsIn(A.personalConversationId(teacher)).at(-1));

  it('checks a draft typed after "check", highlights the problem and says how to fix it', async () => {
    const draft = 'Great game today team! Any questions, DM me on Snapchat: coach.k23';
    await bot.post(A.message(teacher, bot.connector.url, `check ${draft}`));
    const card = await lastCard();
    const text = cardText(card);
    expect(text).toContain('Not allowed as written');
    expect(text).toContain('Private contact with students');
    expect(text).toMatch(/clause 4\.17/);
    expect(text).toContain('How to fix it:');
    expect(highlighted(card).join(' ')).toMatch(/DM me/);
    expect(inputValue(card, 'draft')).toBe(draft);
    expect(cardActions(card).find((a) => a.verb === 'check.run')?.title).toBe('Check again');
  });

  it('opens an empty form from the welcome card button', async () => {
    await bot.post(A.submit(teacher, bot.connector.url, { verb: 'check.open' }));
    const card = await lastCard();
    expect(cardText(card)).toContain('Draft post');
    expect(inputValue(card, 'account')).toBe('personal');
  });

  it('judges political content by the account it goes to', async () => {
    const draft = 'Vote for Jane Doe and the Green Party on Thursday!';
    const school = await bot.post(A.execute(teacher, bot.connector.url, 'check.run', { draft, account: 'school' }));
    expect(cardText(school.body.value)).toContain('Political content on a school or district account');
    expect(cardText(school.body.value)).toContain('4.10(c)');
    const personal = await bot.post(A.execute(teacher, bot.connector.url, 'check.run', { draft, account: 'personal' }));
    expect(cardText(personal.body.value)).toContain('OK to post');
  });

  it('asks about the photo: identifiable students without consent are not allowed', async () => {
    const res = await bot.post(
      A.execute(teacher, bot.connector.url, 'check.run', { draft: 'Our science fair winners!', account: 'school', showsStudents: 'true', studentsIdentifiable: 'true', consentOnFile: 'false' }),
    );
    expect(cardText(res.body.value)).toContain('Not allowed as written');
    const ok = await bot.post(
      A.execute(teacher, bot.connector.url, 'check.run', { draft: 'Our science fair winners!', account: 'school', showsStudents: 'true', studentsIdentifiable: 'true', consentOnFile: 'true' }),
    );
    expect(cardText(ok.body.value)).toContain('OK to post');
  });

  it('offers a redacted version when personal information is the only problem', async () => {
    const res = await bot.post(A.execute(teacher, bot.connector.url, 'check.run', { draft: 'Reminder: the field trip form is due Friday. Questions? Email j.smith@gmail.com', account: 'school' }));
    const text = cardText(res.body.value);
    expect(text).toContain('Suggested version without the personal information');
    expect(text).toMatch(/Reminder: the field trip form is due Friday\. Questions\? Email \[[^\]]+\]/);
  });

  it('offers the matching permission request for a logo', async () => {
    const res = await bot.post(A.execute(teacher, bot.connector.url, 'check.run', { draft: 'New team hoodies with the school crest on the front!', account: 'personal' }));
    expect(cardText(res.body.value)).toContain('Needs written permission first');
    expect(cardActions(res.body.value).find((a) => a.verb === 'request.new')?.data.kind).toBe('logo-use');
  });

  it('starts the matching permission request pre-filled from the draft', async () => {
    const draft = 'New team hoodies with the school crest on the front!';
    const res = await bot.post(A.execute(teacher, bot.connector.url, 'check.run', { draft, account: 'personal' }));
    const start = cardActions(res.body.value).find((a) => a.verb === 'request.new')!;
    // Action.Submit sends the card's inputs along with its data, as Teams does.
    await bot.post(A.submit(teacher, bot.connector.url, { ...start.data, draft, account: 'personal' }));
    const form = await bot.connector.waitFor(() => bot.connector.cardsIn(A.personalConversationId(teacher)).find((c) => cardText(c).includes('Submit')));
    expect(inputValue(form, 'purpose')).toBe(draft);
    expect(cardText(form)).toMatch(/logo/i);
  });

  it('keeps what was typed and shows the error beside the field when the draft is missing or too long', async () => {
    const missing = await bot.post(A.execute(teacher, bot.connector.url, 'check.run', { account: 'district', showsLogo: 'true' }));
    expect(cardText(missing.body.value)).toContain('Paste the post you want to check.');
    expect(inputValue(missing.body.value, 'account')).toBe('district');
    expect(inputValue(missing.body.value, 'showsLogo')).toBe('true');
    const long = 'word '.repeat(3000);
    const tooLong = await bot.post(A.execute(teacher, bot.connector.url, 'check.run', { draft: long, account: 'school' }));
    expect(cardText(tooLong.body.value)).toMatch(/15,000 characters; I check up to 5,000/);
    expect(inputValue(tooLong.body.value, 'draft')).toBe(long.slice(0, 5000));
  });

  it('works as the "Check this post" message extension on a message', async () => {
    const fetch = await bot.post(
      A.invoke(teacher, bot.connector.url, 'composeExtension/fetchTask', {
        commandId: 'checkPost',
        commandContext: 'message',
        messagePayload: { body: { contentType: 'html', content: '<p>Lockdown at school today,&nbsp;police are on site.</p>' } },
      }),
    );
    expect(fetch.status).toBe(200);
    const form = fetch.body.task.value.card.content;
    expect(inputValue(form, 'draft')).toBe('Lockdown at school today, police are on site.');
    const submit = await bot.post(
      A.invoke(teacher, bot.connector.url, 'composeExtension/submitAction', { commandId: 'checkPost', commandContext: 'message', data: { verb: 'check.run', draft: inputValue(form, 'draft'), account: 'school' } }),
    );
    const result = submit.body.task.value.card.content;
    expect(cardText(result)).toContain('Ask Communications first');
    expect(cardText(result)).toContain('3.2');
    expect(cardActions(result).find((a) => a.title === 'Check again')?.type).toBe('Action.Submit');
  });

  it('never writes a draft to the logs', async () => {
    const secret = 'Zebra-Quokka-7781 emma.tremblay@example.com';
    await bot.post(A.execute(teacher, bot.connector.url, 'check.run', { draft: secret, account: 'school' }));
    await bot.post(A.message(teacher, bot.connector.url, `check ${secret}`));
    await lastCard();
    const logged = JSON.stringify(bot.logs);
    expect(bot.logs.some((l) => l.msg === 'draft checked')).toBe(true);
    expect(logged).not.toContain('Zebra-Quokka');
    expect(logged).not.toContain('emma.tremblay');
  });
});
