import { randomUUID } from 'node:crypto';
import type { Directory, PersonId, UnitRef } from '../directory/types';
import type { Log } from '../log';
import { validateRequest, type RequestContent } from './kinds';
import { districtDate, transition, type LifecycleAction, type TransitionInput, type TransitionRefusal } from './lifecycle';
import { actorFor, can, SYSTEM_ACTOR, type Actor } from './permissions';
import { notificationsFor } from './notifications';
import type { CardCopy, RequestPatch, RequestStore, RequestTransaction, StoredEvent, StoredRequest } from './ports';
import { isFinal, type RequestState } from './record';
import type { RequestKind } from './requestKind';
import { route, routeInputFor } from './routing';
import { planForUnreachable, unreachableNotifications, type FailedDelivery } from './unreachableDecider';
import { lastDecision } from './views';

/**
 * The request use cases: submit, decide, escalate, withdraw, resubmit, expire,
 * remind. Each state change is one transaction: the state (guarded by the
 * version the actor saw), an append-only event and the notifications to send.
 * A refusal changes nothing and says why, with the request as it stands.
 */

export interface Requester {
  id: PersonId;
  /** The name Teams gave; the directory's name wins when the person is listed. */
  name: string;
}

/** Where the person's own copy of the card is (the form they submitted from), so it can be updated too. */
export interface CopyLocation {
  conversationId: string;
  activityId: string;
}

export type DecisionAction = Extract<LifecycleAction, 'approve' | 'decline' | 'request-changes' | 'escalate' | 'withdraw'>;

export type Refusal = TransitionRefusal | 'not-found' | 'nobody-to-decide';

export interface Refused {
  ok: false;
  reason: Refusal;
  message: string;
  /** The request as it stands now, to redraw the card with the current state. */
  request?: StoredRequest;
  events?: StoredEvent[];
  /** Who last decided and when, for "someone else got there first". */
  decided?: StoredEvent;
}

export interface Done {
  ok: true;
  request: StoredRequest;
  event: StoredEvent;
  events: StoredEvent[];
  /** The same action by the same person had already been recorded (a Teams retry): nothing changed now. */
  repeated: boolean;
}

export type ActOutcome = Done | Refused;
export type SubmitOutcome = Done | Refused | { ok: false; reason: 'invalid'; errors: Record<string, string> };

export interface UnitMemory {
  rememberUnit(aadId: string, unit: UnitRef, now: string): Promise<void>;
}

export interface RequestServiceDeps {
  store: RequestStore;
  directory: Directory;
  now: () => Date;
  log: Log;
  profiles?: UnitMemory;
  /** Whether crisis mode is on (oversight): new and resubmitted requests then go to Communications. */
  crisisActive?: () => boolean;
}

class SubmissionExists extends Error {}

/** How many times a change is retried after losing a race before the actor is told the request moved on. */
const RACE_RETRIES = 2;

export class RequestService {
  constructor(private readonly deps: RequestServiceDeps) {}

  get store(): RequestStore {
    return this.deps.store;
  }

  private nowIso(): string {
    return this.deps.now().toISOString();
  }

  private requesterName(requester: Requester): string {
    return this.deps.directory.person(requester.id)?.name ?? (requester.name.trim() || 'A staff member');
  }

  async view(requestId: string): Promise<{ request: StoredRequest; events: StoredEvent[] } | undefined> {
    const request = await this.deps.store.byId(requestId);
    if (!request) return undefined;
    return { request, events: await this.deps.store.events(request.id) };
  }

  /** A request by its id or its number (WP-2026-0001), for the CLI and for people quoting numbers. */
  async find(idOrNumber: string): Promise<StoredRequest | undefined> {
    return /^WP-\d{4}-\d+$/i.test(idOrNumber.trim()) ? this.deps.store.byNumber(idOrNumber.trim()) : this.deps.store.byId(idOrNumber.trim());
  }

