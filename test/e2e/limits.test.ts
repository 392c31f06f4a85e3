import { startTestBot, TestBot } from '../support/harness';
import { testDatabases } from '../support/databases';
import * as A from '../support/activities';
import { cardText } from '../support/cardCheck';
import type { TestUser } from '../support/people';
import { randomUUID } from 'node:crypto';
import { openRequestForm } from '../../src/teams/routes/requests';
import { amara, chatsOf, daniel, liam, logoValues, press, priya } from './requests-helpers';

const eager: TestUser = { aadId: '0f1e2d3c-0000-4000-8000-00000000ff01', name: 'Eager Asker' };
const calm: TestUser = { aadId: '0f1e2d3c-0000-4000-8000-00000000ff02', name: 'Calm Asker' };
const METRICS_TOKEN = 'scrape-token-0123456789abcdef';

describe('fair use and metrics', () => {
  const database = testDatabases()[0]!;
  let bot: TestBot;
  let clock = Date.parse('2026-11-25T15:00:00Z');
  beforeAll(async () => {
    bot = await startTestBot({ databaseUrl: database.fresh(), env: { RATE_LIMIT_BURST: '2', RATE_LIMIT_PER_MINUTE: '6', METRICS_TOKEN }, now: () => new Date(clock) });
  });
  afterAll(async () => {
    await bot?.close();
    await database.cleanup();
  });

  const ask = async (user: TestUser, text: string) => {
    const before = bot.connector.sentTo(A.personalConversationId(user)).length;
    await bot.post(A.message(user, bot.connector.url, text));
    return (await bot.connector.waitFor(() => bot.connector.sentTo(A.personalConversationId(user))[before])).activity;
  };

  it('slows one person down with a clear message, without touching anyone else', async () => {
    expect((await ask(eager, 'can I friend a student?')).attachments).toHaveLength(1);
    expect((await ask(eager, 'can I use the crest?')).attachments).toHaveLength(1);
    const refused = await ask(eager, 'can I post about a lockdown?');
    expect(refused.text).toMatch(/faster than I can keep up with\. Please wait 10 seconds/);
    expect((await ask(calm, 'can I friend a student?')).attachments).toHaveLength(1);
    clock += 10_000;
    expect((await ask(eager, 'can I post about a lockdown?')).attachments).toHaveLength(1);
  });

  it('refuses a draft check past the limit inside the same card, keeping the draft', async () => {
    const run = () => bot.post(A.execute(calm, bot.connector.url, 'check.run', { draft: 'Bake sale Friday!', account: 'school' }));
    await run();
    await run();
    const refused = await run();
    expect(cardText(refused.body.value)).toMatch(/checking faster than I can keep up with/);
    expect(JSON.stringify(refused.body.value)).toContain('Bake sale Friday!');
  });

  /** Waits until every queued notification is delivered (or given up on), so the deciders' chats are complete. */
  async function settle(): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      if ((await bot.app.services.outbox.depth()).pending === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the outbox did not drain');
  }
  const decisionCardsTo = (who: TestUser) => chatsOf(bot, who).flatMap((c) => bot.connector.sentTo(c)).filter((a) => /WP-\d{4}-\d{4}/.test(cardText(a.activity.attachments?.[0]?.content ?? {})));

  it('takes at most the hourly number of requests from one person (REQUEST_LIMIT_PER_HOUR, 20 by default): 300 submissions, 20 sent and routed, one notice', async () => {
    const form = await openRequestForm(bot.app.services, priya, 'logo-use');
    const toPriya = bot.connector.sentTo(A.personalConversationId(priya)).length;
    const answers: Array<{ status: number; card?: any; message?: string }> = [];
    // Each press is a fresh form (its own draft id), as a script or a stuck key would send them.
    for (let i = 0; i < 300; i++) answers.push(await press(bot, priya, form, 'Submit', { ...logoValues({ startDate: '2026-12-10' }), draftId: randomUUID() }));

    expect(answers.every((a) => a.status === 200)).toBe(true);
    const sent = answers.filter((a) => a.card && /Sent as WP-/.test(cardText(a.card)));
    const notices = answers.filter((a) => a.card && /more requests in an hour than I take from one person \(20\)/.test(cardText(a.card)));
    expect(sent).toHaveLength(20);
    // The notice is the form again, with what was typed kept; every later refusal is a short message that leaves the card alone.
    expect(notices).toHaveLength(1);
    expect(JSON.stringify(notices[0]!.card)).toContain('announce the spring concert');
    expect(answers.filter((a) => a.message).length).toBe(300 - 20 - 1);
    expect(answers.filter((a) => a.message).every((a) => /wait/.test(a.message!))).toBe(true);

    // Stored and routed: 20 requests, each one card to the principal and one to her designate, nothing more.
    expect(await bot.app.services.requests.mine(priya.aadId, 1000)).toHaveLength(20);
    await settle();
    expect(decisionCardsTo(amara)).toHaveLength(20);
    expect(decisionCardsTo(daniel)).toHaveLength(20);
    // And no message of any kind was pushed to Priya's chat for the refused ones.
    expect(bot.connector.sentTo(A.personalConversationId(priya)).slice(toPriya).filter((a) => /wait|not sent/i.test(JSON.stringify(a.activity)))).toEqual([]);
  }, 120_000);

  it('limits every command and button per person (TURN_LIMIT_BURST, 30 by default): 200 "my requests", 30 served, one notice, then silence', async () => {
    const chat = A.personalConversationId(liam);
    const before = bot.connector.sentTo(chat).length;
    for (let i = 0; i < 200; i++) expect((await bot.post(A.message(liam, bot.connector.url, 'my requests'))).status).toBe(200);
    const replies = bot.connector.sentTo(chat).slice(before).map((a) => a.activity);
    const lists = replies.filter((a) => /My permission requests/.test(cardText(a.attachments?.[0]?.content ?? {})));
    const notices = replies.filter((a) => /more than I can keep up with\. Please wait \d+ seconds?/.test(a.text ?? ''));
    expect(lists).toHaveLength(30);
    expect(notices).toHaveLength(1);
    expect(replies).toHaveLength(31);
    // A button pressed in the same flood still gets its answer (an invoke must have one), a short one.
    const pressed = await bot.post(A.execute(liam, bot.connector.url, 'request.choose', {}));
    expect(pressed.status).toBe(200);
    expect(pressed.body.value).toMatch(/Please wait/);
    // Someone else is not slowed down by it.
    const other = await bot.post(A.message(calm, bot.connector.url, 'my requests'));
    expect(other.status).toBe(200);
    // After the window, one more is served.
    clock += 60_000;
    await bot.post(A.message(liam, bot.connector.url, 'my requests'));
    expect(bot.connector.sentTo(chat).slice(before).map((a) => a.activity).filter((a) => /My permission requests/.test(cardText(a.attachments?.[0]?.content ?? {})))).toHaveLength(31);
  }, 120_000);

  it('exposes Prometheus metrics: turns, their latency, answers by verdict, refusals', async () => {
    const res = await fetch(`${bot.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/pr708_turns_total\{type="message",outcome="2xx"\} \d+/);
    expect(text).toMatch(/pr708_turn_seconds_bucket\{le="0\.1",type="message"\} \d+/);
    expect(text).toMatch(/pr708_answers_total\{verdict="not-allowed"\} [1-9]/);
    expect(text).toMatch(/pr708_rate_limited_total\{what="question"\} 1/);
    expect(text).toMatch(/pr708_rate_limited_total\{what="check"\} 1/);
    expect(text).toMatch(/pr708_rate_limited_total\{what="request"\} \d+/);
    expect(text).toMatch(/pr708_rate_limited_total\{what="turn"\} \d+/);
    expect(text).toMatch(/^pr708_outbox_pending \d+$/m);
    expect(text).toMatch(/^pr708_outbox_dead_letters 0$/m);
  });

  it('serves /metrics only to the configured bearer token: none, a wrong one or another scheme get 401 and no figures', async () => {
    const attempts: Array<[string, Record<string, string>]> = [
      ['no token', {}],
      ['a wrong token of the same length', { authorization: `Bearer ${METRICS_TOKEN.slice(0, -1)}x` }],
      ['a prefix of the token', { authorization: `Bearer ${METRICS_TOKEN.slice(0, 8)}` }],
      ['the token with more after it', { authorization: `Bearer ${METRICS_TOKEN}x` }],
      ['another scheme', { authorization: `Basic ${METRICS_TOKEN}` }],
    ];
    for (const [what, headers] of attempts) {
      const res = await fetch(`${bot.url}/metrics`, { headers });
      const text = await res.text();
      expect({ what, status: res.status }).toEqual({ what, status: 401 });
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(text).not.toContain('pr708_');
    }
    const ok = await fetch(`${bot.url}/metrics`, { headers: { authorization: `bearer  ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
  });

  it('does not serve /metrics on the public listener at all when no token is configured', async () => {
    const plain = await startTestBot({ databaseUrl: database.fresh() });
    try {
      for (const headers of [{}, { authorization: 'Bearer anything-at-all-0123456789' }] as Array<Record<string, string>>) {
        const res = await fetch(`${plain.url}/metrics`, { headers });
        expect(res.status).toBe(404);
        expect(await res.text()).not.toContain('pr708_');
      }
      expect((await fetch(`${plain.url}/healthz`)).status).toBe(200);
    } finally {
      await plain.close();
    }
  });
});
