import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { startTestBot, type TestBot } from '../support/harness';
import { testDatabases } from '../support/databases';
import { samplePerson, stranger, type TestUser } from '../support/people';
import { inputValue } from '../support/cardCheck';
import { openRequestForm } from '../../src/teams/routes/requests';
import { QuestionRepository, type StoredQuestion } from '../../src/store/questions';
import type { RequestKind } from '../../src/requests/requestKind';
import type { StoredRequest } from '../../src/requests/ports';
import {
  A, amara, cardActions, cardOf, cardText, chatsOf, claire, COMMS_CHANNEL, conversationOf, daniel, execute, liam, logoValues, press, priya,
} from './requests-helpers';

/**
 * Issue 7 point 5: who may press which button. Every card verb the running
 * app answers is pressed by people in every role, on a realistic target made
 * through the bot, and what they see is compared with the policy table below.
 * Permitted: the action happens and the card says so. Not permitted: a clear
 * refusal, and nothing changes — the request or question, its history, the
 * outbox, and no message reaches anyone else. Then a fast-check run throws
 * arbitrary data at every verb from every role and holds the same line.
 */

// ---------------------------------------------------------------------------
// Who: one person per role, from the sample directory (src/directory/sample-directory.yaml).

const PEOPLE = {
  requester: priya, // teacher at Maple Grove; makes the requests and asks the questions
  staff: liam, // another Maple Grove teacher: an ordinary colleague, no say in anything
  principal: amara, // Maple Grove's principal: staff requests are routed to her
  designate: daniel, // her vice-principal, who may act for her
  otherPrincipal: samplePerson('gregory.whitfield'), // Riverside's principal: no say at Maple Grove
  supervisor: samplePerson('helen.marchetti'), // the superintendent over Maple Grove: decides the principal's own requests
  communications: claire, // a member of Communications
  stranger, // someone not in the directory at all (a guest, or the Emulator)
} satisfies Record<string, TestUser>;
type Role = keyof typeof PEOPLE;
const ROLES = Object.keys(PEOPLE) as Role[];

// ---------------------------------------------------------------------------
// On what: each target is made through the bot, the way people make them.

const TARGETS = {
  none: 'nothing that exists yet', // opening a form, checking a draft, a new request
  'to principal': "Priya's school-logo request, routed to Amara and Daniel",
  'to Communications': "Priya's request to speak for the whole district, routed to Communications",
  'escalated': "Priya's school-account request, escalated by Amara to Communications",
  "principal's own": "Amara's own club-following request, routed to her supervisor Helen",
  'changes requested': "Priya's logo request, sent back to her by Daniel for changes",
  'approved account': "Priya's school account, approved by Amara: decided, and registered with Priya as an administrator",
  question: "Priya's question, answered by the bot",
  'question sent': "Priya's question, sent to Communications",
  'question answered': "Priya's question, answered by Communications",
} as const;
type Target = keyof typeof TARGETS;

// ---------------------------------------------------------------------------
// The policy, at a glance. Y: the action happens. N: refused, nothing changes.
// 'anyone': the verb concerns only the person pressing it (a form, a check, their own list).

const Y = 'acts';
const N = 'refused';
type Cell = typeof Y | typeof N;
interface Row {
  verb: string;
  target: Target;
  who: 'anyone' | Record<Role, Cell>;
  /** Pressed on the shared card in the Communications channel rather than in a 1:1 chat. */
  inChannel?: boolean;
}
const row = (verb: string, target: Target, ...cells: Cell[]): Row => ({ verb, target, who: Object.fromEntries(ROLES.map((r, i) => [r, cells[i]!])) as Record<Role, Cell> });
const anyone = (verb: string, target: Target = 'none'): Row => ({ verb, target, who: 'anyone' });
const inChannel = (r: Row): Row => ({ ...r, inChannel: true });

