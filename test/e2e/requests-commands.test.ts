import type { TestBot } from '../support/harness';
import { testDatabases } from '../support/databases';
import { expectValidCard } from '../support/cardCheck';
import { requestsCommand } from '../../src/cli/requests';
import { openRequestForm } from '../../src/teams/routes/requests';
import {
  A, amara, buttons, cardActions, cardOf, cardPostedTo, cardText, emily, openForm, press, priya, startRequestBot, submitLogoRequest, TestClock,
} from './requests-helpers';

const lastCardTo = async (bot: TestBot, user: typeof priya, before: number) =>
  cardOf(await bot.connector.waitFor(() => bot.connector.sentTo(A.personalConversationId(user))[before], 10_000, 'a reply'));

describe.each(testDatabases())('request commands, lists and the CLI ($name)', (database) => {
  let bot: TestBot;
  const clock = new TestClock();
  beforeAll(async () => {
    bot = await startRequestBot({ databaseUrl: database.fresh(), now: clock.now });
  });
  afterAll(async () => {
    await bot?.close();
    await database.cleanup();
  });
  const say = async (user: typeof priya, text: string) => {
    const before = bot.connector.sentTo(A.personalConversationId(user)).length;
    await bot.post(A.message(user, bot.connector.url, text));
    return lastCardTo(bot, user, before);
  };
  const clickSubmit = async (user: typeof priya, value: Record<string, unknown>) => {
    const before = bot.connector.sentTo(A.personalConversationId(user)).length;
    await bot.post(A.submit(user, bot.connector.url, value));
    return lastCardTo(bot, user, before);
  };

  it('"request" offers the four kinds; choosing one opens its form in place; Cancel sends nothing', async () => {
    const choose = await say(priya, 'request');
    expect(cardText(choose)).toMatch(/Request written permission/);
    expect(cardActions(choose).map((a) => a.data?.kind)).toEqual(['speak-on-behalf', 'logo-use', 'school-account', 'club-following']);
    const form = await press(bot, priya, choose, 'Start this request');
    expect(form.card.body.find((e: any) => e.id === 'onBehalfOf')).toBeDefined();
    expect(buttons(form.card)).toEqual(['Submit', 'Cancel']);
    const cancelled = await press(bot, priya, form.card, 'Cancel');
    expect(cardText(cancelled.card)).toMatch(/Nothing was sent/);

    expect(cardText(await clickSubmit(priya, { verb: 'request.choose' }))).toMatch(/Request written permission/);
    expect((await say(priya, 'request to speak for the school')).body.find((e: any) => e.id === 'onBehalfOf')).toBeDefined();
    expect((await say(priya, 'request a club account students can follow')).body.find((e: any) => e.id === 'courseOrClub')).toBeDefined();
  });

  it('typed in a channel, the form goes to the person privately', async () => {
    const mention = A.channelMention(priya, bot.connector.url, '19:staffroom@thread.tacv2', 'request logo');
    const before = bot.connector.sentTo(A.personalConversationId(priya)).length;
    await bot.post(mention);
    const inChannel = await bot.connector.waitFor(() => bot.connector.sentTo(mention.conversation.id as string)[0], 10_000, 'the channel reply');
    expect(inChannel.activity.text).toMatch(/sent this to you in a private chat/);
    expect(inChannel.activity.attachments ?? []).toEqual([]);
    const form = await lastCardTo(bot, priya, before);
    expect(form.body.find((e: any) => e.id === 'logo')).toBeDefined();
  });

  it('other features can open a pre-filled form', async () => {
    const card = await openRequestForm(bot.app.services, { aadId: emily.aadId }, 'logo-use', { logo: 'school', where: 'Riverside yearbook cover' });
    expectValidCard(card);
    const body: any[] = (card as any).body;
    expect(body.find((e) => e.id === 'where').value).toBe('Riverside yearbook cover');
    expect(body.find((e) => e.id === 'unitId').value).toBe('riverside');
  });

  it('"my requests" shows each request with its history; "pending" shows what awaits my decision; Open posts a live copy', async () => {
    const { res } = await submitLogoRequest(bot);
    const number = /Sent as (WP-\d{4}-\d{4})/.exec(cardText(res.card))![1]!;
    await cardPostedTo(bot, amara, new RegExp(number));

    const mine = await say(priya, 'my requests');
    expect(cardText(mine)).toMatch(new RegExp(`\\*\\*${number}\\*\\* · Use a school or Board logo`));
    expect(cardText(mine)).toMatch(/Submitted: Priya Nair/);
    expect(cardText(await clickSubmit(priya, { verb: 'requests.mine' }))).toContain(number);
    expect(cardText(await say(priya, 'pending'))).toMatch(/Nothing awaits your decision/);

    const pending = await say(amara, 'pending');
    expect(cardText(pending)).toContain(number);
    const open = cardActions(pending).find((a) => a.title === `Open ${number}`)!;
    const opened = await clickSubmit(amara, open.data);
    expect(buttons(opened)).toEqual(['Approve', 'Decline', 'Request changes', 'Escalate to Communications']);
    const view = await bot.app.services.requests.find(number);
    const copies = await bot.app.services.requests.store.copies(view!.id);
    expect(copies.some((c) => c.conversationId === A.personalConversationId(amara) && c.viewerId === amara.aadId)).toBe(true);

    // A stranger cannot open it.
    const refused = await bot.post(A.submit(emily, bot.connector.url, open.data));
    expect(refused.status).toBe(200);
    const reply = await bot.connector.waitFor(() => bot.connector.sentTo(A.personalConversationId(emily)).find((a) => a.activity.text), 10_000, 'a refusal');
    expect(reply.activity.text).toMatch(/not yours to see/);
  });

  it('keeps a long request with a long history under the card size limit', async () => {
    const long = (c: string) => c.repeat(1990);
    const form = await openForm(bot, priya, 'request to speak for the school');
    const at = { conversationId: A.personalConversationId(priya), activityId: form.activityId };
    const values = {
      onBehalfOf: 'school', unitId: 'maple-grove', platforms: 'instagram,facebook', accounts: 'a'.repeat(200), topic: 't'.repeat(200),
      purpose: long('p'), audience: 'u'.repeat(200), talkingPoints: long('“'), startDate: '2026-04-01', endDate: '2026-04-30',
    };
    const res = await press(bot, priya, form.card, 'Submit', values, at);
    const number = /Sent as (WP-\d{4}-\d{4})/.exec(cardText(res.card))![1]!;
    expect(Buffer.byteLength(JSON.stringify(res.card))).toBeGreaterThan(10_000);
    const { requests } = bot.app.services;
    for (let round = 0; round < 4; round++) {
      const asked = (await requests.find(number))!;
      expect((await requests.act(amara.aadId, asked.id, 'request-changes', { seenVersion: asked.version, comment: long('c') })).ok).toBe(true);
      const back = (await requests.find(number))!;
      expect((await requests.resubmit({ id: priya.aadId, name: priya.name }, back.id, back.version, { ...values, audience: `round ${round}` })).ok).toBe(true);
    }
    const view = (await requests.find(number))!;
    expect(view.version).toBe(9);
    const refreshed = await press(bot, amara, res.card, 'Refresh');
    expect(Buffer.byteLength(JSON.stringify(refreshed.card))).toBeLessThan(28 * 1024);
    expectValidCard(refreshed.card);
    expect(cardText(refreshed.card)).toContain('round 3');
    expect(buttons(refreshed.card)).toContain('Approve');
  });

  it('the CLI lists and shows requests, as text and JSON', async () => {
    const run = async (...argv: string[]) => {
      const lines: string[] = [];
      const code = await requestsCommand(bot.app.services, argv, (l) => lines.push(l));
      return { code, text: lines.join('\n'), lines };
    };
    const all = await run('requests', 'list');
    expect(all.code).toBe(0);
    expect(all.text).toMatch(/WP-2026-0001\s+awaiting-decision\s+logo-use/);
    const json = await run('requests', 'list', '--status', 'awaiting-decision', '--json');
    const parsed = JSON.parse(json.text);
    expect(parsed.every((r: any) => r.state === 'awaiting-decision')).toBe(true);
    expect(parsed[0]).toMatchObject({ number: expect.stringMatching(/^WP-2026-/), requester: { name: 'Priya Nair' } });
    expect((await run('requests', 'list', '--status', 'maybe')).code).toBe(2);
    expect((await run('requests', 'list', '--status=approved')).code).toBe(0);

    const shown = await run('requests', 'show', 'WP-2026-0001');
    expect(shown.code).toBe(0);
    expect(shown.text).toMatch(/WP-2026-0001\s+Awaiting decision/);
    expect(shown.text).toMatch(/History \(hash chain intact\)/);
    expect(shown.text).toMatch(/decision-card\s+delivered/);
    const shownJson = JSON.parse((await run('requests', 'show', 'wp-2026-0001', '--json')).text);
    expect(shownJson.chain).toBe('intact');
    expect((await run('requests', 'show', 'WP-1999-0001')).code).toBe(1);
    expect((await run('requests')).code).toBe(2);
  });

  it('npm run cli -- requests works on the compiled CLI against the same database', async () => {
    const { spawnSync } = await import('node:child_process');
    const { fromRoot } = await import('../../src/paths');
    const res = spawnSync(process.execPath, [fromRoot('dist', 'src', 'cli.js'), 'requests', 'list', '--json'], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: bot.databaseUrl },
      encoding: 'utf8',
    });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(JSON.parse(res.stdout).map((r: any) => r.number)).toContain('WP-2026-0001');
  });
});
