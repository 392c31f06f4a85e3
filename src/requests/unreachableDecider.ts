import type { Directory, PersonId } from '../directory/types';
import { can } from './permissions';
import type { CardCopy, NewNotification, StoredEvent, StoredRequest } from './ports';
import { personName } from './views';

/**
 * A decider Teams will not deliver to, for good (a 403 or 404 on their card):
 * who is told instead, and what the history says. Pure, so the table of
 * "this refusal tells these people" is tested without Teams or a database;
 * the request service commits the plan in one transaction.
 *
 * The order of fallbacks: the request's other routed deciders (the principal
 * or designates, a supervisor); when none is left, Communications, in its
 * channel if one is configured, else its members, and the request is
 * escalated so they can decide it. A notice that fails in turn goes to
 * Communications, once per original failure; a notice to Communications that
 * fails is recorded and nothing more is sent, so a chain of refusals ends.
 */

/** Why Teams will not take a message for someone; read by the Teams layer from the connector's 403/404. */
export type Unreachable = 'not-installed' | 'blocked' | 'disabled-by-admin' | 'refused' | 'user-not-found' | 'conversation-not-found';

/** Who Teams refused: a person, or the Communications channel. */
export type UnreachableTarget = { type: 'person'; id: PersonId } | { type: 'channel' };

/** Fallback level of a delivery: 0 the decider's own card, 1 a notice to the other deciders, 2 a notice to Communications. */
export type FallbackLevel = 0 | 1 | 2;

export interface FailedDelivery {
  /** The outbox row that failed: the same failure is recorded once, however often it is reported. */
  outboxId: string;
  target: UnreachableTarget;
  reason: Unreachable;
  fallback: FallbackLevel;
  /** The row whose failure started this chain (itself at level 0). */
  root: string;
}

export type UnreachablePlan =
  | { act: false; why: 'not-open' | 'not-deciding' | 'already-recorded' }
  | {
      act: true;
      /** Escalate to Communications in the same transaction, so those told can decide. */
      escalate: boolean;
      tell: { people: PersonId[]; channel: boolean; level: 1 | 2 };
      /** The history's sentence: who, why, and who was told instead. */
      comment: string;
      data: Record<string, unknown>;
    };

const PERSON_REASONS: Record<Unreachable, string> = {
  'not-installed': 'the app is not installed for them',
  blocked: 'they have blocked the app',
  'disabled-by-admin': 'an administrator has turned the app off for them',
  refused: 'Teams refused to deliver to them',
  'user-not-found': 'Teams does not know them (user not found)',
  'conversation-not-found': 'their chat with the app no longer exists (conversation not found)',
};

const CHANNEL_REASONS: Record<Unreachable, string> = {
  'not-installed': 'the app is not added to its team',
  blocked: 'the app is blocked there',
  'disabled-by-admin': 'an administrator has turned the app off there',
  refused: 'Teams refused to deliver there',
  'user-not-found': 'Teams cannot find the channel',
  'conversation-not-found': 'Teams cannot find the channel',
};

/** What the person is to this request, in the district's words: principal, designate, supervisor, Communications. */
export function deciderRole(request: StoredRequest, id: PersonId, directory: Directory): string {
  const person = id.toLowerCase();
  const unit = request.unit;
  const school = unit?.type === 'school' ? directory.school(unit.id) : undefined;
  const department = unit?.type === 'department' ? directory.department(unit.id) : undefined;
  if (school?.principal.toLowerCase() === person) return 'principal';
  if (school?.designates.some((d) => d.toLowerCase() === person)) return 'designate';
  if (school?.supervisor?.toLowerCase() === person || department?.supervisor.toLowerCase() === person) return 'supervisor';
  if (directory.communications().members.some((m) => m.toLowerCase() === person)) return 'Communications';
  return 'decider';
}