const MATRIX: Row[] = [
  //                                                    requester staff principal designate otherPrincipal supervisor communications stranger
  // Deciding: the people the request is routed to; after escalation, Communications only; never one's own request.
  row('request.approve', 'to principal',                 N, N, Y, Y, N, N, N, N),
  row('request.approve', 'to Communications',            N, N, N, N, N, N, Y, N),
  row('request.approve', 'escalated',                    N, N, N, N, N, N, Y, N),
  row('request.approve', "principal's own",              N, N, N, N, N, Y, N, N),
  row('request.approve', 'changes requested',            N, N, N, N, N, N, N, N),
  row('request.approve', 'approved account',             N, N, N, N, N, N, N, N),
  row('request.decline', 'to principal',                 N, N, Y, Y, N, N, N, N),
  row('request.decline', 'to Communications',            N, N, N, N, N, N, Y, N),
  row('request.decline', 'escalated',                    N, N, N, N, N, N, Y, N),
  row('request.decline', "principal's own",              N, N, N, N, N, Y, N, N),
  row('request.decline', 'changes requested',            N, N, N, N, N, N, N, N),
  row('request.decline', 'approved account',             N, N, N, N, N, N, N, N),
  row('request.changes', 'to principal',                 N, N, Y, Y, N, N, N, N),
  row('request.changes', 'to Communications',            N, N, N, N, N, N, Y, N),
  row('request.changes', 'escalated',                    N, N, N, N, N, N, Y, N),
  row('request.changes', "principal's own",              N, N, N, N, N, Y, N, N),
  row('request.changes', 'changes requested',            N, N, N, N, N, N, N, N),
  row('request.changes', 'approved account',             N, N, N, N, N, N, N, N),
  // Handing on to Communications: only whoever may decide now, and only before Communications has it.
  row('request.escalate', 'to principal',                N, N, Y, Y, N, N, N, N),
  row('request.escalate', 'to Communications',           N, N, N, N, N, N, N, N),
  row('request.escalate', 'escalated',                   N, N, N, N, N, N, N, N),
  row('request.escalate', "principal's own",             N, N, N, N, N, Y, N, N),
  row('request.escalate', 'changes requested',           N, N, N, N, N, N, N, N),
  row('request.escalate', 'approved account',            N, N, N, N, N, N, N, N),
  // The shared card in Communications' channel: anyone in the channel can press, only members decide.
  inChannel(row('request.approve', 'to Communications',  N, N, N, N, N, N, Y, N)),
  inChannel(row('request.decline', 'escalated',          N, N, N, N, N, N, Y, N)),
  // Withdrawing, editing, resubmitting: the requester alone, while the request is open.
  row('request.withdraw', 'to principal',                Y, N, N, N, N, N, N, N),
  row('request.withdraw', 'to Communications',           Y, N, N, N, N, N, N, N),
  row('request.withdraw', 'escalated',                   Y, N, N, N, N, N, N, N),
  row('request.withdraw', "principal's own",             N, N, Y, N, N, N, N, N),
  row('request.withdraw', 'changes requested',           Y, N, N, N, N, N, N, N),
  row('request.withdraw', 'approved account',            N, N, N, N, N, N, N, N),
  row('request.edit', 'to principal',                    N, N, N, N, N, N, N, N),
  row('request.edit', 'to Communications',               N, N, N, N, N, N, N, N),
  row('request.edit', 'escalated',                       N, N, N, N, N, N, N, N),
  row('request.edit', "principal's own",                 N, N, N, N, N, N, N, N),
  row('request.edit', 'changes requested',               Y, N, N, N, N, N, N, N),
  row('request.edit', 'approved account',                N, N, N, N, N, N, N, N),
  row('request.submit', 'to principal',                  N, N, N, N, N, N, N, N), // a resubmission: only after changes were asked for
  row('request.submit', 'to Communications',             N, N, N, N, N, N, N, N),
  row('request.submit', 'escalated',                     N, N, N, N, N, N, N, N),
  row('request.submit', "principal's own",               N, N, N, N, N, N, N, N),
  row('request.submit', 'changes requested',             Y, N, N, N, N, N, N, N),
  row('request.submit', 'approved account',              N, N, N, N, N, N, N, N),
  // Seeing a request's details: the requester, its deciders, the school's principal and designates,
  // the supervisor over the school, Communications. Refresh shows everyone else a card without details.
  row('request.refresh', 'to principal',                 Y, N, Y, Y, N, Y, Y, N),
  row('request.refresh', 'to Communications',            Y, N, Y, Y, N, Y, Y, N),
  row('request.refresh', 'escalated',                    Y, N, Y, Y, N, Y, Y, N),
  row('request.refresh', "principal's own",              N, N, Y, Y, N, Y, Y, N),
  row('request.refresh', 'changes requested',            Y, N, Y, Y, N, Y, Y, N),
  row('request.refresh', 'approved account',             Y, N, Y, Y, N, Y, Y, N),
  row('request.open', 'to principal',                    Y, N, Y, Y, N, Y, Y, N),
  row('request.open', 'to Communications',               Y, N, Y, Y, N, Y, Y, N),
  row('request.open', 'escalated',                       Y, N, Y, Y, N, Y, Y, N),
  row('request.open', "principal's own",                 N, N, Y, Y, N, Y, Y, N),
  row('request.open', 'changes requested',               Y, N, Y, Y, N, Y, Y, N),
  row('request.open', 'approved account',                Y, N, Y, Y, N, Y, Y, N),
  // Questions: the asker sends to Communications and rates; Communications answers, once.
  row('question.askCommunications', 'question',          Y, N, N, N, N, N, N, N),
  row('question.askCommunications', 'question sent',     Y, N, N, N, N, N, N, N),
  row('question.askCommunications', 'question answered', Y, N, N, N, N, N, N, N),
  row('question.answer', 'question',                     N, N, N, N, N, N, N, N),
  row('question.answer', 'question sent',                N, N, N, N, N, N, Y, N),
  row('question.answer', 'question answered',            N, N, N, N, N, N, N, N),
  row('question.helpful', 'question',                    Y, N, N, N, N, N, N, N),
  row('question.helpful', 'question sent',               Y, N, N, N, N, N, N, N),
  row('question.helpful', 'question answered',           Y, N, N, N, N, N, N, N),
  // Misuse reports (4.18): staff in the directory; on a registered account, only its administrators,
  // the school's principal and designates, and Communications.
  row('misuse.submit', 'none',                           Y, Y, Y, Y, Y, Y, Y, N),
  row('misuse.submit', 'approved account',               Y, N, Y, Y, N, N, Y, N),
  // For oneself only.
  anyone('request.submit'), // a new request, routed by the directory (never to the requester)
  anyone('requests.mine', 'to principal'), // one's own list: Priya's request shows in hers alone
  anyone('request.new'),
  anyone('request.choose'),
  anyone('request.start'),
  anyone('request.cancel'),
  anyone('check.open'),
  anyone('check.run'),
  anyone('check.askCommunications'), // asking Communications about a draft (4.4) is open to all who may ask
  anyone('misuse.open'),
];

/**
 * Whether this role may see the target at all: a request, as request.refresh's row says; a
 * question, its asker, and Communications once it was sent to them.
 */
function maySee(made: Made, role: Role): boolean {
  if (made.requestId) return allows(MATRIX.find((x) => x.verb === 'request.refresh' && x.target === made.target)!, role);
  if (made.questionId) return PEOPLE[role] === made.requester || (role === 'communications' && made.target !== 'question');
  return true;
}

