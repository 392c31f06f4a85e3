import { isIsoDate, LONG_TEXT_MAX } from './kinds';
import { decisionRefusal, isDeciderOf, isSystem, type Actor } from './permissions';
import { isFinal, type RequestRecord, type RequestState } from './record';

/**
 * The life of a request, as a pure function from (request, who, what, when) to
 * either the next state and the event to append, or a refusal saying why.
 * Nothing is stored here; the caller commits the state, the event and the
 * notifications together, guarded by the version.
 */

export const LIFECYCLE_ACTIONS = [
  'submit',
  'approve',
  'decline',
  'request-changes',
  'escalate',
  'withdraw',
  'resubmit',
  'expire',
  'remind',
] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

export interface TransitionInput {
  /** The version shown on the card the actor used. Required of people (except on first submission). */
  seenVersion?: number;
  /** The reason when declining, what to change when requesting changes, otherwise an optional note. */
  comment?: string;
  /** Conditions attached to an approval, e.g. "no student faces". */
  conditions?: string;
  /** YYYY-MM-DD: the last day an approval holds. */
  validUntil?: string;
}

/** An append-only record of one step, as shown in the request's history. */
export interface LifecycleEvent {
  action: LifecycleAction;
  actorId: string;
  /** ISO 8601 instant. */
  at: string;
  from: RequestState | null;
  to: RequestState;
  comment?: string;
  conditions?: string;
  validUntil?: string;
}

export type TransitionRefusal =
  | 'not-allowed-to-decide'
  | 'own-request'
  | 'not-requester'
  | 'system-only'
  | 'already-decided'
  | 'stale-version'
  | 'version-required'
  | 'invalid-transition'
  | 'reason-required'
  | 'comment-required'
  | 'too-long'
  | 'invalid-end-date'
  | 'not-yet-expired';

export type TransitionResult =
  | { ok: true; state: RequestState; version: number; event: LifecycleEvent }
  | {
      ok: false;
      reason: TransitionRefusal;
      message: string;
      /** The request as it stands, so a stale card can be redrawn with the current state. */
      state: RequestState | null;
      version: number;
    };

/**
 * The district's calendar day decides when an approval has run out; the
 * procedure is an Ottawa board's, so Eastern time.
 */
export const DISTRICT_TIME_ZONE = 'America/Toronto';

/** The calendar date (YYYY-MM-DD) of an instant in the district's time zone. */
export function districtDate(now: Date, timeZone: string = DISTRICT_TIME_ZONE): string {
  return dateFormat(timeZone).format(now);
}

/** One formatter per time zone, made on first use (making one costs far more than using it). */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dateFormats.get(timeZone);
  if (!format) {
    // en-CA formats dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format;
}

const STATE_WORDS: Record<RequestState, string> = {
  'awaiting-decision': 'is awaiting a decision',
  approved: 'has already been approved',
  declined: 'has already been declined',
  'changes-requested': 'is waiting for the requester’s changes',
  escalated: 'has been escalated to Communications',
  withdrawn: 'has been withdrawn',
  expired: 'has expired',
};

function stateWords(state: RequestState | null): string {
  return state === null ? 'has not been submitted' : STATE_WORDS[state];
}

function refusalMessage(reason: TransitionRefusal, request: RequestRecord, action: LifecycleAction): string {
  switch (reason) {
    case 'not-allowed-to-decide':
      return request.state === 'escalated' || request.decidedBy === 'communications'
        ? 'Only Communications can decide this request.'
        : 'You are not one of the people who can decide this request.';
    case 'own-request':
      return 'Nobody decides their own request; it has gone to someone else.';
    case 'not-requester':
      return 'Only the person who made the request can do that.';
    case 'system-only':
      return 'Requests expire on their own when their end date passes.';
    case 'already-decided':
      return `This request ${stateWords(request.state)}.`;
    case 'stale-version':
      return `This card is out of date: the request ${stateWords(request.state)}.`;
    case 'version-required':
      return 'This card is missing its version; open the request again.';
    case 'invalid-transition':
      return `You cannot ${action.replace('-', ' ')} this request: it ${stateWords(request.state)}.`;
    case 'reason-required':
      return 'Give a reason for declining; the requester will see it.';
    case 'comment-required':
      return 'Say what should change; the requester will see it.';
    case 'too-long':
      return `Keep comments and conditions to ${LONG_TEXT_MAX} characters or fewer.`;
    case 'invalid-end-date':
      return 'The end date must be a date like 2025-06-30, today or later.';
    case 'not-yet-expired':
      return 'This approval has not reached its end date yet.';
  }
}

/** Which states each action may start from. */
const FROM: Record<LifecycleAction, readonly (RequestState | null)[]> = {
  submit: [null],
  approve: ['awaiting-decision', 'escalated'],
  decline: ['awaiting-decision', 'escalated'],
  'request-changes': ['awaiting-decision', 'escalated'],
  escalate: ['awaiting-decision'],
  withdraw: ['awaiting-decision', 'changes-requested', 'escalated'],
  resubmit: ['changes-requested'],
  expire: ['approved'],
  remind: ['awaiting-decision', 'escalated'],
};

/** Only whoever may decide now takes these; escalating too, so Communications cannot take over a request routed to a principal. */
const DECISIONS: readonly LifecycleAction[] = ['approve', 'decline', 'request-changes', 'escalate'];

