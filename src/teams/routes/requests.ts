import { LONG_TEXT_MAX } from '../../requests/kinds';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Card } from '../../cardTemplates';
import { chooseKindCard, requestCard, requestListCard, type CardDeps } from '../../requests/cards';
import { formCardData, renderFormCard } from '../../requests/formCard';
import { can } from '../../requests/permissions';
import type { StoredRequest } from '../../requests/ports';
import { REQUEST_KINDS, type RequestKind } from '../../requests/requestKind';
import type { DecisionAction, Refusal, Refused } from '../../requests/service';
import { decisionSentence, personName, type Banner } from '../../requests/views';
import type { Services } from '../../services';
import { waitWords } from '../../rateLimit';
import type { Actor, ExecuteHandler, Reply, RouteSet } from '../bot';

/**
 * Permission requests in Teams: the `request`, `my requests` and `pending`
 * commands, the welcome card's buttons, and every card action on a request.
 * Card data is never trusted: each action re-reads the request by id and the
 * service re-checks who the actor is against the directory.
 */

type ExecuteResult = Awaited<ReturnType<ExecuteHandler>>;

const kindSchema = z.enum(REQUEST_KINDS);
const id = z.string().trim().min(1).max(100);
const version = z.coerce.number().int().min(0).max(1_000_000);
/** Lengths are checked by the lifecycle (2,000 characters); this only keeps absurd payloads out. */
const text = z.string().max(50_000).optional();

const decisionSchema = z.object({ requestId: id, version: version.optional(), comment: text, conditions: text, validUntil: text });
const refSchema = z.object({ requestId: id, version: version.optional() });
const formSchema = z.object({ kind: kindSchema, draftId: z.string().trim().min(1).max(100).optional(), requestId: id.optional(), version: version.optional() });

/** Anything bigger than this is not something a person typed into the form. */
const FORM_DATA_MAX_BYTES = 100_000;

const VERB_ACTIONS: Record<string, DecisionAction> = {
  'request.approve': 'approve',
  'request.decline': 'decline',
  'request.changes': 'request-changes',
  'request.escalate': 'escalate',
  'request.withdraw': 'withdraw',
};

/** "request logo", "request to speak for the school": go straight to the form when the words say which. */
export function requestKindFromWords(words: string): RequestKind | undefined {
  const w = words.toLowerCase();
  if (/\b(logo|crest|emblem|brand)/.test(w)) return 'logo-use';
  if (/\b(speak|behalf|interview|spokes|represent)/.test(w)) return 'speak-on-behalf';
  if (/\b(follow|club|course)/.test(w)) return 'club-following';
  if (/\b(account|page|profile)/.test(w)) return 'school-account';
  const exact = kindSchema.safeParse(w.trim());
  return exact.success ? exact.data : undefined;
}

function cardDeps(services: Services): CardDeps {
  return { directory: services.directory, teamsUserIds: (ids) => services.messenger.teamsUserIdsOf(ids) };
}

/**
 * A form for a kind of request, filled with `prefill` (e.g. from an answer or
 * a draft check that found permission is needed), starting at the school or
 * department the person chose last time. Other features call this to offer
 * "start the matching permission request".
 */
export async function openRequestForm(services: Services, actor: Pick<Actor, 'aadId'>, kind: RequestKind, prefill: Record<string, unknown> = {}): Promise<Card> {
  const unit = await services.profiles.unitOf(actor.aadId);
  const data = formCardData(kind, {
    values: prefill,
    directory: services.directory,
    requester: { id: actor.aadId, ...(unit ? { unit } : {}) },
    draftId: randomUUID(),
  });
  return renderFormCard(kind, data) as Card;
}

function ownCopy(actor: Actor): { conversationId: string; activityId: string } | undefined {
  return actor.replyToId ? { conversationId: actor.conversationId, activityId: actor.replyToId } : undefined;
}

