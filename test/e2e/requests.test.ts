import type { TestBot } from '../support/harness';
import { testDatabases } from '../support/databases';
import {
  A, amara, andre, buttons, cardActions, cardOf, cardPostedTo, cardText, chatsOf, claire, COMMS_CHANNEL, daniel, liam, logoValues, openForm, press, priya, putsTo, startRequestBot, submitLogoRequest, TestClock,
} from './requests-helpers';

describe.each(testDatabases())('permission requests: the main flow ($name)', (database) => {
  let bot: TestBot;
  const clock = new TestClock();
  beforeAll(async () => {
    bot = await startRequestBot({ databaseUrl: database.fresh(), now: clock.now });
  });
  afterAll(async () => {
    await bot?.close();
    await database.cleanup();
  });

  it('a teacher asks to use the school logo, the principal approves from the card, every copy updates and the teacher gets written permission', async () => {
    const { form, res, requestId } = await submitLogoRequest(bot, priya);
    expect(form.card.actions.map((a: any) => a.type)).toEqual(['Action.Execute', 'Action.Execute']);
    expect(res.status).toBe(200);
    expect(cardText(res.card)).toMatch(/Sent as WP-2026-0001 to Amara Okafor and Daniel Tremblay/);
    expect(cardText(res.card)).toContain('Awaiting decision');
    expect(buttons(res.card)).toEqual(['Withdraw']);
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    // The principal and the designate each get the card 1:1, proactively.
    const toAmara = await cardPostedTo(bot, amara, /WP-2026-0001/);
    const toDaniel = await cardPostedTo(bot, daniel, /WP-2026-0001/);
    for (const card of [cardOf(toAmara), cardOf(toDaniel)]) {
      expect(buttons(card)).toEqual(['Approve', 'Decline', 'Request changes', 'Escalate to Communications']);
      expect(cardText(card)).toContain('Priya Nair');
      expect(cardText(card)).toContain('Maple Grove Public School');
      expect(card.refresh.action).toMatchObject({ type: 'Action.Execute', verb: 'request.refresh', data: { requestId } });
      // Only people who have chatted with the bot have a known Teams id; the principal and designate have not yet.
      expect(card.refresh.userIds).toEqual([`29:${priya.aadId}`]);
    }
    expect(bot.connector.conversations.map((c) => c.params.members[0].id).sort()).toEqual([amara.aadId, daniel.aadId].sort());

    const approved = await press(bot, amara, cardOf(toAmara), 'Approve', { conditions: 'No student faces', validUntil: '2026-06-30' }, { conversationId: toAmara.conversationId, activityId: toAmara.id });
    expect(cardText(approved.card)).toMatch(/You approved WP-2026-0001/);
    expect(cardText(approved.card)).toContain('Approved');
    expect(buttons(approved.card)).toEqual([]);

    // The teacher receives the written permission: number, who and when, conditions, validity.
    const permission = await cardPostedTo(bot, priya, /Written permission WP-2026-0001/);
    const text = cardText(cardOf(permission));
    expect(text).toContain('Amara Okafor');
    expect(text).toContain('No student faces');
    expect(text).toMatch(/From March 10, 2026 until June 30, 2026/);

    // Every copy shows the final state: the designate's, the requester's form (answered in place), the principal's.
    const putDaniel = await bot.connector.waitFor(() => putsTo(bot, toDaniel.conversationId, toDaniel.id)[0], 10_000, "the designate's copy updated");
    const putPriya = await bot.connector.waitFor(() => putsTo(bot, A.personalConversationId(priya), form.activityId)[0], 10_000, "the requester's copy updated");
    await bot.connector.waitFor(() => putsTo(bot, toAmara.conversationId, toAmara.id)[0], 10_000, "the principal's copy updated");
    expect(cardText(cardOf(putDaniel))).toContain('Approved');
    expect(buttons(cardOf(putDaniel))).toEqual([]);
    expect(cardText(cardOf(putPriya))).toMatch(/\*\*Approved\*\*: Amara Okafor/);

    // Nothing was logged of what anyone typed.
    expect(JSON.stringify(bot.logs)).not.toContain('SECRET-PURPOSE-TEXT');
    expect(JSON.stringify(bot.logs)).not.toContain('No student faces');
    // The requester's unit is remembered for the next form.
    const next = await openForm(bot, priya, 'request logo');
    expect(next.card.body.find((e: any) => e.id === 'unitId').value).toBe('maple-grove');
    expect(chatsOf(bot, priya)).toHaveLength(1);
  });
});

