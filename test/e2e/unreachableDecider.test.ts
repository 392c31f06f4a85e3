import type { TestBot } from '../support/harness';
import type { ConnectorCall } from '../support/connector';
import { testDatabases } from '../support/databases';
import { samplePerson } from '../support/people';
import { requestsCommand } from '../../src/cli/requests';
import {
  A, amara, buttons, cardOf, cardPostedTo, cardText, COMMS_CHANNEL, daniel, liam, press, priya, putsTo, startRequestBot, submitLogoRequest, TestClock, twoInstances,
} from './requests-helpers';

/**
 * A decider Teams cannot reach (issue 12, item 6): the connector answers 403
 * or 404 for them, for good. Whoever else decides is told with a card to act
 * from, the history says so, and the requester's card names who was not
 * reached and who was told instead; a fallback that fails goes to
 * Communications once, then stops. A 500 retried later is not "unreachable".
 */
const grace = samplePerson('grace.lindqvist'); // teacher, Cedar Hills
const fatima = samplePerson('fatima.rahman'); // principal, Cedar Hills
const samuel = samplePerson('samuel.osei'); // designate, Cedar Hills
const emily = samplePerson('emily.sanderson'); // teacher, Riverside
const gregory = samplePerson('gregory.whitfield'); // principal, Riverside
const nadia = samplePerson('nadia.bouchard'); // designate, Riverside

