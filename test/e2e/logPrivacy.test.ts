import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestBot } from '../support/harness';
import { testDatabases } from '../support/databases';
import { inputValue } from '../support/cardCheck';
import { ConnectorStandIn } from '../support/connector';
import { freePort } from '../support/browser';
import { samplePerson, TestUser } from '../support/people';
import { TabSignIn } from '../support/tabSignIn';
import { runCompiledBot, waitUntilReady } from '../support/compiledBot';
import {
  A, amara, cardActions, cardOf, cardPostedTo, cardText, claire, COMMS_CHANNEL, daniel, emily, execute, liam, openForm, postsTo, press, priya, startRequestBot, TestClock,
} from './requests-helpers';

/**
 * The product rule: logs never hold what people typed. Not a draft post, not
 * a request's free-text fields, not a question, not Communications' answer,
 * not a decision's comment or conditions, not a misuse report, not a crisis
 * public line. Callers log ids, kinds and lengths only (src/log.ts).
 *
 * One bot per database is driven through every flow a person can type into,
 * each value carrying its own canary (CANARY-<flow>-<random>) inside realistic
 * text. Each flow is checked from the person's side (the card or message they
 * see) and from the log's side (its own log lines are there, so the scan below
 * is not vacuous). Then every log line, at every level, is scanned whole for
 * every canary and for any 20-character stretch of any typed text, so a log
 * call that keeps part of the text (a truncated preview, an error message that
 * quotes the input) is caught too. A last test runs the compiled bot as a
 * process and scans its raw stdout and stderr, which is what production keeps.
 */

/** A stretch of typed text this long found in a log line is a leak. */
const WINDOW = 20;

interface Typed {
  flow: string;
  field: string;
  canary: string;
  text: string;
}

interface Leak {
  msg: unknown;
  level: unknown;
  /** Where in the log line it was: a JSON path, or a field's name. */
  field: string;
  /** Whose typed text it was. */
  flow: string;
  typedField: string;
  found: string;
}

/** Case and runs of whitespace do not hide a leak (a logged value may be lower-cased or re-spaced). */
const norm = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ');

/** What people typed in one run, each value with its own canary. */
class Typing {
  readonly all: Typed[] = [];

  /** A value typed in `flow`'s `field`: `make` builds realistic text around a fresh canary. */
  text(flow: string, field: string, make: (canary: string) => string): string {
    const canary = `CANARY-${flow}-${randomBytes(4).toString('hex')}`;
    return this.add(flow, field, canary, make(canary));
  }

  /** Another value typed by someone that repeats part of an earlier one (a search for it), with that canary. */
  again(flow: string, field: string, text: string): string {
    const canary = this.all.find((t) => text.includes(t.canary))?.canary;
    if (!canary) throw new Error(`"${text}" carries no canary typed earlier`);
    return this.add(flow, field, canary, text);
  }

  private add(flow: string, field: string, canary: string, text: string): string {
    if (!text.includes(canary) || norm(text).trim().length < WINDOW) throw new Error(`typed text for ${flow}.${field} must hold its canary and be at least ${WINDOW} characters`);
    this.all.push({ flow, field, canary, text });
    return text;
  }
}

/** Every string in a log line, keys included, with where it sits. */
function eachString(value: unknown, at: string, visit: (field: string, s: string) => void): void {
  if (typeof value === 'string') visit(at || '(the line)', value);
  else if (Array.isArray(value)) value.forEach((v, i) => eachString(v, `${at}[${i}]`, visit));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const field = at ? `${at}.${key}` : key;
      visit(`${field} (the field's name)`, key);
      eachString(v, field, visit);
    }
  }
}

/** The log lines holding a canary or any WINDOW-character stretch of anything typed. */
function leaksIn(lines: readonly unknown[], typed: readonly Typed[]): Leak[] {
  const windows = new Map<string, Typed>();
  for (const t of typed) {
    const n = norm(t.text).trim();
    for (let i = 0; i + WINDOW <= n.length; i++) if (!windows.has(n.slice(i, i + WINDOW))) windows.set(n.slice(i, i + WINDOW), t);
  }
  const leaks: Leak[] = [];
  for (const line of lines) {
    const { msg, level } = (line && typeof line === 'object' ? line : {}) as { msg?: unknown; level?: unknown };
    eachString(line, '', (field, s) => {
      const n = norm(s);
      const canary = typed.find((t) => n.includes(norm(t.canary)));
      if (canary) return void leaks.push({ msg, level, field, flow: canary.flow, typedField: canary.field, found: canary.canary });
      for (let i = 0; i + WINDOW <= n.length; i++) {
        const hit = windows.get(n.slice(i, i + WINDOW));
        if (hit) return void leaks.push({ msg, level, field, flow: hit.flow, typedField: hit.field, found: n.slice(i, i + WINDOW) });
      }
      // A canary cut short, or one from a value this scan was not told about.
      if (n.includes('canary-')) leaks.push({ msg, level, field, flow: '?', typedField: '?', found: s.slice(0, 120) });
    });
  }
  return leaks;
}