/** The request number from the in-place answer to a submission. */
function numberOf(card: any): string {
  const m = /(?:Sent|Resubmitted) as (WP-\d{4}-\d{4})/.exec(cardText(card));
  if (!m) throw new Error(`no request number on the card:\n${cardText(card)}`);
  return m[1]!;
}

describe.each(testDatabases())('permission requests: the awkward paths ($name)', (database) => {
  let bot: TestBot;
  const clock = new TestClock();
  beforeAll(async () => {
    bot = await startRequestBot({ databaseUrl: database.fresh(), now: clock.now });
  });
  afterAll(async () => {
    // Nothing anyone typed reaches the logs: ids, kinds and states only.
    const logged = JSON.stringify(bot?.logs ?? []);
    for (const typed of ['SECRET-PURPOSE-TEXT', 'Use the new crest', 'Attach the poster mock-up', 'Only the concert poster', 'Principal’s conditions', 'sneaky']) expect(logged).not.toContain(typed);
    await bot?.close();
    await database.cleanup();
  });

  const stateOf = async (requestId: string) => {
    const view = await bot.app.services.requests.view(requestId);
    return { state: view!.request.state, version: view!.request.version, events: view!.events.map((e) => e.action) };
  };
  const decisionCard = async (user: typeof amara, number: string) => cardPostedTo(bot, user, new RegExp(number));

  it('a decline needs a reason: without one nothing changes and what was typed stays; with one the teacher is told', async () => {
    const { res, requestId } = await submitLogoRequest(bot);
    const number = numberOf(res.card);
    const toAmara = await decisionCard(amara, number);
    const at = { conversationId: toAmara.conversationId, activityId: toAmara.id };

    const refused = await press(bot, amara, cardOf(toAmara), 'Decline', { comment: '   ', conditions: 'kept as typed' }, at);
    expect(cardText(refused.card)).toMatch(/Give a reason for declining.*Nothing was changed yet/);
    expect(refused.card.body.flatMap((e: any) => e.items ?? []).find((e: any) => e.id === 'conditions').value).toBe('kept as typed');
    expect(buttons(refused.card)).toContain('Decline');
    expect(await stateOf(requestId)).toEqual({ state: 'awaiting-decision', version: 1, events: ['submit'] });

    const declined = await press(bot, amara, cardOf(toAmara), 'Decline', { comment: 'Use the new crest from the board style guide' }, at);
    expect(cardText(declined.card)).toMatch(/You declined/);
    const notice = await cardPostedTo(bot, priya, new RegExp(`Declined by Amara Okafor[\\s\\S]*${number}|${number}[\\s\\S]*Declined by Amara Okafor`));
    expect(cardText(cardOf(notice))).toContain('Use the new crest from the board style guide');
    expect(await stateOf(requestId)).toMatchObject({ state: 'declined', events: ['submit', 'decline'] });
  });

  it('changes requested, then edited and resubmitted: the history keeps every step and the deciders get the new version', async () => {
    const { res, requestId } = await submitLogoRequest(bot);
    const number = numberOf(res.card);
    const toAmara = await decisionCard(amara, number);
    await press(bot, amara, cardOf(toAmara), 'Request changes', { comment: 'Attach the poster mock-up with the date on it' }, { conversationId: toAmara.conversationId, activityId: toAmara.id });

    const notice = await cardPostedTo(bot, priya, new RegExp(`Changes requested by Amara Okafor`));
    expect(buttons(cardOf(notice))).toEqual(['Edit and resubmit', 'Withdraw']);
    const at = { conversationId: notice.conversationId, activityId: notice.id };
    const form = await press(bot, priya, cardOf(notice), 'Edit and resubmit', {}, at);
    expect(form.card.body.find((e: any) => e.id === 'where').value).toBe(logoValues().where);
    expect(buttons(form.card)).toEqual(['Resubmit', 'Cancel']);

    const cardsToAmaraBefore = (await bot.connector.waitFor(() => true, 10)) && bot.connector.activities.filter((a) => a.conversationId === toAmara.conversationId && a.method === 'POST').length;
    const resubmitted = await press(bot, priya, form.card, 'Resubmit', { ...logoValues(), where: 'Only the concert poster' }, at);
    expect(cardText(resubmitted.card)).toMatch(new RegExp(`Resubmitted as ${number}`));
    expect(cardText(resubmitted.card)).toContain('Only the concert poster');
    expect(cardText(resubmitted.card)).toMatch(/Submitted[\s\S]*Asked for changes[\s\S]*Attach the poster mock-up[\s\S]*Resubmitted with changes/);
    await bot.connector.waitFor(() => bot.connector.activities.filter((a) => a.conversationId === toAmara.conversationId && a.method === 'POST').length > cardsToAmaraBefore, 10_000, 'a new card for the principal');

    const view = await bot.app.services.requests.view(requestId);
    expect(view!.request).toMatchObject({ state: 'awaiting-decision', version: 3 });
    expect(view!.events.map((e) => e.action)).toEqual(['submit', 'request-changes', 'resubmit']);
    expect(view!.events[2]!.data).toMatchObject({ changed: ['where'], previousValues: expect.objectContaining({ where: logoValues().where }) });

    // The principal's first card is now stale: pressing Approve on it shows the current request instead.
    const stale = await press(bot, amara, cardOf(toAmara), 'Approve', {}, { conversationId: toAmara.conversationId, activityId: toAmara.id });
    expect(cardText(stale.card)).toMatch(/This card is out of date: the request is awaiting a decision/);
    expect(cardText(stale.card)).toContain('Only the concert poster');
    expect(cardActions(stale.card).find((a) => a.title === 'Approve')!.data.version).toBe(3);
    expect((await stateOf(requestId)).version).toBe(3);
  });

  it('escalated to Communications: the channel gets the card, the principal can no longer decide, a Communications member does', async () => {
    const { res, requestId } = await submitLogoRequest(bot);
    const number = numberOf(res.card);
    const toAmara = await decisionCard(amara, number);
    const toDaniel = await decisionCard(daniel, number);
    const escalated = await press(bot, amara, cardOf(toAmara), 'Escalate to Communications', { comment: 'The board logo may be involved' }, { conversationId: toAmara.conversationId, activityId: toAmara.id });
    expect(cardText(escalated.card)).toMatch(/You escalated/);
    expect(buttons(escalated.card)).toEqual([]);

    const channelThread = await bot.connector.waitFor(() => bot.connector.conversations.find((c) => c.params.channelData?.channel?.id === COMMS_CHANNEL && c.params.activity && cardText(c.params.activity.attachments[0].content).includes(number)), 10_000, 'the channel post');
    expect(channelThread.params.isGroup).toBe(true);
    const channelCard = channelThread.params.activity.attachments[0].content;
    expect(buttons(channelCard)).toEqual(['Approve', 'Decline', 'Request changes']);

    // The designate's old card no longer lets him decide.
    const late = await press(bot, daniel, cardOf(toDaniel), 'Approve', {}, { conversationId: toDaniel.conversationId, activityId: toDaniel.id });
    expect(cardText(late.card)).toMatch(/out of date/);
    expect(buttons(late.card)).toEqual([]);

    const channelAt = { conversationId: channelThread.id, activityId: bot.connector.sentTo(channelThread.id)[0]!.id, conversationType: 'channel' as const };
    // In the shared channel, someone outside Communications is told privately and the card stays as it is.
    const outsider = await press(bot, daniel, channelCard, 'Approve', {}, channelAt);
    expect(outsider.card).toBeUndefined();
    expect(outsider.message).toMatch(/Only Communications can decide this request\. Nothing was changed\./);
    const decided = await press(bot, claire, channelCard, 'Approve', { conditions: 'Use the school crest only' }, channelAt);
    expect(cardText(decided.card)).toMatch(/Claire Donovan: approved WP-2026-\d+\. Priya Nair receives the written permission\./);
    expect(buttons(decided.card)).toEqual([]);
    // A second member of Communications pressing the old channel card sees who decided, on the shared card.
    const second = await press(bot, andre, channelCard, 'Decline', { comment: 'No' }, channelAt);
    expect(cardText(second.card)).toMatch(/This request has already been approved\. Claire Donovan: approved on/);
    await cardPostedTo(bot, priya, new RegExp(`Written permission ${number}`));
    const channelPut = await bot.connector.waitFor(() => putsTo(bot, channelThread.id)[0], 10_000, 'the channel copy updated');
    expect(cardText(cardOf(channelPut))).toContain('Approved');
    expect(await stateOf(requestId)).toMatchObject({ state: 'approved', events: ['submit', 'escalate', 'approve'] });
  });

  it('two approvers at once: exactly one decision wins and the other sees who decided and when', async () => {
    const { res, requestId } = await submitLogoRequest(bot);
    const number = numberOf(res.card);
    const [toAmara, toDaniel] = await Promise.all([decisionCard(amara, number), decisionCard(daniel, number)]);
    const [a, d] = await Promise.all([
      press(bot, amara, cardOf(toAmara), 'Approve', { conditions: 'Principal’s conditions' }, { conversationId: toAmara.conversationId, activityId: toAmara.id }),
      press(bot, daniel, cardOf(toDaniel), 'Approve', { conditions: 'Designate’s conditions' }, { conversationId: toDaniel.conversationId, activityId: toDaniel.id }),
    ]);
    const texts = [cardText(a.card), cardText(d.card)];
    const winners = texts.filter((t) => /You approved/.test(t));
    const losers = texts.filter((t) => /This request has already been approved\. (Amara Okafor|Daniel Tremblay): approved on Mar \d+, 2026/.test(t));
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const after = await stateOf(requestId);
    expect(after).toMatchObject({ state: 'approved', version: 2, events: ['submit', 'approve'] });
    await cardPostedTo(bot, priya, new RegExp(`Written permission ${number}`));
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.connector.activities.filter((x) => cardOf(x) && new RegExp(`Written permission ${number}`).test(cardText(cardOf(x))))).toHaveLength(1);
  });

  it('the same invoke twice (a Teams retry) changes nothing the second time and answers with the current card', async () => {
    const { res, requestId } = await submitLogoRequest(bot);
    const number = numberOf(res.card);
    const toAmara = await decisionCard(amara, number);
    const at = { conversationId: toAmara.conversationId, activityId: toAmara.id };
    const first = await press(bot, amara, cardOf(toAmara), 'Approve', { conditions: 'Once only' }, at);
    const again = await press(bot, amara, cardOf(toAmara), 'Approve', { conditions: 'Once only' }, at);
    expect(cardText(first.card)).toMatch(/You approved/);
    expect(cardText(again.card)).toMatch(/You approved .*\(already recorded\)/);
    expect(await stateOf(requestId)).toMatchObject({ state: 'approved', version: 2, events: ['submit', 'approve'] });
    await cardPostedTo(bot, priya, new RegExp(`Written permission ${number}`));
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.connector.activities.filter((x) => cardOf(x) && new RegExp(`Written permission ${number}`).test(cardText(cardOf(x))))).toHaveLength(1);

    // A retried submission makes no second request either.
    const form = await openForm(bot, priya);
    const at2 = { conversationId: A.personalConversationId(priya), activityId: form.activityId };
    const [s1, s2] = await Promise.all([press(bot, priya, form.card, 'Submit', logoValues(), at2), press(bot, priya, form.card, 'Submit', logoValues(), at2)]);
    expect(numberOf(s1.card)).toBe(numberOf(s2.card));
  });

  it('a forwarded card: someone else pressing Approve is refused, sees no details, and nothing changes', async () => {
    const { res, requestId } = await submitLogoRequest(bot);
    const number = numberOf(res.card);
    const toAmara = await decisionCard(amara, number);
    const forwarded = await press(bot, liam, cardOf(toAmara), 'Approve', { conditions: 'sneaky' });
    // A message, not a card: nothing of the request (not even whose it is) reaches someone who may not see it.
    expect(forwarded.card).toBeUndefined();
    expect(forwarded.message).toMatch(/not yours to see\. Nothing was changed\./);
    expect(JSON.stringify(forwarded.body)).not.toMatch(/SECRET-PURPOSE-TEXT|Priya Nair/);
    // Nor may the requester approve her own request.
    const own = await press(bot, priya, cardOf(toAmara), 'Approve');
    expect(cardText(own.card)).toMatch(/Nobody decides their own request/);
    expect(await stateOf(requestId)).toEqual({ state: 'awaiting-decision', version: 1, events: ['submit'] });

    // Each viewer's refresh gives their own view.
    const refreshed = async (user: typeof amara) => (await press(bot, user, cardOf(toAmara), 'Refresh')).card;
    expect(buttons(await refreshed(amara))).toEqual(['Approve', 'Decline', 'Request changes', 'Escalate to Communications']);
    expect(buttons(await refreshed(priya))).toEqual(['Withdraw']);
    expect(await refreshed(liam)).toBeUndefined();
  });

  it('the requester withdraws: every copy shows it and the deciders can no longer act', async () => {
    const { res, requestId } = await submitLogoRequest(bot);
    const number = numberOf(res.card);
    const toAmara = await decisionCard(amara, number);
    const withdrawn = await press(bot, priya, res.card, 'Withdraw');
    expect(cardText(withdrawn.card)).toMatch(/You withdrew/);
    const put = await bot.connector.waitFor(() => putsTo(bot, toAmara.conversationId, toAmara.id).find((p) => cardText(cardOf(p)).includes('Withdrawn')), 10_000, "the principal's copy updated");
    expect(buttons(cardOf(put))).toEqual([]);
    const late = await press(bot, amara, cardOf(toAmara), 'Approve');
    expect(cardText(late.card)).toMatch(/already been withdrawn/);
    expect((await stateOf(requestId)).state).toBe('withdrawn');
  });

  it('a bad submission comes back in place as the same form, everything typed still in it and each error beside its field; nothing is stored', async () => {
    const before = (await bot.app.services.requests.store.list({})).length;
    const outboxBefore = (await bot.app.services.outbox.list()).length;
    const form = await openForm(bot, priya);
    const long = 'y'.repeat(2500);
    const res = await press(bot, priya, form.card, 'Submit', logoValues({ where: '', purpose: long, mockupUrl: 'http://not-secure.example', startDate: '2026-02-30' }), {
      conversationId: A.personalConversationId(priya),
      activityId: form.activityId,
    });
    const body: any[] = res.card.body;
    const valueOf = (id: string) => body.find((e) => e.id === id).value;
    const errorAfter = (id: string) => {
      const i = body.findIndex((e) => e.id === id);
      const next = body[i + 1];
      return next?.color === 'attention' ? next.text : undefined;
    };
    expect(valueOf('purpose')).toBe(long);
    expect(valueOf('mockupUrl')).toBe('http://not-secure.example');
    expect(valueOf('unitId')).toBe('maple-grove');
    expect(errorAfter('where')).toBe('Say where the logo will appear.');
    expect(errorAfter('purpose')).toMatch(/2000 characters or fewer \(this is 2500\)/);
    expect(errorAfter('mockupUrl')).toMatch(/https:\/\//);
    expect(errorAfter('startDate')).toMatch(/use a date like/);
    expect(cardText(res.card)).toMatch(/Your request was not sent\. Please fix the 4 fields marked below\./);
    expect((await bot.app.services.requests.store.list({})).length).toBe(before);
    expect((await bot.app.services.outbox.list()).length).toBe(outboxBefore);
  });

  it('survives a restart in the middle of a flow: queued cards and the written permission still arrive, once', async () => {
    const { res, requestId } = await submitLogoRequest(bot);
    const number = numberOf(res.card);
    await bot.restart();
    const toAmara = await decisionCard(amara, number);
    await press(bot, amara, cardOf(toAmara), 'Approve', {}, { conversationId: toAmara.conversationId, activityId: toAmara.id });
    await bot.restart();
    await cardPostedTo(bot, priya, new RegExp(`Written permission ${number}`));
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.connector.activities.filter((x) => cardOf(x) && new RegExp(`Written permission ${number}`).test(cardText(cardOf(x))))).toHaveLength(1);
    expect((await stateOf(requestId)).state).toBe('approved');
  });
});