function names(list: string[]): string {
  if (list.length <= 1) return list[0] ?? '';
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

/** People already recorded as not reached on this request: they are not told in someone else's place. */
function notReachedSoFar(events: readonly StoredEvent[]): Set<PersonId> {
  const ids = events.filter((e) => e.action === 'unreachable' && typeof e.data.person === 'string').map((e) => String(e.data.person).toLowerCase());
  return new Set(ids);
}

export function planForUnreachable(request: StoredRequest, events: readonly StoredEvent[], failed: FailedDelivery, directory: Directory): UnreachablePlan {
  if (request.state !== 'awaiting-decision' && request.state !== 'escalated') return { act: false, why: 'not-open' };
  if (events.some((e) => e.action === 'unreachable' && e.data.outboxId === failed.outboxId)) return { act: false, why: 'already-recorded' };
  const communicationsDecides = request.state === 'escalated' || request.decidedBy === 'communications';
  // Someone else decided for them, or the request moved on to others: nobody needs telling.
  const stillDecides = failed.target.type === 'channel' ? communicationsDecides : can({ id: failed.target.id }, 'decide', request, directory);
  if (!stillDecides) return { act: false, why: 'not-deciding' };

  const requester = request.requesterId.toLowerCase();
  const known = notReachedSoFar(events);
  if (failed.target.type === 'person') known.add(failed.target.id.toLowerCase());
  const reachable = (ids: readonly PersonId[]) => [...new Set(ids.map((id) => id.toLowerCase()))].filter((id) => id !== requester && !known.has(id));
  const communications = directory.communications();

  let escalate = false;
  let tell: { people: PersonId[]; channel: boolean; level: 1 | 2 } = { people: [], channel: false, level: 2 };
  const others = communicationsDecides ? [] : reachable(request.deciders);
  if (failed.fallback === 2) {
    // Communications itself could not be told: stop here rather than go round again.
  } else if (failed.fallback === 0 && others.length > 0) {
    tell = { people: others, channel: false, level: 1 };
  } else {
    escalate = !communicationsDecides;
    const channel = Boolean(communications.channel) && failed.target.type !== 'channel';
    tell = { people: channel ? [] : reachable(communications.members), channel, level: 2 };
  }

  const who = failed.target.type === 'channel' ? 'the Communications channel' : `${personName(directory, failed.target.id, request)} (${deciderRole(request, failed.target.id, directory)})`;
  const why = (failed.target.type === 'channel' ? CHANNEL_REASONS : PERSON_REASONS)[failed.reason];
  const told = tell.channel
    ? 'Communications (its channel)'
    : names(tell.people.map((id) => `${personName(directory, id, request)} (${deciderRole(request, id, directory)})`));
  const comment = `Could not reach ${who}: ${why}. ${told ? `Told instead: ${told}.` : 'Nobody else could be told.'}`;
  const data: Record<string, unknown> = {
    outboxId: failed.outboxId,
    root: failed.root,
    fallback: failed.fallback,
    reason: failed.reason,
    who,
    why,
    told: tell.people,
    toldChannel: tell.channel,
    version: request.version,
    ...(failed.target.type === 'person' ? { person: failed.target.id.toLowerCase() } : { channel: true }),
  };
  return { act: true, escalate, tell, comment, data };
}

/**
 * The notices of a recorded refusal, and the redraw of every copy of the card
 * (the requester's among them) so each shows the new line in the history.
 * Keys name the failed row (the root, for Communications), so a retried
 * transaction or a second instance queues nothing twice, and Communications
 * hears of one original failure once.
 */
export function unreachableNotifications(
  request: StoredRequest,
  event: StoredEvent,
  copies: readonly CardCopy[],
  plan: Extract<UnreachablePlan, { act: true }>,
  directory: Directory,
): NewNotification[] {
  const id = request.id;
  const failed = String(event.data.outboxId);
  const root = String(event.data.root);
  const key = (recipient: string) =>
    plan.tell.level === 2 ? `unreachable-notice:${id}:${root}:communications:${recipient}` : `unreachable-notice:${id}:${failed}:${recipient}`;
  const payload = (viewerId: PersonId | null) => ({ requestId: id, viewerId, seq: event.seq, fallback: plan.tell.level, root });
  const out: NewNotification[] = [];
  const channel = directory.communications().channel;
  if (plan.tell.channel && channel) out.push({ dedupeKey: key('channel'), kind: 'unreachable-notice', target: { type: 'channel', channel }, payload: payload(null) });
  for (const person of plan.tell.people) out.push({ dedupeKey: key(person), kind: 'unreachable-notice', target: { type: 'person', aadId: person }, payload: payload(person) });
  for (const c of copies) {
    out.push({
      // The event's number in the key: several refusals at one version each redraw the copies.
      dedupeKey: `card-update:${id}:v${request.version}:e${event.seq}:${c.conversationId}:${c.activityId}`,
      kind: 'card-update',
      target: { type: 'copy', conversationId: c.conversationId, activityId: c.activityId },
      payload: { requestId: id, viewerId: c.viewerId },
    });
  }
  return out;
}