/** Who may attempt the action at all, before looking at the state. */
function actorRefusal(request: RequestRecord, actor: Actor, action: LifecycleAction): TransitionRefusal | null {
  const isRequester = !isSystem(actor) && actor.id.toLowerCase() === request.requesterId.toLowerCase();
  switch (action) {
    case 'submit':
    case 'resubmit':
    case 'withdraw':
      return isRequester ? null : 'not-requester';
    case 'approve':
    case 'decline':
    case 'request-changes':
      if (isSystem(actor)) return 'not-allowed-to-decide';
      if (isRequester) return 'own-request';
      return isDeciderOf(actor, request) ? null : 'not-allowed-to-decide';
    case 'escalate':
      // Unresolved requests escalate on their own after a while; a decider may also hand one on.
      if (isSystem(actor)) return null;
      if (isRequester) return 'own-request';
      return isDeciderOf(actor, request) ? null : 'not-allowed-to-decide';
    case 'expire':
      return isSystem(actor) ? null : 'system-only';
    case 'remind':
      return isSystem(actor) || isRequester ? null : 'not-requester';
  }
}

function versionRefusal(request: RequestRecord, actor: Actor, action: LifecycleAction, input: TransitionInput): TransitionRefusal | null {
  if (action === 'submit') return null;
  if (input.seenVersion === undefined) return isSystem(actor) ? null : 'version-required';
  return input.seenVersion === request.version ? null : 'stale-version';
}

function stateRefusal(request: RequestRecord, action: LifecycleAction, now: Date): TransitionRefusal | null {
  if (!FROM[action].includes(request.state)) {
    // A decision arriving after another decision is the common race; say so plainly.
    return isFinal(request.state) && action !== 'expire' ? 'already-decided' : 'invalid-transition';
  }
  if (action === 'escalate' && request.decidedBy === 'communications') return 'invalid-transition';
  if (action === 'expire') {
    if (request.validUntil === undefined) return 'invalid-transition';
    if (districtDate(now) <= request.validUntil) return 'not-yet-expired';
  }
  return null;
}

function inputRefusal(action: LifecycleAction, input: TransitionInput, now: Date): TransitionRefusal | null {
  const comment = input.comment?.trim() ?? '';
  if ((input.comment ?? '').length > LONG_TEXT_MAX || (input.conditions ?? '').length > LONG_TEXT_MAX) return 'too-long';
  if (action === 'decline' && comment === '') return 'reason-required';
  if (action === 'request-changes' && comment === '') return 'comment-required';
  if (action === 'approve' && input.validUntil !== undefined) {
    const until = input.validUntil.trim();
    if (until !== '' && (!isIsoDate(until) || until < districtDate(now))) return 'invalid-end-date';
  }
  return null;
}

function nextState(request: RequestRecord, action: LifecycleAction): RequestState {
  switch (action) {
    case 'submit':
      return 'awaiting-decision';
    case 'approve':
      return 'approved';
    case 'decline':
      return 'declined';
    case 'request-changes':
      return 'changes-requested';
    case 'escalate':
      return 'escalated';
    case 'withdraw':
      return 'withdrawn';
    case 'resubmit':
      // Changes asked for by Communications go back to Communications, not down to the principal.
      return request.escalated ? 'escalated' : 'awaiting-decision';
    case 'expire':
      return 'expired';
    case 'remind':
      return request.state ?? 'awaiting-decision';
  }
}

function optionalText(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}

/**
 * Decide whether `actor` may take `action` on `request` now, and if so what
 * follows. Checks run in this order: who the actor is, whether their card is
 * current, whether the request's state allows it, whether they may decide in
 * that state, and what they typed. A refusal changes nothing.
 */
export function transition(
  request: RequestRecord,
  actor: Actor,
  action: LifecycleAction,
  input: TransitionInput,
  now: Date,
): TransitionResult {
  const refuse = (reason: TransitionRefusal): TransitionResult => ({
    ok: false,
    reason,
    message: refusalMessage(reason, request, action),
    state: request.state,
    version: request.version,
  });

  const refusal =
    actorRefusal(request, actor, action) ??
    versionRefusal(request, actor, action, input) ??
    stateRefusal(request, action, now) ??
    (DECISIONS.includes(action) && !isSystem(actor) ? decisionRefusal(actor, request) : null) ??
    inputRefusal(action, input, now);
  if (refusal) return refuse(refusal);

  const to = nextState(request, action);
  const event: LifecycleEvent = { action, actorId: actor.id, at: now.toISOString(), from: request.state, to };
  const comment = optionalText(input.comment);
  if (comment !== undefined) event.comment = comment;
  if (action === 'approve') {
    const conditions = optionalText(input.conditions);
    const validUntil = optionalText(input.validUntil);
    if (conditions !== undefined) event.conditions = conditions;
    if (validUntil !== undefined) event.validUntil = validUntil;
  }
  // A reminder changes no state, so it must not make the approvers' cards stale.
  const version = action === 'remind' ? request.version : request.version + 1;
  return { ok: true, state: to, version, event };
}

/** The record after a successful transition, for callers that keep the record in memory or in tests. */
export function applyTransition(
  request: RequestRecord,
  result: Extract<TransitionResult, { ok: true }>,
): RequestRecord {
  const next: RequestRecord = { ...request, state: result.state, version: result.version };
  if (result.state === 'escalated') next.escalated = true;
  if (result.event.action === 'approve') {
    if (result.event.validUntil !== undefined) next.validUntil = result.event.validUntil;
    else delete next.validUntil;
  }
  return next;
}