function refusalBanner(services: Services, outcome: Refused): Banner {
  const { request, decided } = outcome;
  const reason: Refusal = outcome.reason;
  switch (reason) {
    case 'already-decided':
    case 'stale-version':
      return { text: `${outcome.message} ${request ? decisionSentence(request, decided, services.directory) : ''}`.trim(), style: 'warning' };
    case 'not-allowed-to-decide':
    case 'own-request':
    case 'not-requester':
    case 'system-only':
      return { text: `${outcome.message} Nothing was changed.`, style: 'attention' };
    case 'reason-required':
    case 'comment-required':
    case 'too-long':
    case 'invalid-end-date':
    case 'version-required':
      return { text: `${outcome.message} Nothing was changed yet.`, style: 'attention' };
    case 'invalid-transition':
    case 'not-yet-expired':
    case 'not-found':
    case 'nobody-to-decide':
      return { text: outcome.message, style: 'warning' };
  }
}

function doneBanner(services: Services, action: DecisionAction, request: StoredRequest, repeated: boolean): Banner {
  const requester = request.requesterName;
  const again = repeated ? ' (already recorded)' : '';
  switch (action) {
    case 'approve':
      return { text: `You approved ${request.number}${again}. ${requester} receives the written permission.`, style: 'good' };
    case 'decline':
      return { text: `You declined ${request.number}${again}. ${requester} is told, with your reason.`, style: 'attention' };
    case 'request-changes':
      return { text: `You asked for changes${again}. ${requester} can edit and resubmit ${request.number}.`, style: 'warning' };
    case 'escalate':
      return { text: `You escalated ${request.number} to Communications${again}.`, style: 'warning' };
    case 'withdraw':
      return { text: `You withdrew ${request.number}${again}. ${namesOf(services, request)} will see it is withdrawn.`, style: 'accent' };
  }
}

function namesOf(services: Services, request: StoredRequest): string {
  const names = request.deciders.map((d) => personName(services.directory, d));
  return names.length > 2 ? 'The people deciding' : names.join(' and ') || 'The people deciding';
}

/**
 * A refusal to someone who may not see the request says only that: no card,
 * since even a card without details carries its number, kind, state and who
 * decided it, and the banner can name people. Worded like "not found", so it
 * does not confirm that an id someone guessed or was sent exists.
 */
const NOT_YOURS = 'That request could not be found, or it is not yours to see. Nothing was changed.';

function mayView(services: Services, actor: Actor, request: StoredRequest): boolean {
  return can({ id: actor.aadId }, 'view', request, services.directory);
}

/** A channel or group chat: the card there is shared, so it shows the shared view and never one person's. */
function isShared(actor: Actor): boolean {
  return actor.conversationType !== 'personal';
}