  async submit(requester: Requester, kind: RequestKind, raw: unknown, options: { submissionKey: string; copy?: CopyLocation }): Promise<SubmitOutcome> {
    const { directory, store } = this.deps;
    const requesterId = requester.id.toLowerCase();
    const repeat = await this.repeatedSubmission(requesterId, options.submissionKey);
    if (repeat) return repeat;

    const checked = validateRequest(kind, raw, { requesterId, directory });
    if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors as Record<string, string> };
    const content = { kind, value: checked.value } as RequestContent;
    const routed = route(routeInputFor(content, requesterId, directory), directory, { crisis: this.deps.crisisActive?.() });
    const unit = routeInputFor(content, requesterId, directory).unit;
    if (routed.deciders.length === 0) {
      return { ok: false, reason: 'nobody-to-decide', message: 'Nobody in the directory can decide this request yet. Ask Communications to check the district directory.' };
    }
    const now = this.deps.now();
    const draft: StoredRequest = {
      id: randomUUID(),
      number: '',
      kind,
      requesterId,
      requesterName: this.requesterName(requester),
      state: 'awaiting-decision',
      version: 0,
      values: checked.value as Record<string, unknown>,
      deciders: routed.deciders,
      decidedBy: routed.decidedBy,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      reminderCount: 0,
      ...(unit ? { unit } : {}),
    };
    const result = transition({ ...draft, state: null }, actorFor(directory, requesterId), 'submit', {}, now);
    if (!result.ok) return { ok: false, reason: result.reason, message: result.message };