/** Whether this role may act with this verb on this target, by the table. */
function allows(r: Row, role: Role): boolean {
  return r.who === 'anyone' || r.who[role] === Y;
}

// ---------------------------------------------------------------------------
// What each verb sends, and how its effect shows when it is permitted.

interface TargetState {
  request?: StoredRequest;
  /** action:actor, in order: the history the audit chain keeps. */
  events?: string[];
  copies?: number;
  question?: StoredQuestion;
  misuseReports?: number;
}

interface Made {
  target: Target;
  requestId?: string;
  number?: string;
  /** The form's draft id: the submission key a replayed form would reuse. */
  draftId?: string;
  kind?: RequestKind;
  values?: Record<string, unknown>;
  questionId?: string;
  requester?: TestUser;
  /** Text only people who may see the request's details should ever be shown. */
  secret?: string;
}

interface Seen {
  status: number;
  /** Everything the person was shown: the invoke's answer, or what the bot posted to them. */
  text: string;
  cards: any[];
  raw: string;
}

interface Outcome {
  who: TestUser;
  role: Role;
  made: Made;
  before: TargetState;
  after: TargetState;
  seen: Seen;
  /** Rows the change added to the world's tables (requests, events, questions, outbox, misuse reports). */
  added: Record<string, number>;
  /** The request a "Sent as WP-…" on the answer names, as stored. */
  sent?: StoredRequest;
}

interface Effect {
  /** What the button sends, for the target as it stands (its card carries the current version). */
  data(made: Made, now: TargetState): Record<string, unknown>;
  /** Whether the permitted effect is there: the state moved and the person was told so. */
  happened(o: Outcome): boolean;
}

const lastEvent = (s: TargetState) => s.events?.[s.events.length - 1];
const hasButton = (o: Outcome, title: string) => o.seen.cards.some((c) => cardActions(c).some((a) => a.title === title));

/** A decision from the request card: the state moves one step, the history records who, and someone is told. */
function decision(action: string, to: string, said: RegExp): Effect {
  return {
    data: (made, now) => ({ requestId: made.requestId, version: now.request?.version, comment: 'As discussed on the phone.', conditions: '', validUntil: '' }),
    happened: (o) =>
      said.test(o.seen.text) &&
      o.after.request?.state === to &&
      o.after.request.version === o.before.request!.version + 1 &&
      lastEvent(o.after) === `${action}:${o.who.aadId}` &&
      (o.added.outbox ?? 0) > 0,
  };
}

/** The request's details (the secret answer) on what the person was shown. */
const showsDetails = (o: Outcome) => Boolean(o.made.secret) && o.seen.raw.includes(o.made.secret!);
const unchanged = (o: Outcome) => JSON.stringify(o.before) === JSON.stringify(o.after);
const isForm = (o: Outcome) => o.seen.cards.some((c) => cardActions(c).some((a) => a.verb === 'request.submit'));

const NEW_LOGO = () => logoValues({ purpose: 'Poster for the winter concert', where: 'The hallway poster' });

