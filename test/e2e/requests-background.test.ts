import type { TestBot } from '../support/harness';
import { testDatabases, TestDatabase } from '../support/databases';
import { requestsCommand } from '../../src/cli/requests';
import {
  amara, buttons, twoInstances, cardOf, cardPostedTo, cardText, COMMS_CHANNEL, daniel, postsTo, press, priya, putsTo, startRequestBot, submitLogoRequest, TestClock, A,
} from './requests-helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function numberOf(card: any): string {
  return /Sent as (WP-\d{4}-\d{4})/.exec(cardText(card))![1]!;
}

function cardsFor(bot: TestBot, user: typeof amara, pattern: RegExp) {
  return postsTo(bot, user).filter((a) => cardOf(a) && pattern.test(cardText(cardOf(a))));
}

describe.each(testDatabases())('request notifications when the connector fails ($name)', (database) => {
  let bot: TestBot;
  const clock = new TestClock();
  beforeAll(async () => {
    bot = await startRequestBot({ databaseUrl: database.fresh(), now: clock.now });
  });
  afterAll(async () => {
    await bot?.close();
    await database.cleanup();
  });

  it('the connector answers 429 (Retry-After) and then 500: the outbox waits, retries and delivers each card once', async () => {
    const form = await import('./requests-helpers').then((h) => h.openForm(bot, priya));
    bot.connector.failNext({ status: 429, retryAfterSeconds: 1 }, { status: 500 });
    const res = await press(bot, priya, form.card, 'Submit', (await import('./requests-helpers')).logoValues(), { conversationId: A.personalConversationId(priya), activityId: form.activityId });
    const number = numberOf(res.card);
    await cardPostedTo(bot, amara, new RegExp(number), 15_000);
    await cardPostedTo(bot, daniel, new RegExp(number), 15_000);
    await sleep(500);
    expect(cardsFor(bot, amara, new RegExp(number))).toHaveLength(1);
    expect(cardsFor(bot, daniel, new RegExp(number))).toHaveLength(1);
    const retried = bot.logs.filter((l) => l.msg === 'notification will be retried');
    expect(retried.map((l) => l.status)).toEqual([429, 500]);
    expect(retried[0].retryInMs).toBeGreaterThanOrEqual(1000);
    const rows = await bot.app.services.outbox.list({ kind: 'decision-card' });
    expect(rows.map((r) => r.state)).toEqual(['delivered', 'delivered']);
    // Two cards, two failures: four attempts in all (a throttled batch's other rows are not counted).
    expect(rows.map((r) => r.attempts).reduce((a, b) => a + b)).toBe(4);
  });

  it('a permanent refusal becomes a visible dead letter; the rest is delivered', async () => {
    const { openForm, logoValues } = await import('./requests-helpers');
    const form = await openForm(bot, priya);
    bot.connector.failNext({ status: 403 });
    const res = await press(bot, priya, form.card, 'Submit', logoValues(), { conversationId: A.personalConversationId(priya), activityId: form.activityId });
    const number = numberOf(res.card);
    await bot.connector.waitFor(() => cardsFor(bot, amara, new RegExp(number))[0] ?? cardsFor(bot, daniel, new RegExp(number))[0], 10_000, 'one card delivered');
    const deadLetters = await waitForValue(async () => {
      const d = await bot.app.services.outbox.list({ state: 'dead' });
      return d.length > 0 ? d : undefined;
    });
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]).toMatchObject({ kind: 'decision-card', attempts: 1, lastError: expect.stringMatching(/^403/) });
    expect(bot.logs.some((l) => l.msg === 'notification dead-lettered' && l.status === 403)).toBe(true);

    // The administrator sees it in the CLI.
    const lines: string[] = [];
    expect(await requestsCommand(bot.app.services, ['requests', 'show', number], (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toMatch(/decision-card\s+dead\s+attempts 1 .*last error: 403/);
    expect(lines.join('\n')).toMatch(/hash chain intact/);
  });
});

async function waitForValue<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(50);
  }
}