    try {
      const { request, event } = await store.transaction(async (tx) => {
        const year = districtDate(now).slice(0, 4);
        const n = await tx.nextNumber(`WP-${year}`);
        const request: StoredRequest = { ...draft, number: `WP-${year}-${String(n).padStart(4, '0')}`, state: result.state, version: result.version };
        const inserted = await tx.insert({ ...request, submissionKey: options.submissionKey });
        if (!inserted) throw new SubmissionExists();
        const event = await tx.appendEvent({
          requestId: request.id,
          action: 'submit',
          actorId: requesterId,
          at: now.toISOString(),
          fromState: null,
          toState: request.state,
          comment: null,
          data: { toVersion: request.version, route: routed.reason },
        });
        await this.recordOwnCopy(tx, request, requesterId, options.copy);
        await tx.enqueue(notificationsFor(request, event, [], directory), now.toISOString());
        return { request, event };
      });
      this.deps.log.info({ requestId: request.id, number: request.number, kind, state: request.state, deciders: request.deciders.length }, 'request submitted');
      if (unit) await this.rememberUnit(requesterId, unit);
      return { ok: true, request, event, events: [event], repeated: false };
    } catch (err) {
      if (!(err instanceof SubmissionExists)) throw err;
      // The same form arrived twice at once; the other arrival made the request.
      return (await this.repeatedSubmission(requesterId, options.submissionKey)) ?? { ok: false, reason: 'not-found', message: 'That request could not be found.' };
    }
  }

  private async repeatedSubmission(requesterId: string, submissionKey: string): Promise<ActOutcome | undefined> {
    const existing = await this.deps.store.bySubmissionKey(submissionKey);
    if (!existing) return undefined;
    if (existing.requesterId !== requesterId) {
      return { ok: false, reason: 'not-requester', message: 'This form belongs to someone else; start your own request with "request".' };
    }
    const events = await this.deps.store.events(existing.id);
    return { ok: true, request: existing, event: events[0]!, events, repeated: true };
  }

  private async rememberUnit(requesterId: string, unit: UnitRef): Promise<void> {
    try {
      await this.deps.profiles?.rememberUnit(requesterId, unit, this.nowIso());
    } catch (err) {
      // Remembering the unit is a convenience for the next form; the request itself is committed.
      this.deps.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not remember the unit');
    }
  }

  private async recordOwnCopy(tx: RequestTransaction, request: StoredRequest, viewerId: string, copy: CopyLocation | undefined): Promise<void> {
    if (!copy?.activityId) return;
    await tx.recordCopy({ requestId: request.id, conversationId: copy.conversationId, activityId: copy.activityId, viewerId, createdAt: this.nowIso() });
  }

  /** A person approves, declines, asks for changes, escalates or withdraws, from the version their card showed. */
  act(actorId: PersonId, requestId: string, action: DecisionAction, input: TransitionInput): Promise<ActOutcome> {
    return this.change(actorFor(this.deps.directory, actorId), requestId, action, input);
  }

  /** The requester sends edited values after changes were asked for; the earlier values stay in the history. */
  async resubmit(requester: Requester, requestId: string, seenVersion: number, raw: unknown, copy?: CopyLocation): Promise<SubmitOutcome> {
    const { directory, store } = this.deps;
    const request = await store.byId(requestId);
    if (!request) return { ok: false, reason: 'not-found', message: 'That request could not be found.' };
    const requesterId = requester.id.toLowerCase();
    // Check who and which version first: a stranger must not learn anything from validation errors.
    const probe = transition(request, actorFor(directory, requesterId), 'resubmit', { seenVersion }, this.deps.now());
    if (!probe.ok) return this.refusal(request, actorFor(directory, requesterId), 'resubmit', seenVersion, probe);
    const checked = validateRequest(request.kind, raw, { requesterId, directory });
    if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors as Record<string, string> };
    const content = { kind: request.kind, value: checked.value } as RequestContent;
    const input = routeInputFor(content, request.requesterId, directory);
    const routed = route(input, directory, { crisis: this.deps.crisisActive?.() });
    if (routed.deciders.length === 0) {
      return { ok: false, reason: 'nobody-to-decide', message: 'Nobody in the directory can decide this request yet. Ask Communications to check the district directory.' };
    }
    const values = checked.value as Record<string, unknown>;
    const changed = Object.keys({ ...request.values, ...values }).filter((k) => JSON.stringify(request.values[k]) !== JSON.stringify(values[k]));
    return this.change(actorFor(directory, requesterId), requestId, 'resubmit', { seenVersion }, {
      patch: { values, deciders: routed.deciders, decidedBy: routed.decidedBy, unit: input.unit ?? null },
      data: { previousValues: request.values, changed, route: routed.reason },
      copy,
    });
  }

  /** Automatic escalation when nobody decided in time. */
  escalateOverdue(requestId: string): Promise<ActOutcome> {
    return this.change(SYSTEM_ACTOR, requestId, 'escalate', {}, { data: { overdue: true } });
  }

  /** An approval whose end date has passed. */
  expire(requestId: string): Promise<ActOutcome> {
    return this.change(SYSTEM_ACTOR, requestId, 'expire', {});
  }

  /**
   * Reminds whoever may decide. The reminder count is raised with a
   * conditional update, so with several bot instances only one sends it.
   * Returns false when another instance (or a change of state) got there first.
   */
  async remind(request: StoredRequest): Promise<boolean> {
    const now = this.deps.now();
    const result = transition(request, SYSTEM_ACTOR, 'remind', {}, now);
    if (!result.ok) return false;
    const { directory, store } = this.deps;
    const sent = await store.transaction(async (tx) => {
      if (!(await tx.markReminded(request.id, request.version, request.reminderCount, now.toISOString()))) return false;
      const count = request.reminderCount + 1;
      const event = await tx.appendEvent({
        requestId: request.id,
        action: 'remind',
        actorId: SYSTEM_ACTOR.id,
        at: now.toISOString(),
        fromState: request.state,
        toState: request.state,
        comment: null,
        data: { reminder: count, version: request.version },
      });
      const reminded = { ...request, reminderCount: count, lastRemindedAt: now.toISOString() };
      await tx.enqueue(notificationsFor(reminded, event, [], directory), now.toISOString());
      return true;
    });
    if (sent) this.deps.log.info({ requestId: request.id, number: request.number, state: request.state }, 'reminder queued');
    return sent;
  }

  /**
   * Teams refused a decider's card for good (403/404): records it in the
   * history, tells whoever decides instead (escalating to Communications when
   * nobody else is left) and redraws every copy of the card, all in one
   * transaction. The same failed delivery is recorded once, however often or
   * by however many instances it is reported. Returns what was done.
   */
  async deciderNotReached(requestId: string, failed: FailedDelivery): Promise<'recorded' | 'already-recorded' | 'not-open' | 'not-deciding' | 'not-found' | 'kept-changing'> {
    const { directory, store } = this.deps;
    for (let attempt = 0; attempt <= RACE_RETRIES; attempt++) {
      const request = await store.byId(requestId);
      if (!request) return 'not-found';
      const now = this.deps.now();
      const at = now.toISOString();
      const outcome = await store.transaction(async (tx) => {
        // Locked first, then the history read: a refusal recorded a moment ago by another instance is seen.
        if (!(await tx.lockAt(request.id, request.version))) return undefined;
        const plan = planForUnreachable(request, await tx.events(request.id), failed, directory);
        if (!plan.act) return plan;
        const event = await tx.appendEvent({ requestId: request.id, action: 'unreachable', actorId: SYSTEM_ACTOR.id, at, fromState: request.state, toState: request.state, comment: plan.comment, data: plan.data });
        let current = request;
        if (plan.escalate) {
          const result = transition(request, SYSTEM_ACTOR, 'escalate', {}, now);
          if (result.ok) {
            const patch: RequestPatch = { state: result.state, version: result.version, updatedAt: at, escalated: true };
            if (!(await tx.update(request.id, request.version, patch))) return undefined;
            await tx.appendEvent({
              requestId: request.id,
              action: 'escalate',
              actorId: SYSTEM_ACTOR.id,
              at,
              fromState: request.state,
              toState: result.state,
              comment: null,
              data: { fromVersion: request.version, toVersion: result.version, unreachable: true },
            });
            current = applyPatch(request, patch);
          }
        }
        await tx.enqueue(unreachableNotifications(current, event, await tx.copies(request.id), plan, directory), at);
        return { ...plan, state: current.state };
      });
      if (outcome === undefined) continue;
      const meta = { requestId, outboxId: failed.outboxId, target: failed.target.type, reason: failed.reason, fallback: failed.fallback };
      if (!outcome.act) {
        this.deps.log.info({ ...meta, why: outcome.why }, outcome.why === 'already-recorded' ? 'decider not reached: already recorded' : 'decider not reached: nobody to tell');
        return outcome.why;
      }
      this.deps.log.warn({ ...meta, number: request.number, told: outcome.tell.people.length + (outcome.tell.channel ? 1 : 0), escalated: outcome.escalate, state: outcome.state }, 'decider not reached');
      return 'recorded';
    }
    // The request kept changing under us; its new state sent fresh cards to whoever decides now.
    this.deps.log.warn({ requestId, outboxId: failed.outboxId }, 'decider not reached: request kept changing, not recorded');
    return 'kept-changing';
  }

  /** What awaits this person's decision now. */
  async pendingFor(aadId: PersonId): Promise<StoredRequest[]> {
    const open = await this.deps.store.inStates(['awaiting-decision', 'escalated']);
    return open.filter((r) => can({ id: aadId }, 'decide', r, this.deps.directory));
  }

  mine(aadId: PersonId, limit = 15): Promise<StoredRequest[]> {
    return this.deps.store.list({ requesterId: aadId, limit });
  }

  private async change(
    actor: Actor,
    requestId: string,
    action: LifecycleAction,
    input: TransitionInput,
    extra: { patch?: Partial<RequestPatch>; data?: Record<string, unknown>; copy?: CopyLocation } = {},
  ): Promise<ActOutcome> {
    const { directory, store } = this.deps;
    for (let attempt = 0; attempt <= RACE_RETRIES; attempt++) {
      const request = await store.byId(requestId);
      if (!request) return { ok: false, reason: 'not-found', message: 'That request could not be found; it may have been removed.' };
      const now = this.deps.now();
      const result = transition(request, actor, action, input, now);
      if (!result.ok) return this.refusal(request, actor, action, input.seenVersion, result);

      const at = now.toISOString();
      const patch: RequestPatch = { state: result.state, version: result.version, updatedAt: at, ...extra.patch };
      if (result.state === 'escalated') patch.escalated = true;
      if (action === 'approve') {
        const endDate = typeof request.values.endDate === 'string' ? request.values.endDate : undefined;
        patch.validUntil = result.event.validUntil ?? endDate ?? null;
        patch.conditions = result.event.conditions ?? null;
      }
      if (isFinal(result.state)) patch.decidedAt = at;
      const data: Record<string, unknown> = { fromVersion: request.version, toVersion: result.version, ...extra.data };
      if (result.event.conditions !== undefined) data.conditions = result.event.conditions;
      if (patch.validUntil) data.validUntil = patch.validUntil;

      const committed = await store.transaction(async (tx) => {
        if (!(await tx.update(request.id, request.version, patch))) return undefined;
        const event = await tx.appendEvent({
          requestId: request.id,
          action,
          actorId: actor.id,
          at,
          fromState: request.state,
          toState: result.state,
          comment: result.event.comment ?? null,
          data,
        });
        const next = applyPatch(request, patch);
        if (!('system' in actor)) await this.recordOwnCopy(tx, next, actor.id, extra.copy);
        const copies: CardCopy[] = await tx.copies(request.id);
        await tx.enqueue(notificationsFor(next, event, copies, directory), at);
        return { request: next, event };
      });
      if (committed) {
        this.deps.log.info({ requestId, number: request.number, action, from: request.state, to: result.state, version: result.version }, 'request changed');
        return { ok: true, ...committed, events: await store.events(requestId), repeated: false };
      }
      // Someone else changed the request between our read and our write: read it again.
      this.deps.log.debug({ requestId, action, attempt }, 'request changed under us');
    }
    const request = await store.byId(requestId);
    const events = request ? await store.events(requestId) : [];
    return { ok: false, reason: 'stale-version', message: 'The request changed while you were acting; here it is as it stands now.', ...(request ? { request, events } : {}), decided: lastDecision(events) };
  }

  private async refusal(
    request: StoredRequest,
    actor: Actor,
    action: LifecycleAction,
    seenVersion: number | undefined,
    result: { reason: TransitionRefusal; message: string },
  ): Promise<ActOutcome> {
    const events = await this.deps.store.events(request.id);
    // Teams retries an invoke it thinks went unanswered: if this very person already
    // did this very thing from this very version, answer as the first time did.
    if ((result.reason === 'stale-version' || result.reason === 'already-decided') && seenVersion !== undefined) {
      const same = events.find((e) => e.action === action && e.actorId === actor.id && e.data.fromVersion === seenVersion);
      if (same) return { ok: true, request, event: same, events, repeated: true };
    }
    const reason: TransitionRefusal = result.reason === 'stale-version' && isFinal(request.state) ? 'already-decided' : result.reason;
    const message =
      reason === 'already-decided' && result.reason === 'stale-version'
        ? `This request has already been ${stateWord(request.state)}.`
        : result.message;
    this.deps.log.info({ requestId: request.id, action, reason, state: request.state }, 'request action refused');
    return { ok: false, reason, message, request, events, decided: lastDecision(events) };
  }
}

function stateWord(state: RequestState): string {
  return state === 'withdrawn' ? 'withdrawn by the requester' : state.replace('-', ' ');
}

function applyPatch(request: StoredRequest, patch: RequestPatch): StoredRequest {
  const next: StoredRequest = { ...request, state: patch.state, version: patch.version, updatedAt: patch.updatedAt, reminderCount: 0 };
  delete next.lastRemindedAt;
  if (patch.escalated) next.escalated = true;
  if (patch.validUntil !== undefined) {
    if (patch.validUntil === null) delete next.validUntil;
    else next.validUntil = patch.validUntil;
  }
  if (patch.conditions !== undefined) {
    if (patch.conditions === null) delete next.conditions;
    else next.conditions = patch.conditions;
  }
  if (patch.decidedAt) next.decidedAt = patch.decidedAt;
  if (patch.values) next.values = patch.values;
  if (patch.deciders) next.deciders = patch.deciders;
  if (patch.decidedBy) next.decidedBy = patch.decidedBy;
  if (patch.unit !== undefined) {
    if (patch.unit === null) delete next.unit;
    else next.unit = patch.unit;
  }
  return next;
}