function decide(services: Services, action: DecisionAction): ExecuteHandler {
  return async (data, actor) => {
    const parsed = decisionSchema.safeParse(data);
    if (!parsed.success) return { message: 'That button is missing which request it is for. Type "my requests" or "pending" to find it again.' };
    const { requestId, version: seenVersion, comment, conditions, validUntil } = parsed.data;
    const typed = { comment: comment ?? '', conditions: conditions ?? '', validUntil: validUntil ?? '' };
    const outcome = await services.requests.act(actor.aadId, requestId, action, {
      ...(seenVersion !== undefined ? { seenVersion } : {}),
      ...(comment !== undefined ? { comment } : {}),
      ...(conditions !== undefined ? { conditions } : {}),
      ...(validUntil !== undefined && validUntil.trim() !== '' ? { validUntil } : {}),
    });
    const viewer = { type: 'person', id: actor.aadId } as const;
    if (!outcome.ok && outcome.request && !mayView(services, actor, outcome.request)) return { message: NOT_YOURS };
    if (isShared(actor)) {
      // Teams replaces the shared card for everyone with what we answer, so answer with
      // the shared view; a refusal goes to the person who pressed, as a message, and the card stays.
      if (!outcome.ok) {
        // An old card is redrawn as the request stands now, for everyone; anything else is the presser's business.
        const moved = outcome.reason === 'stale-version' || outcome.reason === 'already-decided';
        if (!moved || !outcome.request) return { message: refusalBanner(services, outcome).text };
        return { card: await requestCard(cardDeps(services), outcome.request, outcome.events ?? [], { type: 'channel' }, { banner: refusalBanner(services, outcome) }) };
      }
      const done = doneBanner(services, action, outcome.request, outcome.repeated);
      const banner: Banner = { text: `${personName(services.directory, actor.aadId, outcome.request)}: ${done.text.replace(/^You /, '')}`, style: done.style };
      return { card: await requestCard(cardDeps(services), outcome.request, outcome.events, { type: 'channel' }, { banner }) };
    }
    if (outcome.ok) {
      return { card: await requestCard(cardDeps(services), outcome.request, outcome.events, viewer, { banner: doneBanner(services, action, outcome.request, outcome.repeated) }) };
    }
    if (!outcome.request) return { message: outcome.message };
    // What the person typed stays in the boxes when only their input was at fault.
    const keepTyped = ['reason-required', 'comment-required', 'too-long', 'invalid-end-date'].includes(outcome.reason);
    return {
      card: await requestCard(cardDeps(services), outcome.request, outcome.events ?? [], viewer, {
        banner: refusalBanner(services, outcome),
        ...(keepTyped ? { typed } : {}),
      }),
    };
  };
}

async function submitForm(services: Services, data: Record<string, unknown>, actor: Actor): Promise<ExecuteResult> {
  const parsed = formSchema.safeParse(data);
  if (!parsed.success) return { message: 'That form is from a version of the bot I no longer understand. Type "request" to start again.' };
  const { kind, requestId, version: seenVersion } = parsed.data;
  const draftId = parsed.data.draftId ?? randomUUID();
  const unit = await services.profiles.unitOf(actor.aadId);
  const requester = { id: actor.aadId, ...(unit ? { unit } : {}) };
  const resubmit = requestId !== undefined && seenVersion !== undefined ? { requestId, version: seenVersion } : undefined;
  const formAgain = (errors: Record<string, string>, formError?: string): ExecuteResult => ({
    card: renderFormCard(
      kind,
      formCardData(kind, { values: data, errors, directory: services.directory, requester, draftId, ...(resubmit ? { resubmit } : {}), ...(formError ? { formError } : {}) }),
    ) as Card,
  });
  if (Buffer.byteLength(JSON.stringify(data)) > FORM_DATA_MAX_BYTES) {
    return formAgain({}, 'Your request was not sent: it is far longer than the form allows. Shorten the longest answers and try again.');
  }

  // Each request sends cards to the people who decide it: one person may send only so many an hour.
  // A retried click on a form already sent is not a new request and takes nothing.
  const counted = resubmit !== undefined || !(await services.requests.store.bySubmissionKey(draftId));
  if (counted) {
    const limit = services.limits.requests.take(actor.aadId);
    if (!limit.allowed) {
      services.metrics.rateLimited.inc({ what: 'request' });
      const wait = `Please wait ${waitWords(limit.retryAfterSeconds)} and press ${resubmit ? 'Resubmit' : 'Submit'} again`;
      // The form keeps what was typed either way: a message answer leaves the card as it is.
      if (!limit.notice) return { message: `Not sent. ${wait}.` };
      return formAgain({}, `Your request was not sent: that is more requests in an hour than I take from one person (${services.config.requestsPerHour}). ${wait}; your answers are kept below.`);
    }
  }
  const who = { id: actor.aadId, name: actor.name };
  const copy = ownCopy(actor);
  const outcome = resubmit
    ? await services.requests.resubmit(who, resubmit.requestId, resubmit.version, data, copy)
    : await services.requests.submit(who, kind, data, { submissionKey: draftId, ...(copy ? { copy } : {}) });
  if (outcome.ok) {
    const { request } = outcome;
    const to = request.state === 'escalated' ? 'Communications' : namesOf(services, request);
    const banner: Banner = {
      text: `${resubmit ? 'Resubmitted' : 'Sent'} as ${request.number} to ${to}. You will hear back here; type "my requests" to see where it stands.`,
      style: 'good',
    };
    return { card: await requestCard(cardDeps(services), request, outcome.events, { type: 'person', id: actor.aadId }, { banner }) };
  }
  // Only a request that went out counts against the hourly limit; fixing a form's answers does not.
  if (counted && (outcome.reason === 'invalid' || !outcome.request)) services.limits.requests.giveBack(actor.aadId);
  if (outcome.reason === 'invalid') return formAgain(outcome.errors);
  if (outcome.request && !mayView(services, actor, outcome.request)) return { message: NOT_YOURS };
  if (outcome.request) {
    return { card: await requestCard(cardDeps(services), outcome.request, outcome.events ?? [], { type: 'person', id: actor.aadId }, { banner: refusalBanner(services, outcome) }) };
  }
  return formAgain({}, `Your request was not sent. ${outcome.message}`);
}

