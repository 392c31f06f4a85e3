import { spawnSync } from 'node:child_process';
import type { TestBot } from '../support/harness';
import { testDatabases } from '../support/databases';
import { fromRoot } from '../../src/paths';
import { inputValue } from '../support/cardCheck';
import { A, cardActions, cardOf, cardPostedTo, cardText, claire, COMMS_CHANNEL, priya, startRequestBot } from './requests-helpers';

/**
 * Clause 4.4: when the bot is not sure, staff can send the question to
 * Communications; a member answers from the card in their channel, and the
 * answer reaches the staff member's chat. Answered questions are listed for
 * Communications to grow the knowledge base.
 */
describe.each(testDatabases())('asking Communications ($name)', (database) => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startRequestBot({ databaseUrl: database.fresh() });
  });
  afterAll(async () => {
    await bot?.close();
    await database.cleanup();
  });

  const channelCards = () =>
    bot.connector.conversations
      .filter((c) => c.params.channelData?.channel?.id === COMMS_CHANNEL)
      .map((c) => (bot.connector.sentTo(c.id)[0]?.activity ?? c.params.activity)?.attachments?.[0]?.content);

  it('sends an unsure answer to Communications, who answer from the card; the answer reaches the asker', async () => {
    const question = 'Is it OK to wear my union t-shirt in my LinkedIn profile photo?';
    await bot.post(A.message(priya, bot.connector.url, question));
    const answer = await bot.connector.waitFor(() => bot.connector.cardsIn(A.personalConversationId(priya))[0]);
    const ask = cardActions(answer).find((a) => a.verb === 'question.askCommunications')!;
    expect(ask).toBeDefined();

    // Sent: the asker's card says so in place; the Communications channel gets the question.
    const sent = await bot.post(A.execute(priya, bot.connector.url, ask.verb!, ask.data));
    expect(cardText(sent.body.value)).toMatch(/Sent to Communications on .*Their answer will come to your chat/);
    expect(cardActions(sent.body.value).some((a) => a.verb === 'question.askCommunications')).toBe(false);
    const inChannel = await bot.connector.waitFor(() => channelCards().find((c) => c && cardText(c).includes(question)));
    expect(cardText(inChannel)).toContain('Priya Nair asked');
    // A second click (or a Teams retry) sends nothing more.
    await bot.post(A.execute(priya, bot.connector.url, ask.verb!, ask.data));
    await new Promise((r) => setTimeout(r, 300));
    expect(channelCards().filter((c) => c && cardText(c).includes(question))).toHaveLength(1);

    const send = cardActions(inChannel).find((a) => a.verb === 'question.answer')!;
    const channel = { id: COMMS_CHANNEL, conversationType: 'channel', tenantId: '11111111-2222-3333-4444-555555555555', isGroup: true };

    // Someone outside Communications is refused with a message, not a redrawn card: the card
    // they pressed stays as it was in Teams (what they typed included), and a refusal shows
    // nothing of a question they may not see; nothing changes.
    const refused = await bot.post(A.execute(priya, bot.connector.url, send.verb!, { ...send.data, answer: 'Sure, go ahead' }, channel));
    expect(refused.body.type).toBe('application/vnd.microsoft.activity.message');
    expect(refused.body.value).toMatch(/Only members of Communications can answer/);
    expect(refused.body.value).not.toContain(question);

    // An empty answer is refused in the card.
    const empty = await bot.post(A.execute(claire, bot.connector.url, send.verb!, { ...send.data, answer: '   ' }, channel));
    expect(cardText(empty.body.value)).toMatch(/Write an answer before sending/);

    const reply = 'Keep union and political material off profiles you use for school; your personal LinkedIn is your own, but keep it professional (4.2).';
    const answered = await bot.post(A.execute(claire, bot.connector.url, send.verb!, { ...send.data, answer: reply }, channel));
    expect(cardText(answered.body.value)).toMatch(/Answered by Claire Donovan/);
    expect(cardActions(answered.body.value).some((a) => a.verb === 'question.answer')).toBe(false);

    const delivered = await cardPostedTo(bot, priya, /Communications answered your question/);
    expect(cardText(cardOf(delivered))).toContain(reply);

    // A second answer (another member, or a retry) is refused with who answered.
    const again = await bot.post(A.execute(claire, bot.connector.url, send.verb!, { ...send.data, answer: 'another' }, channel));
    expect(cardText(again.body.value)).toMatch(/Claire Donovan already answered/);

    // Listed for Communications to turn into knowledge-base entries.
    const cli = spawnSync(process.execPath, [fromRoot('dist', 'src', 'cli.js'), 'questions', 'list', '--status', 'answered-by-communications', '--json'], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: bot.databaseUrl },
      encoding: 'utf8',
    });
    expect(cli.status).toBe(0);
    const listed = cli.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(listed).toEqual([expect.objectContaining({ text: question, answer: reply, answeredBy: 'Claire Donovan', askerName: 'Priya Nair' })]);
  });

  it('sends a checked draft to Communications when the person asks', async () => {
    const draft = 'Our thoughts are with the family after this morning’s accident near the school.';
    const res = await bot.post(A.submit(priya, bot.connector.url, { verb: 'check.askCommunications', draft, account: 'school' }));
    expect(res.status).toBe(200);
    const confirmation = await bot.connector.waitFor(() => bot.connector.cardsIn(A.personalConversationId(priya)).find((c) => cardText(c).includes('I sent your draft to Communications')));
    expect(inputValue(confirmation, 'draft')).toBe(draft);
    const inChannel = await bot.connector.waitFor(() => channelCards().find((c) => c && cardText(c).includes(draft)));
    expect(cardText(inChannel)).toMatch(/Is this OK to post on a school account\?/);
  });
});