describe.each(testDatabases())('reminders, escalation and expiry by the clock ($name)', (database) => {
  let bot: TestBot;
  // Monday 2 March 2026, 10:00 in Ottawa.
  const clock = new TestClock('2026-03-02T15:00:00.000Z');
  beforeAll(async () => {
    bot = await startRequestBot({ databaseUrl: database.fresh(), now: clock.now, env: { OUTBOX_POLL_MS: '20' } });
  });
  afterAll(async () => {
    await bot?.close();
    await database.cleanup();
  });

  it('reminds the principal and designate after 2 business days, once; escalates to Communications after 5', async () => {
    const { res, requestId } = await submitLogoRequest(bot);
    const number = numberOf(res.card);
    await cardPostedTo(bot, amara, new RegExp(number));
    await cardPostedTo(bot, daniel, new RegExp(number));

    clock.set('2026-03-03T16:00:00.000Z'); // Tuesday: one business day
    await sleep(1500);
    expect(cardsFor(bot, amara, /Reminder:/)).toHaveLength(0);

    clock.set('2026-03-04T15:10:00.000Z'); // Wednesday: two business days
    await cardPostedTo(bot, amara, /Reminder: this request has waited 2 business days/, 10_000);
    await cardPostedTo(bot, daniel, /Reminder:/, 10_000);
    await sleep(1500);
    expect(cardsFor(bot, amara, /Reminder:/)).toHaveLength(1);
    expect(cardsFor(bot, daniel, /Reminder:/)).toHaveLength(1);
    expect(buttons(cardOf(cardsFor(bot, amara, /Reminder:/)[0]!))).toContain('Approve');

    clock.set('2026-03-06T15:10:00.000Z'); // Friday: four business days, still not escalated
    await sleep(1500);
    expect((await bot.app.services.requests.view(requestId))!.request.state).toBe('awaiting-decision');

    clock.set('2026-03-09T15:10:00.000Z'); // the next Monday: five business days
    const thread = await bot.connector.waitFor(() => bot.connector.conversations.find((c) => c.params.channelData?.channel?.id === COMMS_CHANNEL), 10_000, 'the escalation in the channel');
    expect(cardText(thread.params.activity.attachments[0].content)).toContain(number);
    const view = (await bot.app.services.requests.view(requestId))!;
    expect(view.request).toMatchObject({ state: 'escalated', escalated: true });
    expect(view.events.map((e) => [e.action, e.actorId])).toEqual([
      ['submit', priya.aadId],
      ['remind', 'system'],
      ['escalate', 'system'],
    ]);
    // The requester's copy shows the escalation.
    const put = await bot.connector.waitFor(() => putsTo(bot, A.personalConversationId(priya)).find((p) => cardText(cardOf(p)).includes('Escalated to Communications')), 10_000, "the requester's copy updated");
    expect(buttons(cardOf(put))).toEqual(['Withdraw']);
  });

  it('an approval expires after its end date and the requester is told', async () => {
    clock.set('2026-03-09T16:00:00.000Z');
    const { res, requestId } = await submitLogoRequest(bot);
    const number = numberOf(res.card);
    const toAmara = await cardPostedTo(bot, amara, new RegExp(`${number}[\\s\\S]*asks for your decision|asks for your decision[\\s\\S]*${number}`));
    await press(bot, amara, cardOf(toAmara), 'Approve', { validUntil: '2026-03-12' }, { conversationId: toAmara.conversationId, activityId: toAmara.id });
    await cardPostedTo(bot, priya, new RegExp(`Written permission ${number}`));
    clock.set('2026-03-13T05:30:00.000Z'); // 00:30 on the 13th in Ottawa: the 12th is over
    await cardPostedTo(bot, priya, /Expired: this permission has reached its end date/, 10_000);
    expect((await bot.app.services.requests.view(requestId))!.request.state).toBe('expired');
  });
});

const postgres = testDatabases().filter((d) => d.name === 'postgres');
(postgres.length > 0 ? describe.each(postgres) : describe.skip.each([{ name: 'postgres' } as TestDatabase]))('two bot instances on one PostgreSQL ($name)', (database) => {
  const clock = new TestClock('2026-03-02T15:00:00.000Z');
  const bots = twoInstances(database, { now: clock.now, env: { OUTBOX_POLL_MS: '20' } });

  it('deliver each card once, fire a reminder once and escalate once, whichever instance gets there', async () => {
    const { res, requestId } = await submitLogoRequest(bots.one);
    const number = numberOf(res.card);
    await cardPostedTo(bots.one, amara, new RegExp(number));
    await cardPostedTo(bots.one, daniel, new RegExp(number));
    await sleep(500);
    expect(cardsFor(bots.one, amara, new RegExp(number))).toHaveLength(1);
    expect(cardsFor(bots.one, daniel, new RegExp(number))).toHaveLength(1);

    // Both instances run their reminder pass every 600 ms; both see the request as due.
    clock.set('2026-03-04T15:10:00.000Z');
    await cardPostedTo(bots.one, amara, /Reminder:/, 10_000);
    await sleep(2000);
    expect(cardsFor(bots.one, amara, /Reminder:/)).toHaveLength(1);
    expect(cardsFor(bots.one, daniel, /Reminder:/)).toHaveLength(1);

    clock.set('2026-03-09T15:10:00.000Z');
    await bots.connector.waitFor(() => bots.connector.conversations.find((c) => c.params.channelData?.channel?.id === COMMS_CHANNEL), 10_000, 'the escalation');
    await sleep(2000);
    expect(bots.connector.conversations.filter((c) => c.params.channelData?.channel?.id === COMMS_CHANNEL)).toHaveLength(1);
    const events = (await bots.one.app.services.requests.view(requestId))!.events.map((e) => e.action);
    expect(events).toEqual(['submit', 'remind', 'escalate']);
    // Both instances took part in the work at some point, or at least neither duplicated it.
    const delivered = [...bots.one.logs, ...bots.two.logs].filter((l) => l.msg === 'notification delivered').map((l) => l.outboxId);
    expect(new Set(delivered).size).toBe(delivered.length);
  });
});