async function editForm(services: Services, data: Record<string, unknown>, actor: Actor): Promise<ExecuteResult> {
  const parsed = refSchema.safeParse(data);
  if (!parsed.success) return { message: 'That button is missing which request it is for. Type "my requests" to find it again.' };
  const view = await services.requests.view(parsed.data.requestId);
  if (!view) return { message: 'That request could not be found.' };
  const { request, events } = view;
  const viewer = { type: 'person', id: actor.aadId } as const;
  if (!mayView(services, actor, request)) return { message: NOT_YOURS };
  const mine = request.requesterId === actor.aadId.toLowerCase();
  if (!mine || request.state !== 'changes-requested' || parsed.data.version !== request.version) {
    const banner: Banner = mine
      ? { text: `This request can no longer be edited: it is ${request.state.replace('-', ' ')}.`, style: 'warning' }
      : { text: 'Only the person who made the request can edit it. Nothing was changed.', style: 'attention' };
    return { card: await requestCard(cardDeps(services), request, events, viewer, { banner }) };
  }
  return {
    card: renderFormCard(
      request.kind,
      formCardData(request.kind, {
        values: request.values,
        directory: services.directory,
        requester: { id: actor.aadId, ...(request.unit ? { unit: request.unit } : {}) },
        draftId: randomUUID(),
        resubmit: { requestId: request.id, version: request.version },
      }),
    ) as Card,
  };
}

async function listCard(services: Services, which: 'mine' | 'pending', actor: Actor): Promise<Card> {
  const requests = which === 'mine' ? await services.requests.mine(actor.aadId) : await services.requests.pendingFor(actor.aadId);
  const withEvents = await Promise.all(requests.slice(0, 15).map(async (request) => ({ request, events: await services.requests.store.events(request.id) })));
  const list =
    which === 'mine'
      ? { title: 'My permission requests', intro: 'Your most recent requests, newest first, with what happened to each.', empty: 'You have not made any permission requests yet. Type "request" to start one.' }
      : { title: 'Awaiting your decision', intro: 'Requests you can decide now, oldest first.', empty: 'Nothing awaits your decision.' };
  return requestListCard(services.directory, list, withEvents);
}

/**
 * Forms, lists and request cards are one person's business: typed in a channel
 * or group chat, they go to the person's 1:1 chat with the bot instead.
 */
async function privately(services: Services, actor: Actor, reply: Reply, card: Card, summary: string): Promise<void> {
  if (!isShared(actor)) return reply.card(card, summary);
  try {
    await services.messenger.sendToPerson(actor.aadId, { card, summary });
    await reply.text('I have sent this to you in a private chat with me, so only you see it.');
  } catch {
    await reply.text('I could not reach you in a private chat. Open a chat with me and try again there.');
  }
}