const EFFECTS: Record<string, Effect> = {
  'request.approve': decision('approve', 'approved', /approved WP-\d{4}-\d{4}/),
  'request.decline': decision('decline', 'declined', /declined WP-\d{4}-\d{4}/),
  'request.changes': decision('request-changes', 'changes-requested', /asked for changes\b.*WP-\d{4}-\d{4}/is),
  'request.escalate': decision('escalate', 'escalated', /escalated WP-\d{4}-\d{4} to Communications/),
  'request.withdraw': decision('withdraw', 'withdrawn', /withdrew WP-\d{4}-\d{4}/),
  'request.edit': {
    data: (made, now) => ({ requestId: made.requestId, version: now.request?.version }),
    // The form comes back with the request's answers in it, ready to resubmit; nothing changes yet.
    happened: (o) => hasButton(o, 'Resubmit') && showsDetails(o) && unchanged(o),
  },
  'request.submit': {
    // On a request: the Resubmit button of the edit form. Without one: the Submit button of a new form.
    data: (made, now) =>
      made.requestId
        ? { kind: made.kind, draftId: randomUUID(), requestId: made.requestId, version: now.request?.version, ...made.values, where: 'Changed as asked' }
        : { kind: 'logo-use', draftId: randomUUID(), ...NEW_LOGO() },
    happened: (o) => {
      if (o.made.requestId) {
        return /Resubmitted as WP-\d{4}-\d{4}/.test(o.seen.text) && lastEvent(o.after) === `resubmit:${o.who.aadId}` && ['awaiting-decision', 'escalated'].includes(o.after.request!.state);
      }
      // A new request, the person's own, decided by someone else.
      const sent = o.sent;
      return Boolean(sent) && sent!.requesterId === o.who.aadId.toLowerCase() && !sent!.deciders.includes(o.who.aadId.toLowerCase()) && o.added.requests === 1;
    },
  },
  'request.refresh': {
    data: (made) => ({ requestId: made.requestId }),
    happened: (o) => showsDetails(o) && unchanged(o),
  },
  'request.open': {
    data: (made) => ({ requestId: made.requestId }),
    // A live copy in the person's chat: the card with its details, recorded so later changes update it.
    happened: (o) => showsDetails(o) && (o.after.copies ?? 0) === (o.before.copies ?? 0) + 1 && o.after.request?.version === o.before.request?.version,
  },
  'requests.mine': {
    data: () => ({}),
    // One's own list: the target request is in it only for the person who made it.
    happened: (o) => /My permission requests/.test(o.seen.text) && o.seen.text.includes(o.made.number!) === (o.made.requester === o.who),
  },
  'request.new': { data: () => ({ kind: 'logo-use', draft: 'Our logo on the poster' }), happened: isForm },
  'request.start': { data: () => ({ kind: 'school-account' }), happened: isForm },
  'request.choose': { data: () => ({}), happened: (o) => /Request written permission/.test(o.seen.text) && hasButton(o, 'Start this request') },
  'request.cancel': { data: () => ({ kind: 'logo-use' }), happened: (o) => /Nothing was sent/.test(o.seen.text) },
  'check.open': { data: () => ({}), happened: (o) => /Can I post this\?/.test(o.seen.text) && o.seen.cards.some((c) => inputValue(c, 'draft') === '') },
  'check.run': {
    data: () => ({ draft: 'Book fair starts Monday in the library! Bring a friend.', account: 'school' }),
    // The same card back, the draft kept, with a verdict badge on it.
    happened: (o) =>
      o.seen.cards.some((c) => inputValue(c, 'draft') === 'Book fair starts Monday in the library! Bring a friend.') &&
      /OK to post|Needs written permission first|Not allowed as written|Ask Communications first/.test(o.seen.text),
  },
  'check.askCommunications': {
    data: () => ({ draft: 'Can we post the field trip photos tonight?', account: 'school' }),
    // The draft becomes a question to Communications, queued for their channel.
    happened: (o) => /I sent your draft to Communications/.test(o.seen.text) && o.added.questions === 1 && (o.added.outbox ?? 0) > 0,
  },
  'misuse.open': { data: () => ({}), happened: (o) => /Report a deleted inappropriate message/.test(o.seen.text) && hasButton(o, 'Send to Communications') },
  'misuse.submit': {
    data: (made) => ({
      ...(made.requestId ? { accountId: made.requestId } : { accountId: 'other', accountName: '@mg_robotics on TikTok' }),
      what: 'A comment with a student’s home address',
      why: 'Personal information about a student (4.6)',
      screenshotUrl: 'https://district.sharepoint.example/evidence/shot.png',
    }),
    happened: (o) => /Reported to Communications|Communications has been told/.test(o.seen.text) && o.added.misuse === 1,
  },
  'question.askCommunications': {
    data: (made) => ({ questionId: made.questionId }),
    // Sent (or already sent or answered: a second click changes nothing and says where it stands).
    happened: (o) => /Sent to Communications|Communications answered|Answered by/.test(o.seen.text) && o.after.question?.status !== 'answered-by-bot',
  },
  'question.answer': {
    data: (made, now) => ({ questionId: made.questionId, version: now.question?.version, answer: 'Yes, once the consent forms are in; blur faces otherwise (4.6).' }),
    happened: (o) => /Answered by/.test(o.seen.text) && o.after.question?.status === 'answered-by-communications' && o.after.question.answeredBy === o.who.name && (o.added.outbox ?? 0) > 0,
  },
  'question.helpful': {
    data: (made) => ({ questionId: made.questionId, helpful: true }),
    happened: (o) => o.seen.cards.length > 0 && o.after.question?.helpful === true,
  },
};

/**
 * How the bot says no. Every refusal names who may do it, says why not now, or
 * says nothing was changed; an unexplained card or silence is not a refusal.
 */
const REFUSAL =
  /\bOnly (the person|the requester|members of Communications|Communications|district staff)\b|not one of the people who can decide|Nobody decides their own request|not yours to see|You cannot [\w ]+ this request|can no longer be edited|has already been |not sent to Communications|already answered|You are not an administrator of/;
/** The turn-failure apology (src/teams/adapter.ts): never acceptable here. */
const APOLOGY = /something went wrong on my side/i;

/** Strings people and clients really produce: empty, huge (100 KB), emoji, RTL, control and zero-width characters. */
const oddString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom('', ' ', '\u0000', '\u200b\u200d', '\u202eevil', '👩🏽‍🏫📣', 'Ω'.repeat(5000), 'a'.repeat(100_000), '<at>bot</at>', '${values.draft}', '2099-12-31', 'https://x.example/a.png'),
);
const oddValue = fc.oneof(oddString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }));
/** About 5 s on SQLite and 16 s on PostgreSQL on a two-core machine. */
const FUZZ_RUNS = 600;