const numberOf = (card: any): string => /Sent as (WP-\d{4}-\d{4})/.exec(cardText(card))![1]!;
const startsChatWith = (aadId: string) => (c: ConnectorCall) => c.method === 'POST' && /^\/v3\/conversations\/?$/.test(c.url) && c.body.members?.[0]?.id === aadId;
/** Any post whose feed summary says a decider was not reached: the fallback notices, 1:1 or in the channel. */
const isNotice = (c: ConnectorCall) => c.method === 'POST' && /could not reach/i.test(c.body.summary ?? c.body.activity?.summary ?? '');
const NOT_INSTALLED = { status: 403, code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' };
const USER_NOT_FOUND = { status: 404, code: 'NotFound', message: 'User not found' };

/** Waits until nothing is left to send for this request (delivered or dead), so what did not happen can be checked. */
async function settled(bot: TestBot, requestId: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await bot.app.services.outbox.forRequest(requestId);
    if (rows.length > 0 && rows.every((r) => r.state !== 'pending')) return;
    if (Date.now() > deadline) throw new Error(`notifications still pending: ${JSON.stringify(rows.map((r) => [r.kind, r.state]))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function historyLines(bot: TestBot, number: string): Promise<string> {
  const lines: string[] = [];
  expect(await requestsCommand(bot.app.services, ['requests', 'show', number], (l) => lines.push(l))).toBe(0);
  return lines.join('\n');
}

const channelPosts = (bot: TestBot, number: string) =>
  bot.connector.conversations.filter((c) => c.params.channelData?.channel?.id === COMMS_CHANNEL && c.params.activity && cardText(c.params.activity.attachments[0].content).includes(number));

describe.each(testDatabases())('a decider who cannot be reached ($name)', (database) => {
  let bot: TestBot;
  const clock = new TestClock();
  beforeAll(async () => {
    bot = await startRequestBot({ databaseUrl: database.fresh(), now: clock.now, env: { OUTBOX_POLL_MS: '20' } });
  });
  afterEach(() => bot.connector.clearRules());
  afterAll(async () => {
    await bot?.close();
    await database.cleanup();
  });

  it('403 for the principal: the designate is told with a card to decide from; the history and the requester\'s card say who was not reached and who was told', async () => {
    bot.connector.failWhen(startsChatWith(amara.aadId), NOT_INSTALLED);
    const { form, res, requestId } = await submitLogoRequest(bot, priya);
    const number = numberOf(res.card);

    const notice = await cardPostedTo(bot, daniel, /Could not reach Amara Okafor \(principal\): the app is not installed for them/);
    expect(cardText(cardOf(notice))).toContain(number);
    expect(buttons(cardOf(notice))).toEqual(expect.arrayContaining(['Approve', 'Decline']));

    expect(await historyLines(bot, number)).toContain('Could not reach Amara Okafor (principal): the app is not installed for them. Told instead: Daniel Tremblay (designate).');
    const ownCopy = await bot.connector.waitFor(
      () => putsTo(bot, A.personalConversationId(priya), form.activityId).find((a) => /Could not reach Amara Okafor \(principal\)[\s\S]*Told instead: Daniel Tremblay \(designate\)/.test(cardText(cardOf(a)))),
      10_000,
      "the requester's card naming who was not reached",
    );
    expect(cardOf(ownCopy)).toBeDefined();

    // Daniel acts from the notice itself.
    const approved = await press(bot, daniel, cardOf(notice), 'Approve', {}, { conversationId: notice.conversationId, activityId: notice.id });
    expect(approved.status).toBe(200);
    expect(cardText(approved.card)).toMatch(/Approved/);
    await settled(bot, requestId);
    // Nothing anyone typed in the request reached the logs.
    expect(JSON.stringify(bot.logs)).not.toMatch(/SECRET-PURPOSE-TEXT|maplegroveps/);
  });

  it('404 for both deciders: the request goes to Communications, once, in its channel, where it can be decided', async () => {
    bot.connector.failWhen(startsChatWith(fatima.aadId), USER_NOT_FOUND, 5);
    bot.connector.failWhen(startsChatWith(samuel.aadId), USER_NOT_FOUND, 5);
    const { res, requestId } = await submitLogoRequest(bot, grace, { unitId: 'cedar-hills' });
    const number = numberOf(res.card);
    await bot.connector.waitFor(() => channelPosts(bot, number).length > 0, 15_000, 'the card in the Communications channel');
    await settled(bot, requestId);

    const posts = channelPosts(bot, number);
    expect(posts).toHaveLength(1);
    const card = posts[0]!.params.activity.attachments[0].content;
    expect(cardText(card)).toMatch(/Could not reach (Fatima Rahman \(principal\)|Samuel Osei \(designate\)): Teams does not know them \(user not found\)/);
    expect(buttons(card)).toEqual(expect.arrayContaining(['Approve', 'Decline']));
    const history = await historyLines(bot, number);
    expect(history).toContain('Could not reach Fatima Rahman (principal): Teams does not know them (user not found).');
    expect(history).toContain('Could not reach Samuel Osei (designate): Teams does not know them (user not found).');
    expect(history).toMatch(/Told instead: Communications \(its channel\)/);
    expect((await bot.app.services.requests.find(number))!.state).toBe('escalated');
  });

  it('when the fallback fails too, Communications is told once, and when that fails nothing more is tried', async () => {
    bot.connector.failWhen(startsChatWith(gregory.aadId), NOT_INSTALLED, 5);
    bot.connector.failWhen(isNotice, NOT_INSTALLED, 20);
    const { res, requestId } = await submitLogoRequest(bot, emily, { unitId: 'riverside' });
    const number = numberOf(res.card);
    // The last step: the channel refused, and that is recorded.
    await bot.connector.waitFor(() => bot.logs.some((l) => l.msg === 'decider not reached' && l.requestId === requestId && l.target === 'channel'), 15_000, 'the channel refusal recorded');
    await settled(bot, requestId);

    const notices = (await bot.app.services.outbox.forRequest(requestId)).filter((r) => r.kind === 'unreachable-notice');
    // The two designates (both refused), then the channel once (refused): nobody after that.
    expect(notices.map((r) => (r.target.type === 'channel' ? 'channel' : r.target.type === 'person' ? r.target.aadId : '?')).sort()).toEqual(
      [nadia.aadId, samplePerson('kenji.tanaka').aadId, 'channel'].sort(),
    );
    expect(notices.every((r) => r.state === 'dead' && r.attempts === 1)).toBe(true);
    const events = await bot.app.services.requests.store.events(requestId);
    expect(events.filter((e) => e.action === 'escalate')).toHaveLength(1);
    expect(await historyLines(bot, number)).toMatch(/Could not reach the Communications channel: the app is not added to its team\. Nobody else could be told\./);
  });

  it('a 500 that is retried later does not count as unreachable', async () => {
    bot.connector.failWhen(startsChatWith(amara.aadId), { status: 500 });
    const { res, requestId } = await submitLogoRequest(bot, liam);
    const number = numberOf(res.card);
    await cardPostedTo(bot, amara, new RegExp(number), 15_000);
    await settled(bot, requestId);
    expect((await bot.app.services.outbox.forRequest(requestId)).map((r) => r.kind)).not.toContain('unreachable-notice');
    expect(await historyLines(bot, number)).not.toMatch(/Could not reach/);
  });
});

describe.each(testDatabases())('a decider who cannot be reached, two instances ($name)', (database) => {
  const clock = new TestClock();
  const bots = twoInstances(database, { now: clock.now, env: { OUTBOX_POLL_MS: '20' } });

  it('is handled once per failed delivery, even when the dead letter is sent again and fails again', async () => {
    const { one, two, connector } = bots;
    connector.failWhen(startsChatWith(amara.aadId), NOT_INSTALLED);
    const { res, requestId } = await submitLogoRequest(one, priya);
    await cardPostedTo(one, daniel, new RegExp(`Could not reach Amara Okafor[\\s\\S]*${numberOf(res.card)}|${numberOf(res.card)}[\\s\\S]*Could not reach Amara Okafor`), 15_000);
    await settled(one, requestId);
    const unreachable = async () => (await one.app.services.requests.store.events(requestId)).filter((e) => e.action === 'unreachable');
    const notices = async () => (await one.app.services.outbox.forRequest(requestId)).filter((r) => r.kind === 'unreachable-notice');
    expect(await unreachable()).toHaveLength(1);
    expect(await notices()).toHaveLength(1);

    const dead = (await one.app.services.outbox.forRequest(requestId)).find((r) => r.state === 'dead')!;
    connector.failWhen(startsChatWith(amara.aadId), NOT_INSTALLED);
    expect(await two.app.services.outbox.resend([dead.id], clock.now().toISOString())).toHaveLength(1);
    const seen = (l: any) => l.msg === 'decider not reached: already recorded' && l.outboxId === dead.id;
    await connector.waitFor(() => [...one.logs, ...two.logs].some(seen), 15_000, 'the second refusal handled');
    await settled(one, requestId);
    expect((await one.app.services.outbox.forRequest(requestId)).find((r) => r.id === dead.id)).toMatchObject({ state: 'dead' });
    expect(await unreachable()).toHaveLength(1);
    expect(await notices()).toHaveLength(1);
  });
});