export function requestRoutes(services: Services): RouteSet {
  const deps = cardDeps(services);
  return {
    messages: {
      request: async (cmd, actor, reply) => {
        const kind = requestKindFromWords(cmd.what);
        if (kind) return privately(services, actor, reply, await openRequestForm(services, actor, kind), 'Permission request form');
        return privately(services, actor, reply, chooseKindCard(), 'Request written permission');
      },
      'my-requests': async (_cmd, actor, reply) => privately(services, actor, reply, await listCard(services, 'mine', actor), 'My permission requests'),
      pending: async (_cmd, actor, reply) => privately(services, actor, reply, await listCard(services, 'pending', actor), 'Awaiting your decision'),
    },
    submits: {
      // "Request logo use" (etc.) on an answer or a draft check: a new form for
      // that kind, pre-filled from the draft when there is one. The draft is
      // only stored if the person submits the request.
      'request.new': async (data, actor, reply) => {
        const kind = kindSchema.safeParse(data.kind);
        if (!kind.success) return reply.text('That button is from a card I no longer understand. Type **request** to start a request.');
        const draft = typeof data.draft === 'string' ? data.draft.trim().slice(0, LONG_TEXT_MAX) : '';
        const prefill: Record<string, unknown> = {};
        if (draft && kind.data === 'speak-on-behalf') prefill.talkingPoints = draft;
        if (draft && kind.data === 'logo-use') prefill.purpose = draft;
        await privately(services, actor, reply, await openRequestForm(services, actor, kind.data, prefill), 'Permission request form');
      },
      'request.choose': async (_data, actor, reply) => privately(services, actor, reply, chooseKindCard(), 'Request written permission'),
      'requests.mine': async (_data, actor, reply) => privately(services, actor, reply, await listCard(services, 'mine', actor), 'My permission requests'),
      'request.open': async (data, actor, reply) => {
        const parsed = refSchema.safeParse(data);
        const view = parsed.success ? await services.requests.view(parsed.data.requestId) : undefined;
        if (!view || !mayView(services, actor, view.request)) return reply.text(NOT_YOURS);
        const card = await requestCard(deps, view.request, view.events, { type: 'person', id: actor.aadId });
        try {
          // Posted through the messenger to learn its id, so this copy is updated like the others;
          // from a channel, to the person's own chat.
          const message = { card, summary: view.request.number };
          const delivered = isShared(actor) ? await services.messenger.sendToPerson(actor.aadId, message) : await services.messenger.sendToConversation(actor.conversationId, message);
          if (delivered.activityId) {
            await services.requests.store.recordCopy({ requestId: view.request.id, conversationId: delivered.conversationId, activityId: delivered.activityId, viewerId: actor.aadId, createdAt: services.now().toISOString() });
          }
        } catch {
          await privately(services, actor, reply, card, view.request.number);
        }
      },
    },
    executes: {
      'request.start': async (data, actor) => {
        const kind = kindSchema.safeParse(data.kind);
        if (!kind.success) return { card: chooseKindCard() };
        return { card: await openRequestForm(services, actor, kind.data) };
      },
      'request.submit': (data, actor) => submitForm(services, data, actor),
      'request.cancel': async () => ({ card: chooseKindCard('Nothing was sent. Start another request below, or ask me a question.') }),
      'request.edit': (data, actor) => editForm(services, data, actor),
      'request.refresh': async (data, actor) => {
        const parsed = refSchema.safeParse(data);
        const view = parsed.success ? await services.requests.view(parsed.data.requestId) : undefined;
        if (!view || !mayView(services, actor, view.request)) return { message: NOT_YOURS };
        return { card: await requestCard(deps, view.request, view.events, { type: 'person', id: actor.aadId }) };
      },
      ...Object.fromEntries(Object.entries(VERB_ACTIONS).map(([verb, action]) => [verb, decide(services, action)])),
    },
  };
}