/** A log line as a careless log call would write it: part of the typed text, without its canary, re-cased. */
function carelessLine(t: Typed): unknown {
  const rest = t.text.split(t.canary).sort((a, b) => b.length - a.length)[0]!;
  const part = rest.trim().length >= WINDOW + 4 ? rest.trim().slice(2, WINDOW + 4) : t.canary;
  return { level: 50, msg: 'probe', err: { message: `failed on "${part.toUpperCase()}"` } };
}

/** Log lines as parsed JSON; a line that is not JSON (a crash, a warning) is kept as text. */
function parseOutput(output: string): unknown[] {
  return output
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      try {
        return JSON.parse(l) as unknown;
      } catch {
        return { msg: '(not JSON)', text: l };
      }
    });
}

const marcus = samplePerson('marcus.leclerc'); // teacher, Maple Grove: the failing turns
const sofia = samplePerson('sofia.haddad'); // teacher, Maple Grove: advisor of a school account, reports misuse

describe.each(testDatabases())('logs of a full run hold nothing anyone typed ($name)', (database) => {
  let bot: TestBot;
  let keys: TabSignIn;
  const clock = new TestClock();
  const typing = new Typing();
  const typed = typing.text.bind(typing);

  beforeAll(async () => {
    keys = new TabSignIn();
    await keys.start();
    bot = await startRequestBot({ databaseUrl: database.fresh(), now: clock.now, env: keys.env() });
  });
  afterAll(async () => {
    await bot?.close();
    await keys?.stop();
    await database.cleanup();
  });

  /** The log lines written since `mark` (bot.logs.length before a flow). */
  const since = (mark: number) => bot.logs.slice(mark);
  const expectLogged = (mark: number, ...lines: Array<Record<string, unknown>>) => {
    for (const line of lines) expect(since(mark)).toContainEqual(expect.objectContaining(line));
  };

  /** Sends a message and returns the bot's reply to it (background deliveries to the same chat are not replies). */
  async function say(who: TestUser, text: string) {
    const activity = A.message(who, bot.connector.url, text);
    const res = await bot.post(activity);
    expect(res.status).toBe(200);
    return (await bot.connector.waitFor(() => bot.connector.sentTo(A.personalConversationId(who)).find((a) => a.method === 'POST' && a.targetId === activity.id), 10_000, `a reply to "${text.slice(0, 40)}"`)).activity;
  }

  /** The card posted in Communications' channel whose text includes `text`, and where it is. */
  function channelPost(text: string) {
    return bot.connector.waitFor(
      () => {
        for (const c of bot.connector.conversations.filter((x) => x.params.channelData?.channel?.id === COMMS_CHANNEL)) {
          const first = bot.connector.sentTo(c.id)[0];
          const card = (first?.activity ?? c.params.activity)?.attachments?.[0]?.content;
          if (card && cardText(card).includes(text)) return { card, at: { conversationId: c.id, activityId: first?.id ?? c.id, conversationType: 'channel' as const } };
        }
        return undefined;
      },
      10_000,
      `a card in Communications' channel with "${text.slice(0, 40)}"`,
    );
  }

  /** The oversight tab's API, signed in as `who` through Teams SSO. */
  async function tab(who: TestUser, method: string, p: string, body?: unknown) {
    const res = await fetch(`${bot.url}${p}`, {
      method,
      headers: { authorization: `Bearer ${keys.token(who, { now: clock.now() })}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  }

  const numberOf = (card: any): string => {
    const m = /(?:Sent|Resubmitted) as (WP-\d{4}-\d{4})/.exec(cardText(card));
    if (!m) throw new Error(`no request number on the card:\n${cardText(card)}`);
    return m[1]!;
  };
  const at = (a: { conversationId: string; id: string }) => ({ conversationId: a.conversationId, activityId: a.id });
  /** A refusal to someone who may not see the target carries none of these (what was typed, who is involved). */
  const expectNothingOf = (body: unknown, ...texts: string[]) => {
    const shown = JSON.stringify(body);
    expect(texts.filter((t) => shown.includes(t))).toEqual([]);
  };

  it('a turn that fails while carrying typed text: an apology with a reference, and the failure logged', async () => {
    // 403 is not retried by the connector client, so the reply really fails (as in foundation.test.ts).
    // Nothing else talks to the connector yet (no requests, so no background deliveries).
    const question = typed('failed-question', 'text', (c) => `Can I post the ${c} field day photos on my personal Facebook if faces are blurred?`);
    let mark = bot.logs.length;
    bot.connector.failNext({ status: 403 });
    const apology = await say(marcus, question);
    expect(apology.text).toMatch(/something went wrong.*reference to support: \w+/s);
    const reference = /reference to support: (\w+)/.exec(apology.text)![1];
    expectLogged(mark, { msg: 'question answered' }, { msg: 'turn failed', correlationId: reference });

    const draft = typed('failed-check', 'draft', (c) => `So proud of our ${c} Grade 6 choir! Text me at 613-555-0199 for the concert recording.`);
    mark = bot.logs.length;
    bot.connector.failNext({ status: 403 });
    const second = await say(marcus, `check ${draft}`);
    const secondReference = /reference to support: (\w+)/.exec(second.text)?.[1];
    expect(secondReference).toBeDefined();
    expectLogged(mark, { msg: 'draft checked' }, { msg: 'turn failed', correlationId: secondReference });
  });

  it('refused activities and buttons from old cards, carrying typed text', async () => {
    const mark = bot.logs.length;
    // A malformed activity (no conversation) still carries what the person wrote.
    const words = typed('malformed', 'text', (c) => `Is it fine to post ${c} the staff barbecue photos on the school page?`);
    const malformed = await bot.post({ ...A.message(marcus, bot.connector.url, words), conversation: undefined });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatch(/conversation/);
    // A body cut short on the way (a proxy, a dropped connection): not JSON, and it holds the text.
    const cut = typed('cut-short', 'text', (c) => `Can I share ${c} the science fair winners list with the local paper?`);
    const cutShort = await bot.post(JSON.stringify(A.message(marcus, bot.connector.url, cut)).slice(0, -40));
    expect(cutShort.status).toBe(400);

    // A card from an older version of the bot: its inputs arrive with a verb nobody handles.
    const draft = typed('old-submit', 'draft', (c) => `Congratulations to the ${c} debate team on winning regionals this weekend!`);
    const oldSubmit = A.submit(marcus, bot.connector.url, { verb: 'check.retired', draft, account: 'school' });
    await bot.post(oldSubmit);
    const reply = await bot.connector.waitFor(() => bot.connector.sentTo(A.personalConversationId(marcus)).find((a) => a.targetId === oldSubmit.id), 10_000, 'the reply to an old card');
    expect(reply.activity.text).toMatch(/card I no longer understand/);
    const comment = typed('old-execute', 'comment', (c) => `Please use the ${c} older crest for this one, it matches the banner.`);
    const oldExecute = await bot.post(A.execute(marcus, bot.connector.url, 'request.retired', { requestId: 'x', comment }));
    expect(oldExecute.body.value).toMatch(/card I no longer understand/);

    expectLogged(mark, { msg: 'malformed activity refused' }, { msg: 'unknown card verb', verb: 'check.retired' }, { msg: 'unknown or anonymous card action', verb: 'request.retired' });
  });

  it('a question, sent to Communications, answered by Communications from its card', async () => {
    const mark = bot.logs.length;
    const question = typed('question', 'text', (c) => `My cousin runs the ${c} bakery page; can I share our bake sale poster there with the school logo?`);
    const answer = (await say(emily, question)).attachments[0].content;
    expect(cardText(answer)).toContain(`You asked: ${question}`);
    const ask = cardActions(answer).find((a) => a.verb === 'question.askCommunications')!;
    const questionId = ask.data.questionId;
    expectLogged(mark, { msg: 'question answered', questionId });

    // Before Emily sends it, her question is hers alone: Communications answering it is refused, blind.
    const early = await execute(bot, claire, 'question.answer', { questionId, version: 1, answer: 'Fine by us.' });
    expect(early.message).toMatch(/not sent to Communications/);
    expectNothingOf(early.body, question, 'Emily Sanderson');

    const sent = await press(bot, emily, answer, ask.title);
    expect(cardText(sent.card)).toMatch(/Sent to Communications on .*Their answer will come to your chat/);
    expectLogged(mark, { msg: 'question sent to Communications', questionId });
    const post = await channelPost(question);
    expect(cardText(post.card)).toContain('Emily Sanderson asked');

    // Someone outside Communications types an answer: refused in a message, so the card (and what
    // they typed in its box) stays as it was, and the refusal shows nothing of the question.
    const refusedText = typed('answer-refused', 'answer', (c) => `Sure, that is fine as long as ${c} the poster has no student names.`);
    const refused = await press(bot, priya, post.card, 'Send answer', { answer: refusedText }, post.at);
    expect(refused.card).toBeUndefined();
    expect(refused.message).toMatch(/Only members of Communications can answer/);
    expectNothingOf(refused.body, question, 'Emily Sanderson');
    // The same with Emily's question id sent from Priya's own chat, as anyone who saw or guessed it could.
    const forged = await execute(bot, priya, 'question.answer', { questionId, version: 1, answer: refusedText });
    expect(forged.message).toMatch(/Only members of Communications can answer/);
    expectNothingOf(forged.body, question, 'Emily Sanderson');
    for (const verb of ['question.askCommunications', 'question.helpful']) expectNothingOf((await execute(bot, priya, verb, { questionId, helpful: true })).body, question, 'Emily Sanderson');

    const reply = typed('comms-answer', 'answer', (c) => `Please don't put the logo on a business page ${c}; share the poster without it (4.13).`);
    const answered = await press(bot, claire, post.card, 'Send answer', { answer: reply }, post.at);
    expect(cardText(answered.card)).toMatch(/Answered by Claire Donovan/);
    expect(cardText(cardOf(await cardPostedTo(bot, emily, /Communications answered your question/)))).toContain(reply);
    expectLogged(mark, { msg: 'Communications answered a question', questionId });
  });

  it('a draft checked by message, by card (refused as too long; a request started from it), and by the message extension', async () => {
    let mark = bot.logs.length;
    const byMessage = typed('check-message', 'draft', (c) => `Great game today team! ${c} Any questions, DM me on Snapchat: coach.k23`);
    const checked = await say(liam, `check ${byMessage}`);
    const card = checked.attachments[0].content;
    expect(cardText(card)).toContain('Not allowed as written');
    expect(inputValue(card, 'draft')).toBe(byMessage);
    expectLogged(mark, { msg: 'draft checked', chars: byMessage.length });

    mark = bot.logs.length;
    const byCard = typed('check-card', 'draft', (c) => `Reminder: email me ${c} at j.smith@gmail.com with questions about the field trip form.`);
    const run = await bot.post(A.execute(liam, bot.connector.url, 'check.run', { draft: byCard, account: 'school' }));
    expect(cardText(run.body.value)).toContain('Suggested version without the personal information');
    expect(inputValue(run.body.value, 'draft')).toBe(byCard);
    expectLogged(mark, { msg: 'draft checked', chars: byCard.length });
    // Too long: refused, the draft kept in the box (cut to the limit); nothing is checked, so nothing logged.
    const tooLong = typed('check-too-long', 'draft', (c) => `Spring concert recap ${c}: ${'what a night for our musicians and their families, '.repeat(110)}`);
    const refused = await bot.post(A.execute(liam, bot.connector.url, 'check.run', { draft: tooLong, account: 'school' }));
    expect(cardText(refused.body.value)).toMatch(/I check up to 5,000/);
    expect(inputValue(refused.body.value, 'draft')).toBe(tooLong.slice(0, 5000));
    // "Request permission" under a checked draft: the form comes pre-filled with the draft.
    const talkingPoints = typed('check-to-request', 'draft', (c) => `Come cheer on ${c} our Falcons at the city final this Saturday at 2 pm!`);
    const formsBefore = postsTo(bot, liam).length;
    await bot.post(A.submit(liam, bot.connector.url, { verb: 'request.new', kind: 'speak-on-behalf', draft: talkingPoints, account: 'school' }));
    await bot.connector.waitFor(() => postsTo(bot, liam).slice(formsBefore).map(cardOf).find((c) => c && inputValue(c, 'talkingPoints') === talkingPoints), 10_000, 'the form pre-filled from the draft');

    // "Check this post" on a message: Teams sends the message as HTML.
    mark = bot.logs.length;
    const shared = typed('extension', 'message', (c) => `Lockdown at Maple Grove today ${c}, police are on site until noon.`);
    const fetched = await bot.post(
      A.invoke(liam, bot.connector.url, 'composeExtension/fetchTask', {
        commandId: 'checkPost',
        commandContext: 'message',
        messagePayload: { body: { contentType: 'html', content: `<p>${shared.replace(', police', ',&nbsp;police')}</p>` } },
      }),
    );
    const form = fetched.body.task.value.card.content;
    expect(inputValue(form, 'draft')).toBe(shared);
    const dialog = (data: Record<string, unknown>) =>
      bot.post(A.invoke(liam, bot.connector.url, 'composeExtension/submitAction', { commandId: 'checkPost', commandContext: 'message', data: { draft: shared, account: 'school', ...data } }));
    const result = (await dialog({ verb: 'check.run' })).body.task.value.card.content;
    expect(cardText(result)).toContain('Ask Communications first');
    expect(inputValue(result, 'draft')).toBe(shared);
    expectLogged(mark, { msg: 'draft checked', chars: shared.length });
    // From the dialog: ask Communications, and start a logo request pre-filled with the draft.
    const toComms = (await dialog({ verb: 'check.askCommunications' })).body.task.value.card.content;
    expect(cardText(toComms)).toContain('I sent your draft to Communications');
    expect(cardText((await channelPost(shared)).card)).toMatch(/Is this OK to post on a school account\?/);
    expectLogged(mark, { msg: 'draft sent to Communications', chars: shared.length });
    const before = postsTo(bot, liam).length;
    const toForm = (await dialog({ verb: 'request.new', kind: 'logo-use' })).body.task.value.card.content;
    expect(cardText(toForm)).toContain('I sent a pre-filled request form to your chat with me.');
    const prefilled = await bot.connector.waitFor(() => postsTo(bot, liam).slice(before).map(cardOf).find((c) => c && inputValue(c, 'purpose') === shared), 10_000, 'the pre-filled form');
    expect(cardText(prefilled)).toMatch(/logo/i);
  });

  it('a draft sent to Communications from the check card, answered by Communications', async () => {
    const mark = bot.logs.length;
    const draft = typed('draft-to-comms', 'draft', (c) => `Our thoughts are with the family ${c} after this morning’s accident near the school.`);
    const asked = A.submit(liam, bot.connector.url, { verb: 'check.askCommunications', draft, account: 'school' });
    await bot.post(asked);
    const confirmation = cardOf(await bot.connector.waitFor(() => bot.connector.sentTo(A.personalConversationId(liam)).find((a) => a.targetId === asked.id), 10_000, 'the confirmation'));
    expect(cardText(confirmation)).toContain('I sent your draft to Communications');
    expect(inputValue(confirmation, 'draft')).toBe(draft);
    const questionId = since(mark).find((l) => l.msg === 'draft sent to Communications')?.questionId;
    expect(questionId).toEqual(expect.any(String));

    const post = await channelPost(draft);
    const reply = typed('comms-draft-answer', 'answer', (c) => `Please wait for the district's statement ${c} and share that instead of posting your own.`);
    const answered = await press(bot, claire, post.card, 'Send answer', { answer: reply }, post.at);
    expect(cardText(answered.card)).toMatch(/Answered by Claire Donovan/);
    await bot.connector.waitFor(() => postsTo(bot, liam).find((a) => cardOf(a) && cardText(cardOf(a)).includes(reply)), 10_000, 'the answer in the asker’s chat');
    expectLogged(mark, { msg: 'Communications answered a question', questionId });
  });

  it('a logo request: refused with a field too long, sent, changes asked, edited and resubmitted, approved with conditions', async () => {
    const mark = bot.logs.length;
    const form = await openForm(bot, priya, 'request logo');
    const formAt = { conversationId: A.personalConversationId(priya), activityId: form.activityId };
    const values = {
      logo: 'school',
      unitId: 'maple-grove',
      where: typed('logo', 'where', (c) => `Instagram @maplegroveps ${c} and the concert poster`),
      purpose: typed('logo', 'purpose', (c) => `Announce the spring concert ${c} to families, with the crest on the poster header.`),
      startDate: '2026-03-10',
      endDate: '',
      mockupUrl: typed('logo', 'mockupUrl', (c) => `https://drive.example/${c}/concert-poster-mockup.png`),
    };
    const tooLongWhere = typed('logo-refused', 'where', (c) => `Everywhere we post ${c}: ${'Instagram, Facebook, the newsletter, the hallway screens, '.repeat(5)}`);
    const refused = await press(bot, priya, form.card, 'Submit', { ...values, where: tooLongWhere }, formAt);
    expect(cardText(refused.card)).toMatch(/Your request was not sent/);
    expect(cardText(refused.card)).toMatch(/200 characters or fewer/);
    expect(inputValue(refused.card, 'where')).toBe(tooLongWhere);
    expect(inputValue(refused.card, 'purpose')).toBe(values.purpose);

    const sent = await press(bot, priya, form.card, 'Submit', values, formAt);
    const number = numberOf(sent.card);
    expect(cardText(sent.card)).toContain(values.where);
    expectLogged(mark, { msg: 'request submitted', number, kind: 'logo-use' });

    const toAmara = await cardPostedTo(bot, amara, new RegExp(number));
    const changes = typed('logo-changes', 'comment', (c) => `Attach the poster mock-up ${c} with the concert date on it, please.`);
    expect(cardText((await press(bot, amara, cardOf(toAmara), 'Request changes', { comment: changes }, at(toAmara))).card)).toMatch(/You asked for changes/);
    expectLogged(mark, { msg: 'request changed', number, action: 'request-changes' });

    const notice = await cardPostedTo(bot, priya, /Changes requested by Amara Okafor/);
    expect(cardText(cardOf(notice))).toContain(changes);
    const edit = await press(bot, priya, cardOf(notice), 'Edit and resubmit', {}, at(notice));
    expect(inputValue(edit.card, 'where')).toBe(values.where);
    const editedWhere = typed('logo-edit', 'where', (c) => `Only the concert poster ${c} in the front hall`);
    const resubmitted = await press(bot, priya, edit.card, 'Resubmit', { ...values, where: editedWhere }, at(notice));
    expect(cardText(resubmitted.card)).toMatch(new RegExp(`Resubmitted as ${number}`));
    expect(cardText(resubmitted.card)).toContain(editedWhere);
    expectLogged(mark, { msg: 'request changed', number, action: 'resubmit' });

    // Liam, a colleague who may not see Priya's request, presses its buttons on forwarded copies, in
    // his own chat and in a group chat (where a stale card used to be redrawn whole, for everyone):
    // each refusal shows nothing of the request, not what Priya typed and not who is involved.
    const groupChat = { conversationId: '19:staffroom@thread.v2', activityId: 'forwarded', conversationType: 'channel' as const };
    const presses: Array<[any, string, typeof groupChat | undefined]> = [
      [cardOf(toAmara), 'Approve', undefined],
      [cardOf(toAmara), 'Refresh', undefined],
      [cardOf(notice), 'Edit and resubmit', undefined],
      [cardOf(toAmara), 'Decline', groupChat],
      [edit.card, 'Resubmit', undefined],
    ];
    for (const [card, title, where] of presses) {
      const res = await press(bot, liam, card, title, { comment: 'Not for me to say.' }, where);
      expect({ title, status: res.status, message: res.message, card: res.card }).toEqual({ title, status: 200, message: expect.stringMatching(/not yours to see/), card: undefined });
      expectNothingOf(res.body, values.where, values.purpose, editedWhere, changes, 'Priya Nair', 'Amara Okafor', 'Daniel Tremblay');
    }

    // The principal's first card is out of date; its refresh shows the resubmitted request to decide.
    const current = (await press(bot, amara, cardOf(toAmara), 'Refresh')).card;
    const conditions = typed('logo-approve', 'conditions', (c) => `No student faces ${c}; use the 2024 crest files only`);
    const approved = await press(bot, amara, current, 'Approve', { conditions, validUntil: '2026-06-30' }, at(toAmara));
    expect(cardText(approved.card)).toMatch(new RegExp(`You approved ${number}`));
    expect(cardText(cardOf(await cardPostedTo(bot, priya, new RegExp(`Written permission ${number}`))))).toContain(conditions);
    expectLogged(mark, { msg: 'request changed', number, action: 'approve' });
  });

  it('a request to speak for the school, every text field filled: a decline refused without a reason, then declined', async () => {
    const mark = bot.logs.length;
    const form = await openForm(bot, priya, 'request to speak for the school');
    const values = {
      onBehalfOf: 'school',
      unitId: 'maple-grove',
      platforms: 'instagram,facebook',
      accounts: typed('speak', 'accounts', (c) => `@maplegroveps ${c} on Instagram and Facebook`),
      topic: typed('speak', 'topic', (c) => `Open house night ${c} for incoming Grade 1 families`),
      purpose: typed('speak', 'purpose', (c) => `Invite new families ${c} and explain the kindergarten registration steps.`),
      audience: typed('speak', 'audience', (c) => `Parents of children ${c} starting school next fall`),
      talkingPoints: typed('speak', 'talkingPoints', (c) => `Date and time, the gym entrance ${c}, childcare available, translators on site.`),
      startDate: '2026-04-01',
      endDate: '2026-04-30',
    };
    const sent = await press(bot, priya, form.card, 'Submit', values, { conversationId: A.personalConversationId(priya), activityId: form.activityId });
    const number = numberOf(sent.card);
    expectLogged(mark, { msg: 'request submitted', number, kind: 'speak-on-behalf' });

    const toAmara = await cardPostedTo(bot, amara, new RegExp(number));
    expect(cardText(cardOf(toAmara))).toContain(values.talkingPoints);
    const keptConditions = typed('speak-refused', 'conditions', (c) => `Only after the ${c} newsletter goes out on Friday`);
    const refused = await press(bot, amara, cardOf(toAmara), 'Decline', { comment: '   ', conditions: keptConditions }, at(toAmara));
    expect(cardText(refused.card)).toMatch(/Give a reason for declining.*Nothing was changed yet/);
    expect(inputValue(refused.card, 'conditions')).toBe(keptConditions);
    expectLogged(mark, { msg: 'request action refused', action: 'decline', reason: 'reason-required' });

    const reason = typed('speak-decline', 'comment', (c) => `The board's open house post ${c} already covers this; please share that one.`);
    expect(cardText((await press(bot, amara, cardOf(toAmara), 'Decline', { comment: reason }, at(toAmara))).card)).toMatch(/You declined/);
    expect(cardText(cardOf(await cardPostedTo(bot, priya, new RegExp(`Declined by Amara Okafor[\\s\\S]*${number}|${number}[\\s\\S]*Declined by Amara Okafor`))))).toContain(reason);
    expectLogged(mark, { msg: 'request changed', number, action: 'decline' });
  });

  it('a school account request, approved with conditions', async () => {
    const mark = bot.logs.length;
    const form = await openForm(bot, priya, 'request a school account');
    const values = {
      unitId: 'maple-grove',
      platform: 'instagram',
      accountName: typed('account', 'accountName', (c) => `@maplegrove_library_${c}`),
      purpose: typed('account', 'purpose', (c) => `Library news ${c}: new books, reading week and the author visit.`),
      advisorId: sofia.aadId,
      administratorIds: `${sofia.aadId},${marcus.aadId}`,
      createdWithGenericEmail: 'true',
    };
    const sent = await press(bot, priya, form.card, 'Submit', values, { conversationId: A.personalConversationId(priya), activityId: form.activityId });
    const number = numberOf(sent.card);
    expect(cardText(sent.card)).toContain(values.accountName);
    expectLogged(mark, { msg: 'request submitted', number, kind: 'school-account' });

    const toAmara = await cardPostedTo(bot, amara, new RegExp(number));
    const conditions = typed('account-approve', 'conditions', (c) => `Post twice a week at most ${c}; no student names in captions`);
    expect(cardText((await press(bot, amara, cardOf(toAmara), 'Approve', { conditions }, at(toAmara))).card)).toMatch(new RegExp(`You approved ${number}`));
    expect(cardText(cardOf(await cardPostedTo(bot, priya, new RegExp(`Written permission ${number}`))))).toContain(conditions);
    expectLogged(mark, { msg: 'request changed', number, action: 'approve' });
  });

  it('a club-following request, escalated with a comment, searched for and decided in the tab', async () => {
    const mark = bot.logs.length;
    const form = await openForm(bot, liam, 'request a club account students can follow');
    const clubCanaryText = typed('club', 'courseOrClub', (c) => `Grade 8 robotics club ${c} (Tuesdays)`);
    const values = {
      unitId: 'maple-grove',
      courseOrClub: clubCanaryText,
      account: typed('club', 'account', (c) => `Instagram @maplegrove_robotics ${c}`),
      otherAdministratorId: priya.aadId,
    };
    const sent = await press(bot, liam, form.card, 'Submit', values, { conversationId: A.personalConversationId(liam), activityId: form.activityId });
    const number = numberOf(sent.card);
    expectLogged(mark, { msg: 'request submitted', number, kind: 'club-following' });

    const toDaniel = await cardPostedTo(bot, daniel, new RegExp(number));
    const why = typed('club-escalate', 'comment', (c) => `The robotics account may show ${c} students from two schools; Communications should decide.`);
    expect(cardText((await press(bot, daniel, cardOf(toDaniel), 'Escalate to Communications', { comment: why }, at(toDaniel))).card)).toMatch(/You escalated/);
    await channelPost(number);
    expectLogged(mark, { msg: 'request changed', number, action: 'escalate' });

    // Communications finds it in the tab by what it was about, and decides there.
    const search = typing.again('tab-search', 'q', clubCanaryText.slice('Grade 8 '.length, clubCanaryText.indexOf(' (')));
    const found = await tab(claire, 'GET', `/api/tab/requests?view=all&q=${encodeURIComponent(search)}`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((r: any) => r.number)).toEqual([number]);
    const { id, version } = found.body.items[0];
    const keptConditions = typed('tab-refused', 'conditions', (c) => `Two advisors must be on the account ${c} at all times`);
    const refused = await tab(claire, 'POST', `/api/tab/requests/${id}/actions`, { action: 'decline', version, comment: ' ', conditions: keptConditions });
    expect(refused.status).toBe(422);
    const conditions = typed('tab-approve', 'conditions', (c) => `Private account only ${c}; approve each follower request`);
    const approved = await tab(claire, 'POST', `/api/tab/requests/${id}/actions`, { action: 'approve', version, conditions });
    expect(approved.status).toBe(200);
    expect(approved.body.request).toMatchObject({ state: 'approved', conditions });
    expect(cardText(cardOf(await cardPostedTo(bot, liam, new RegExp(`Written permission ${number}`))))).toContain(conditions);
    expectLogged(mark, { msg: 'tab request action', requestId: id, action: 'decline', ok: false }, { msg: 'tab request action', requestId: id, action: 'approve', ok: true });
  });

  it('a misuse report: refused without a reason, what was typed kept; then reported to Communications', async () => {
    const mark = bot.logs.length;
    const form = (await say(sofia, 'report misuse')).attachments[0].content;
    expect(cardText(form)).toContain('Report a deleted inappropriate message');
    const values = {
      accountId: 'other',
      accountName: typed('misuse', 'accountName', (c) => `@mg_choir ${c} on TikTok`),
      what: typed('misuse', 'what', (c) => `A comment with a student’s home address, ${c} “42 Elm St”`),
      screenshotUrl: typed('misuse', 'screenshotUrl', (c) => `https://district.sharepoint.example/evidence/${c}/shot-1.png`),
    };
    const refused = await press(bot, sofia, form, 'Send to Communications', { ...values, why: '' });
    expect(cardText(refused.card)).toContain('Say why it was inappropriate.');
    expect(inputValue(refused.card, 'what')).toBe(values.what);
    expect(inputValue(refused.card, 'accountName')).toBe(values.accountName);

    const why = typed('misuse', 'why', (c) => `Personal information about a student ${c} (4.6(c))`);
    const reported = await press(bot, sofia, form, 'Send to Communications', { ...values, why });
    expect(cardText(reported.card)).toContain('Communications has been told in its channel');
    expect(cardText((await channelPost(values.what)).card)).toContain(why);
    expectLogged(mark, { msg: 'misuse reported', whatChars: values.what.length, whyChars: why.length });
  });

  it('crisis mode: a line refused as too long, turned on in chat, off and on again in the tab with keywords, off in chat', async () => {
    const mark = bot.logs.length;
    const tooLong = typed('crisis-refused', 'publicLine', (c) => `Hold and secure ${c} at Riverside: ${'students are safe and inside with their teachers; '.repeat(6)}`);
    expect((await say(claire, `crisis on ${tooLong}`)).text).toMatch(/Keep the public line to 280 characters/);

    const line = typed('crisis', 'publicLine', (c) => `Hold and secure at Riverside Secondary ${c} this morning; updates come from the district only.`);
    const on = await say(claire, `crisis on ${line}`);
    expect(cardText(on.attachments[0].content)).toContain('Crisis mode is on');
    expect(cardText(on.attachments[0].content)).toContain(line);
    expectLogged(mark, { msg: 'crisis mode on', lineChars: line.length });
    const welcome = cardText((await say(emily, 'help')).attachments[0].content);
    expect(welcome).toContain('Crisis communication in progress');
    expect(welcome).toContain(line);

    expect((await tab(claire, 'POST', '/api/tab/crisis', { on: false })).status).toBe(200);
    const tabLine = typed('crisis-tab', 'publicLine', (c) => `Gas leak near Cedar Hills ${c}; students moved to the community centre.`);
    const keyword = typed('crisis-tab', 'keywords', (c) => `${c} portable`);
    const again = await tab(claire, 'POST', '/api/tab/crisis', { on: true, publicLine: tabLine, keywords: `cedar hills, ${keyword}` });
    expect(again.status).toBe(200);
    expect(again.body.keywords).toContain('cedar hills');
    expect((await tab(priya, 'GET', '/api/tab/me')).body.crisis).toMatchObject({ on: true, publicLine: tabLine });
    expect(cardText((await say(claire, 'crisis off')).attachments[0].content)).toContain('Crisis mode is off');
    expect(since(mark).filter((l) => l.msg === 'crisis mode on')).toHaveLength(2);
    expect(since(mark).filter((l) => l.msg === 'crisis mode off')).toHaveLength(2);
  });

  it('no log line, at any level, holds a canary or any 20 characters of what anyone typed', async () => {
    // Background deliveries (decision cards, written permission, answers) log too: let them finish.
    const deadline = Date.now() + 10_000;
    while ((await bot.app.services.outbox.list({ state: 'pending' })).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(typing.all.length).toBeGreaterThanOrEqual(40);
    // The scan finds what it looks for: a careless line with any typed value, canary or not, is caught.
    for (const t of typing.all) expect({ value: `${t.flow}.${t.field}`, caught: leaksIn([carelessLine(t)], typing.all).length > 0 }).toEqual({ value: `${t.flow}.${t.field}`, caught: true });
    expect(bot.logs.length).toBeGreaterThan(50);
    expect(leaksIn(bot.logs, typing.all)).toEqual([]);
  });

  it('the compiled bot, run as a process: its stdout and stderr hold none of what was typed either', async () => {
    const local = new Typing();
    const connector = new ConnectorStandIn();
    await connector.start();
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'pr708-logs-'));
    const port = await freePort();
    // Production logs are the process output: pino to stdout, crashes and warnings to stderr.
    const child = runCompiledBot(
      { PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: database.fresh(), DEFAULT_SERVICE_URL: connector.url, LOG_LEVEL: 'debug', OUTBOX_POLL_MS: '50' },
      cwd,
    );
    try {
      await waitUntilReady(child, port);
      const post = async (activity: any) => {
        const res = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
        expect(res.status).toBe(200);
        return res.text().then((t) => (t ? JSON.parse(t) : undefined));
      };
      const replyTo = async (who: TestUser, text: string) => {
        const activity = A.message(who, connector.url, text);
        await post(activity);
        return (await connector.waitFor(() => connector.sentTo(A.personalConversationId(who)).find((a) => a.targetId === activity.id), 10_000, 'a reply')).activity;
      };

      const question = local.text('process-question', 'text', (c) => `Can I accept a friend request ${c} from a student who graduated last June?`);
      expect(cardText((await replyTo(emily, question)).attachments[0].content)).toContain(`You asked: ${question}`);
      const draft = local.text('process-check', 'draft', (c) => `Vote for Jane Doe ${c} and the Green Party on Thursday!`);
      expect(inputValue((await replyTo(liam, `check ${draft}`)).attachments[0].content, 'draft')).toBe(draft);
      const failing = local.text('process-failed', 'text', (c) => `Is it OK to tag ${c} parents in photos from the spring fair?`);
      connector.failNext({ status: 403 });
      expect((await replyTo(marcus, failing)).text).toMatch(/something went wrong/);
      // restify's own logger writes to the same stdout: a body that is not JSON goes through it, if anything does.
      const cut = local.text('process-cut-short', 'text', (c) => `Can I post ${c} the bus delay notice on the class page?`);
      const cutShort = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(A.message(emily, connector.url, cut)).slice(0, -40) });
      expect(cutShort.status).toBe(400);
      const purpose = local.text('process-request', 'purpose', (c) => `Put the crest ${c} on the winter concert programme cover.`);
      const where = local.text('process-request', 'where', (c) => `The printed programme ${c} and our Instagram`);
      const sent = await post(
        A.execute(priya, connector.url, 'request.submit', { kind: 'logo-use', logo: 'school', unitId: 'maple-grove', where, purpose, startDate: '2026-12-10', endDate: '', mockupUrl: '' }),
      );
      const number = numberOf(sent.value);
      // The principal's card is delivered in the background, which logs too.
      await connector.waitFor(() => connector.activities.find((a) => a.activity.attachments?.[0] && cardText(a.activity.attachments[0].content).includes(number) && a.conversationId !== A.personalConversationId(priya)), 10_000, 'the decision card');

      child.child.kill('SIGTERM');
      expect(await child.exited).toBe(0);
      const lines = parseOutput(child.out()) as Array<{ msg?: string }>;
      for (const msg of ['question answered', 'draft checked', 'turn failed', 'request submitted', 'notification delivered', 'bot stopped']) expect(lines.map((l) => l.msg)).toContain(msg);
      expect(leaksIn([...lines, ...parseOutput(child.err())], local.all)).toEqual([]);
      expect(`${child.out()}${child.err()}`).not.toMatch(/CANARY/i);
    } finally {
      child.child.kill('SIGKILL');
      await connector.stop();
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });
});