describe.each(testDatabases())('card verbs: who may press what ($name)', (database) => {
  let bot: TestBot;
  let questions: QuestionRepository;

  beforeAll(async () => {
    bot = await startTestBot({
      databaseUrl: database.fresh(),
      // Rate limits and the hourly account check would only add noise to a run this long.
      env: { RATE_LIMIT_BURST: '100000', TURN_LIMIT_BURST: '100000', REQUEST_LIMIT_PER_HOUR: '100000', ACCOUNT_CHECK_MINUTES: '6000', LOG_LEVEL: 'warn' },
    });
    questions = new QuestionRepository(bot.app.store.db);
  });
  afterAll(async () => {
    await bot?.close();
    await database.cleanup();
  });

  // -------------------------------------------------------------------------
  // Reading the world through the app's own repositories.

  async function stateOf(made: Made): Promise<TargetState> {
    const state: TargetState = {};
    if (made.requestId) {
      const view = await bot.app.services.requests.view(made.requestId);
      if (view) {
        state.request = view.request;
        state.events = view.events.map((e) => `${e.action}:${e.actorId}`);
        state.copies = (await bot.app.services.requests.store.copies(made.requestId)).length;
      }
    }
    if (made.target === 'approved account') {
      state.misuseReports = (await bot.app.services.oversight.misuse.list()).filter((r) => r.accountId === made.requestId).length;
    }
    if (made.questionId) state.question = await questions.get(made.questionId);
    return state;
  }

  const TABLES = { requests: 'requests', events: 'request_events', questions: 'questions', outbox: 'outbox', misuse: 'misuse_reports', accountActivity: 'account_activity', crisis: 'crisis_log' } as const;
  /** How many rows each table holds, in one round trip. */
  async function counts(): Promise<Record<string, number>> {
    const columns = Object.entries(TABLES).map(([name, table]) => sql`(select count(*) from ${sql.table(table)}) as ${sql.ref(name)}`);
    const { rows } = await sql<Record<string, number | string>>`select ${sql.join(columns)}`.execute(bot.app.store.db);
    return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
  }

  /** Waits until every queued notification is delivered, so what is sent next belongs to the next action. */
  async function settle(): Promise<void> {
    for (let i = 0; i < 500; i++) {
      if ((await bot.app.services.outbox.depth()).pending === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the outbox did not drain');
  }

  // -------------------------------------------------------------------------
  // Making targets through the bot, as people do.

  let serial = 0;
  const secret = (what: string) => `SECRET-${what.replace(/\W+/g, '-')}-${++serial}`;

  async function submitRequest(by: TestUser, kind: RequestKind, values: Record<string, unknown>): Promise<{ requestId: string; number: string; draftId: string }> {
    // The form the person would get, and its Submit button pressed with their answers.
    const form = await openRequestForm(bot.app.services, by, kind);
    const res = await press(bot, by, form, 'Submit', values);
    const number = /Sent as (WP-\d{4}-\d{4})/.exec(cardText(res.card ?? {}))?.[1];
    if (!number) throw new Error(`the ${kind} request was not sent: ${res.message ?? cardText(res.card ?? {})}`);
    const request = (await bot.app.services.requests.find(number))!;
    return { requestId: request.id, number, draftId: cardActions(form).find((a) => a.title === 'Submit')!.data.draftId };
  }

  /** A decider opens their copy of the card (a refresh) and presses a button on it. */
  async function pressAs(who: TestUser, requestId: string, title: string, inputs: Record<string, unknown> = {}): Promise<void> {
    const mine = await execute(bot, who, 'request.refresh', { requestId });
    const res = await press(bot, who, mine.card, title, inputs);
    if (!res.card || !/You /.test(cardText(res.card))) throw new Error(`${who.name} could not ${title}: ${res.message ?? cardText(res.card)}`);
  }

  async function ask(by: TestUser, text: string): Promise<string> {
    const chat = A.personalConversationId(by);
    const before = bot.connector.sentTo(chat).length;
    await bot.post(A.message(by, bot.connector.url, text));
    const answer = await bot.connector.waitFor(() => bot.connector.sentTo(chat).slice(before).map(cardOf).find((c) => c && cardActions(c).some((a) => a.verb === 'question.helpful')), 10_000, 'the answer card');
    return cardActions(answer).find((a) => a.verb === 'question.helpful')!.data.questionId;
  }

  async function make(target: Target): Promise<Made> {
    const s = secret(target);
    const schoolAccount = (purpose: string) => ({
      unitId: 'maple-grove', platform: 'instagram', accountName: '@maplegrove_library', purpose,
      advisorId: samplePerson('sofia.haddad').aadId, administratorIds: `${priya.aadId},${samplePerson('marcus.leclerc').aadId}`, createdWithGenericEmail: 'true',
    });
    let made: Made;
    switch (target) {
      case 'none':
        made = { target };
        break;
      case 'to principal':
      case 'changes requested': {
        const values = logoValues({ purpose: s });
        made = { target, kind: 'logo-use', values, requester: priya, secret: s, ...(await submitRequest(priya, 'logo-use', values)) };
        if (target === 'changes requested') await pressAs(daniel, made.requestId!, 'Request changes', { comment: 'Put the date on the poster.' });
        break;
      }
      case 'to Communications': {
        const values = {
          onBehalfOf: 'district', unitId: 'maple-grove', platforms: 'instagram', accounts: '@ocdsb', topic: 'Budget town hall',
          purpose: s, audience: 'Families', talkingPoints: 'Date, place, how to join online.', startDate: '2027-01-11', endDate: '',
        };
        made = { target, kind: 'speak-on-behalf', values, requester: priya, secret: s, ...(await submitRequest(priya, 'speak-on-behalf', values)) };
        break;
      }
      case 'escalated':
      case 'approved account': {
        const values = schoolAccount(s);
        made = { target, kind: 'school-account', values, requester: priya, secret: s, ...(await submitRequest(priya, 'school-account', values)) };
        if (target === 'escalated') await pressAs(amara, made.requestId!, 'Escalate to Communications', { comment: 'A district-wide account?' });
        else await pressAs(amara, made.requestId!, 'Approve');
        break;
      }
      case "principal's own": {
        const values = { unitId: 'maple-grove', courseOrClub: s, account: 'Instagram @mg_robotics', otherAdministratorId: liam.aadId };
        made = { target, kind: 'club-following', values, requester: amara, secret: s, ...(await submitRequest(amara, 'club-following', values)) };
        break;
      }
      case 'question':
      case 'question sent':
      case 'question answered': {
        made = { target, requester: priya, secret: s, questionId: await ask(priya, `Can I post photos from the class field trip on the school Instagram? (${s})`) };
        if (target !== 'question') {
          const sent = await execute(bot, priya, 'question.askCommunications', { questionId: made.questionId });
          if (!/Sent to Communications/.test(cardText(sent.card ?? {}))) throw new Error('the question was not sent to Communications');
        }
        if (target === 'question answered') {
          // Claire answers from the card in Communications' channel.
          const q = (await questions.get(made.questionId!))!;
          const answered = await pressVerb('question.answer', claire, { questionId: q.id, version: q.version, answer: 'Only with consent on file (4.6).' }, true);
          if (!/Answered by/.test(answered.text)) throw new Error('Communications could not answer the question');
        }
        break;
      }
    }
    await settle();
    return made;
  }

  /**
   * One target per kind, reused until someone's action changes it: a refusal
   * must leave it as it was (which each cell checks), so refusals can share.
   */
  const live = new Map<Target, Made>();
  async function targetFor(target: Target): Promise<Made> {
    const existing = live.get(target);
    if (existing) return existing;
    const made = await make(target);
    live.set(target, made);
    return made;
  }
  /** What counts as "changed" for reuse: the state and history, not the number of live copies. */
  const fingerprint = (s: TargetState) => JSON.stringify({ ...s, copies: undefined });

  // -------------------------------------------------------------------------
  // Pressing a verb as a person.

  async function pressVerb(verb: string, who: TestUser, data: unknown, shared: boolean): Promise<Seen> {
    const conversation = shared ? conversationOf(COMMS_CHANNEL, 'channel') : undefined;
    const chats = () => [...chatsOf(bot, who), ...(shared ? [COMMS_CHANNEL] : [])];
    if (bot.app.routes.executes.has(verb)) {
      const activity = A.execute(who, bot.connector.url, verb, data as Record<string, unknown>, conversation as never);
      const res = await bot.post(activity);
      const card = res.body?.type === 'application/vnd.microsoft.card.adaptive' ? res.body.value : undefined;
      const message = res.body?.type === 'application/vnd.microsoft.activity.message' ? String(res.body.value) : '';
      return { status: res.status, text: card ? cardText(card) : message, cards: card ? [card] : [], raw: JSON.stringify(res.body ?? '') };
    }
    // Action.Submit: a message whose value is the button's data; the bot answers in the chat.
    const before = new Set(bot.connector.activities);
    const value = { ...(data && typeof data === 'object' && !Array.isArray(data) ? data : {}), verb };
    const res = await bot.post(A.submit(who, bot.connector.url, value, conversation as never));
    const replies = () => bot.connector.activities.filter((a) => !before.has(a) && chats().includes(a.conversationId));
    // Every submit verb answers with something; wait briefly for it rather than assume the turn flushed.
    await bot.connector.waitFor(() => replies().length > 0 || res.status >= 400, 5_000, `an answer to ${verb}`).catch(() => undefined);
    const shown = replies().map((a) => a.activity);
    const cards = shown.flatMap((a) => (a.attachments ?? []).map((x: any) => x.content));
    return { status: res.status, text: [...shown.map((a) => a.text ?? ''), ...cards.map(cardText)].join('\n'), cards, raw: JSON.stringify(shown) };
  }

  /** Messages the bot sent since `mark` to anyone but this person (their chats, or the channel they pressed in). */
  function sentToOthers(mark: number, who: TestUser, shared: boolean): string[] {
    const mine = [...chatsOf(bot, who), ...(shared ? [COMMS_CHANNEL] : [])];
    return bot.connector.activities.slice(mark).filter((a) => !mine.includes(a.conversationId)).map((a) => `${a.method} ${a.conversationId}`);
  }

  /**
   * One cell of the matrix: press the verb as this person on a fresh or
   * untouched target and say what happened, in the table's own words; anything
   * else comes back as a description of what went wrong.
   */
  async function observe(r: Row, role: Role): Promise<string> {
    const who = PEOPLE[role];
    const made = await targetFor(r.target);
    await settle();
    const before = await stateOf(made);
    const countsBefore = await counts();
    const mark = bot.connector.activities.length;
    const seen = await pressVerb(r.verb, who, EFFECTS[r.verb]!.data(made, before), Boolean(r.inChannel));
    const after = await stateOf(made);
    const countsAfter = await counts();
    const added = Object.fromEntries(Object.keys(countsAfter).map((k) => [k, countsAfter[k]! - countsBefore[k]!]));
    if (fingerprint(after) !== fingerprint(before)) live.delete(r.target);
    const sentNumber = /Sent as (WP-\d{4}-\d{4})/.exec(seen.text)?.[1];
    const sent = sentNumber ? await bot.app.services.requests.find(sentNumber) : undefined;

    if (seen.status >= 500) return `HTTP ${seen.status}`;
    if (APOLOGY.test(seen.text)) return 'the turn failed (apology)';
    const outcome: Outcome = { who, role, made, before, after, seen, added, ...(sent ? { sent } : {}) };
    if (EFFECTS[r.verb]!.happened(outcome)) return Y;

    // Not done: it must be a clear refusal that changed nothing, told no one else, and showed no details.
    const problems: string[] = [];
    if (!REFUSAL.test(seen.text)) problems.push(`no clear refusal (saw: ${JSON.stringify(seen.text.slice(0, 300))})`);
    if (fingerprint(after) !== fingerprint(before) || after.copies !== before.copies) problems.push(`the target changed: ${JSON.stringify(before).slice(0, 200)} → ${JSON.stringify(after).slice(0, 200)}`);
    const grew = Object.entries(added).filter(([, n]) => n !== 0);
    if (grew.length) problems.push(`the world changed: ${grew.map(([k, n]) => `${k} ${n > 0 ? '+' : ''}${n}`).join(', ')}`);
    const others = sentToOthers(mark, who, Boolean(r.inChannel));
    if (others.length) problems.push(`sent to others: ${others.join(', ')}`);
    if (!maySee(made, role)) {
      // Someone who may not see the target learns nothing of it from a refusal: not what was typed, not who.
      if (showsDetails(outcome)) problems.push(`showed what ${made.requester!.name} typed`);
      const named = Object.values(PEOPLE).filter((p) => p !== who && seen.raw.includes(p.name));
      if (named.length) problems.push(`named ${named.map((p) => p.name).join(', ')}`);
    }
    return problems.length ? problems.join('; ') : N;
  }

  // -------------------------------------------------------------------------

  it('has a matrix row for every verb the app answers, and no row for a verb it does not', () => {
    const verbs = [...bot.app.routes.submits.keys(), ...bot.app.routes.executes.keys()].sort();
    expect(verbs.length).toBeGreaterThan(20);
    expect([...new Set(MATRIX.map((r) => r.verb))].sort()).toEqual(verbs);
    expect(Object.keys(EFFECTS).sort()).toEqual(verbs);
  });

  // Verbs and command ids named like what every plain object inherits. A route table that is a
  // plain object finds a "handler" for these on its prototype: `constructor` answered with the
  // caller's own data.card (a forged approval), the others failed the turn or returned HTTP 500.
  const PROTOTYPE_NAMES = ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'];
  const FORGED = 'Approved by Communications';
  const forgedCard = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: FORGED }] };
  const UNKNOWN = /I don't know that action/;

  describe('verbs and commands named after what every object inherits', () => {
    it.each(PROTOTYPE_NAMES)('%s: a clear refusal on every entry point, nothing forged, never a 5xx', async (name) => {
      const mark = bot.connector.activities.length;
      const logMark = bot.logs.length;
      // Action.Execute: answered in the HTTP response.
      const executed = await bot.post(A.execute(priya, bot.connector.url, name, { card: forgedCard, questionId: 'x' }));
      expect(executed.status).toBe(200);
      expect(executed.body.type).toBe('application/vnd.microsoft.activity.message');
      expect(executed.body.value).toMatch(UNKNOWN);
      expect(JSON.stringify(executed.body)).not.toContain(FORGED);

      // Action.Submit: a message whose value names the verb; the answer comes to the chat.
      const submitted = A.submit(priya, bot.connector.url, { verb: name, card: forgedCard });
      expect((await bot.post(submitted)).status).toBe(200);
      const reply = await bot.connector.waitFor(() => bot.connector.sentTo(A.personalConversationId(priya)).find((a) => a.targetId === submitted.id), 5_000, `the answer to ${name}`);
      expect(reply.activity.text).toMatch(UNKNOWN);

      // The message extension's fetch and submit, with that command id.
      for (const invokeName of ['composeExtension/fetchTask', 'composeExtension/submitAction']) {
        const res = await bot.post(A.invoke(priya, bot.connector.url, invokeName, { commandId: name, commandContext: 'compose', data: { card: forgedCard } }));
        expect(res.status).toBe(200);
        expect(res.body.task).toEqual({ type: 'message', value: expect.stringMatching(UNKNOWN) });
      }

      const sent = JSON.stringify(bot.connector.activities.slice(mark).map((a) => a.activity));
      expect(sent).not.toContain(FORGED);
      expect(bot.logs.slice(logMark).filter((l) => l.msg === 'turn failed')).toEqual([]);
    });
  });

  describe('the matrix', () => {
    const label = (r: Row) => `${r.verb} on ${TARGETS[r.target]}${r.inChannel ? ', pressed on the shared card in the Communications channel' : ''}`;
    it.each(MATRIX.map((r) => [label(r), r] as const))('%s', async (_label, r) => {
      const expected: Record<string, string> = {};
      const observed: Record<string, string> = {};
      for (const role of ROLES) {
        expected[role] = allows(r, role) ? Y : N;
        observed[role] = await observe(r, role);
      }
      expect(observed).toEqual(expected);
    });
  });

  // -------------------------------------------------------------------------
  // The fuzz: arbitrary data on every verb, from every role.

  /** Which row of the table describes this target as it stands now; undefined once it is final. */
  function kindNow(made: Made, state: TargetState): Target | 'unmodelled' | undefined {
    if (made.target === 'approved account') return 'approved account';
    if (state.question) return ({ 'answered-by-bot': 'question', 'asked-communications': 'question sent', 'answered-by-communications': 'question answered' } as const)[state.question.status];
    const r = state.request;
    if (!r) return 'unmodelled';
    const byPriya = r.requesterId === priya.aadId;
    if (['approved', 'declined', 'withdrawn', 'expired'].includes(r.state)) return undefined;
    if (byPriya && r.state === 'awaiting-decision' && r.decidedBy === 'principal') return 'to principal';
    if (byPriya && r.state === 'awaiting-decision' && r.decidedBy === 'communications') return 'to Communications';
    if (byPriya && r.state === 'escalated') return 'escalated';
    if (byPriya && r.state === 'changes-requested') return 'changes requested';
    if (r.requesterId === amara.aadId && r.state === 'awaiting-decision' && r.decidedBy === 'supervisor') return "principal's own";
    // e.g. Amara's request sent back to her for changes: no row says who may act on it.
    return 'unmodelled';
  }
  const mayUse = (verb: string, role: Role) => MATRIX.some((r) => r.verb === verb && allows(r, role));

  it('holds under arbitrary data from anyone: never a 5xx or the apology, and nothing changes for people who may not act', async () => {
    const kinds: Target[] = ['to principal', 'to Communications', 'escalated', "principal's own", 'changes requested', 'approved account', 'question', 'question sent', 'question answered'];
    const targets: Made[] = [];
    for (const k of kinds) targets.push(await make(k));
    const verbs = [...bot.app.routes.submits.keys(), ...bot.app.routes.executes.keys()];

    // What a button carries, aimed at a real target that is someone else's: its id as sent
    // (or as a careless client might send it), and its version now, or a stale or future one.
    // Resolved when the run happens, since earlier runs may have moved the target on.
    const reference = fc.record({
      target: fc.nat({ max: targets.length - 1 }),
      versionDelta: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, fc.constantFrom(-1, 1, -1000)),
      as: fc.oneof({ weight: 8, arbitrary: fc.constant('id') }, fc.constantFrom('padded', 'upper case', 'request number', 'form key')),
    });
    // Or no reference at all: fields that are missing, of the wrong type, or nonsense.
    const junkRefs = fc.record(
      { requestId: oddValue, questionId: oddValue, accountId: fc.oneof(fc.constant('other'), oddValue), draftId: oddValue, version: oddValue },
      { requiredKeys: [] },
    );
    const FIELDS = ['comment', 'conditions', 'validUntil', 'answer', 'draft', 'account', 'accountName', 'what', 'why', 'screenshotUrl', 'kind', 'helpful', 'logo', 'unitId', 'where', 'purpose', 'startDate', 'endDate', 'onBehalfOf', 'verb', '__proto__', 'constructor'];
    const payload = fc.oneof(
      {
        weight: 12,
        arbitrary: fc.record({
          ref: fc.option(reference, { freq: 5, nil: undefined }),
          junk: junkRefs,
          extra: fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 8 })), fc.oneof(oddValue, fc.constantFrom(true, 'logo-use', 'school-account')), { maxKeys: 5 }),
          // Sometimes a complete, valid form underneath, so the checks past validation are reached too.
          withForm: fc.boolean(),
        }),
      },
      // Or data that is not an object at all.
      { weight: 1, arbitrary: oddValue.map((raw) => ({ raw })) },
    );
    type Payload = { raw: unknown } | { ref: { target: number; versionDelta: number; as: string } | undefined; junk: Record<string, unknown>; extra: Record<string, unknown>; withForm: boolean };
    const dataFor = (p: Payload, now: TargetState[]): unknown => {
      if ('raw' in p) return p.raw;
      const base = { ...(p.withForm ? logoValues() : {}), ...p.extra };
      if (!p.ref) return { ...base, ...p.junk };
      const t = targets[p.ref.target]!;
      const state = now[p.ref.target]!;
      const id = t.requestId ?? t.questionId!;
      const as: Record<string, string> = { id, padded: ` ${id} `, 'upper case': id.toUpperCase(), 'request number': t.number ?? id, 'form key': t.draftId ?? id };
      const shown = as[p.ref.as]!;
      const version = (state.request?.version ?? state.question?.version ?? 0) + p.ref.versionDelta;
      return { ...base, requestId: shown, questionId: shown, accountId: shown, version, ...(t.kind ? { kind: t.kind } : {}) };
    };

    // How many runs got as far as a refusal on who the person is (rather than "not found"):
    // the fuzz is only worth its time if it reaches those checks often.
    let refusals = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...verbs), fc.constantFrom(...ROLES), payload, fc.boolean(), async (verb, role, p, shared) => {
        const who = PEOPLE[role];
        await settle();
        const before = await Promise.all(targets.map(stateOf));
        const countsBefore = await counts();
        const mark = bot.connector.activities.length;

        const seen = await pressVerb(verb, who, dataFor(p, before), shared);
        expect(seen.status).toBeLessThan(500);
        if (bot.app.routes.executes.has(verb)) expect(seen.status).toBe(200);
        expect(seen.text).not.toMatch(APOLOGY);
        if (REFUSAL.test(seen.text)) refusals++;

        const after = await Promise.all(targets.map(stateOf));
        targets.forEach((t, i) => {
          const b = before[i]!;
          const a = after[i]!;
          const what = `${verb} by ${role} on the ${t.target} target (now ${JSON.stringify(kindNow(t, b))})`;
          if (fingerprint(a) !== fingerprint(b)) {
            const kind = kindNow(t, b);
            // A change must be one the table grants this person on the target as it stood.
            const permitted = kind === 'unmodelled' ? mayUse(verb, role) : kind !== undefined && MATRIX.some((r) => r.verb === verb && r.target === kind && allows(r, role));
            if (!permitted) throw new Error(`${what} changed it: ${JSON.stringify(b).slice(0, 400)} → ${JSON.stringify(a).slice(0, 400)}`);
          }
          if (a.copies !== b.copies) {
            // Only a person who may see the request gets a live copy of it.
            const view = MATRIX.find((r) => r.verb === 'request.open' && r.target === t.target);
            if (!(verb === 'request.open' && view && allows(view, role))) throw new Error(`${what} recorded a copy of the card`);
          }
        });
        if (!mayUse(verb, role)) {
          // Nobody in this role may use this verb on anything: the world stays exactly as it was.
          expect(await counts()).toEqual(countsBefore);
          expect(sentToOthers(mark, who, shared)).toEqual([]);
        }
      }),
      { numRuns: FUZZ_RUNS, examples: [['request.submit', 'stranger', { ref: undefined, junk: {}, extra: { purpose: 'a'.repeat(100_000) }, withForm: true }, false]] },
    );

    expect(refusals).toBeGreaterThan(FUZZ_RUNS / 20);
    // Still up and answering.
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    const help = await pressVerb('check.open', priya, {}, false);
    expect(help.text).toMatch(/Can I post this\?/);
    // And no turn failed anywhere in this file's runs, matrix included.
    expect(bot.logs.filter((l) => l.msg === 'turn failed')).toEqual([]);
  }, 180_000);
});
