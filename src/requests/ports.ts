import type { CommunicationsChannel, PersonId, UnitRef } from '../directory/types';
import type { LifecycleAction } from './lifecycle';
import type { DecidedBy, RequestRecord, RequestState } from './record';
import type { RequestKind } from './requestKind';

/**
 * What the request workflow needs from storage, as small interfaces the store
 * implements (src/store/requests.ts), so the rules never see SQL and the store
 * depends on the workflow, not the reverse.
 */

/** A submitted request as stored: the record the rules read, plus what the cards and lists show. */
export interface StoredRequest extends RequestRecord {
  id: string;
  /** What staff quote: WP-2026-0001 (written permission, year, counter). */
  number: string;
  state: RequestState;
  requesterName: string;
  /** The validated form values, as `validateRequest` returned them. */
  values: Record<string, unknown>;
  conditions?: string;
  createdAt: string;
  /** When the request last changed state: reminders and escalation count from here. */
  updatedAt: string;
  decidedAt?: string;
  lastRemindedAt?: string;
  reminderCount: number;
}

/**
 * What an event in a request's history records: a step of the lifecycle, or
 * `unreachable`, the bot noting that Teams would not deliver to a decider
 * (no change of state; see unreachableDecider.ts).
 */
export type EventAction = LifecycleAction | 'unreachable';

export interface StoredEvent {
  id: string;
  requestId: string;
  seq: number;
  action: EventAction;
  actorId: string;
  at: string;
  fromState: RequestState | null;
  toState: RequestState;
  comment: string | null;
  /** fromVersion/toVersion, conditions, validUntil, and on a resubmission the values before it. */
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export type NewEvent = Omit<StoredEvent, 'id' | 'seq' | 'prevHash' | 'hash'>;

/** Where a notification goes. */
export type NotificationTarget =
  | { type: 'person'; aadId: PersonId }
  | { type: 'channel'; channel: CommunicationsChannel }
  | { type: 'copy'; conversationId: string; activityId: string };

/**
 * The notifications a state change leaves for the outbox. Cards are drawn when
 * delivered, from the request as it is then, so a late delivery never shows an
 * older state than the one committed, and a repeated update is harmless.
 */
export type NotificationKind =
  /** The request card with decision buttons, to one person who may decide. */
  | 'decision-card'
  /** The request card in the Communications channel after an escalation. */
  | 'escalation-card'
  /** Redraw one recorded copy of the card (an idempotent PUT). */
  | 'card-update'
  /** The approval, as written permission, to the requester. */
  | 'written-permission'
  /** Declined, changes requested or expired: the request card with a note, to the requester. */
  | 'requester-notice'
  /** A decider has not decided after N business days. */
  | 'reminder'
  /** A decider could not be reached: the request card, saying who and why, to whoever is told instead. */
  | 'unreachable-notice'
  /** A question the bot could not settle, sent to Communications (4.4); delivered by src/notify/questionDeliveries.ts. */
  | 'question-to-communications'
  /** Communications' answer, to the staff member who asked. */
  | 'question-answer';

export interface NewNotification {
  /** Unique: enqueuing the same notification twice (a retried transaction, two instances) keeps one row. */
  dedupeKey: string;
  kind: NotificationKind;
  target: NotificationTarget;
  /** Request notifications carry requestId; question notifications carry questionId. */
  payload: {
    requestId?: string;
    questionId?: string;
    viewerId?: PersonId | null;
    seq?: number;
    /** An unreachable-notice: 1 when it went to the request's other deciders, 2 when to Communications (the last resort). */
    fallback?: 1 | 2;
    /** An unreachable-notice: the outbox row whose failure started the chain, so Communications hears of it once. */
    root?: string;
  };
}

/** A posted copy of a request's card, so every copy can be redrawn after a change. */
export interface CardCopy {
  requestId: string;
  conversationId: string;
  activityId: string;
  /** Whose view the copy shows; null for the Communications channel's shared copy. */
  viewerId: PersonId | null;
  createdAt: string;
}

export interface NewRequest {
  id: string;
  number: string;
  /** The form's draft id: the same submission arriving twice (a Teams retry) makes one request. */
  submissionKey: string;
  kind: RequestKind;
  requesterId: PersonId;
  requesterName: string;
  unit?: UnitRef;
  state: RequestState;
  version: number;
  values: Record<string, unknown>;
  deciders: readonly PersonId[];
  decidedBy: DecidedBy;
  createdAt: string;
}

/** The columns a state change may set; everything else is left as it was. */
export interface RequestPatch {
  state: RequestState;
  version: number;
  updatedAt: string;
  escalated?: boolean;
  validUntil?: string | null;
  conditions?: string | null;
  decidedAt?: string | null;
  values?: Record<string, unknown>;
  deciders?: readonly PersonId[];
  decidedBy?: DecidedBy;
  unit?: UnitRef | null;
}

/** The work done inside one transaction: everything here commits together or not at all. */
export interface RequestTransaction {
  /** The next number in a named sequence (e.g. "WP-2026"), from a counter row updated in this transaction. */
  nextNumber(sequence: string): Promise<number>;
  /** False when a request with the same submission key exists already. */
  insert(request: NewRequest): Promise<boolean>;
  /** The state change, only if the version is still the one seen; false when someone else got there first. */
  update(id: string, seenVersion: number, patch: RequestPatch): Promise<boolean>;
  /**
   * Locks the request row, only if it is still at `version`, without changing
   * it: an event appended with no change of state then still has the chain to
   * itself until commit. False when the request moved on meanwhile.
   */
  lockAt(id: string, version: number): Promise<boolean>;
  /** The history as this transaction sees it (after lockAt: including every event committed before). */
  events(requestId: string): Promise<StoredEvent[]>;
  /** Counts a reminder, only if none was counted since `seenCount`: fires once across instances. */
  markReminded(id: string, version: number, seenCount: number, at: string): Promise<boolean>;
  appendEvent(event: NewEvent): Promise<StoredEvent>;
  /** Due at `now` (the injected clock, which the outbox worker also reads). */
  enqueue(notifications: readonly NewNotification[], now: string): Promise<void>;
  copies(requestId: string): Promise<CardCopy[]>;
  recordCopy(copy: CardCopy): Promise<void>;
}

export interface RequestListFilter {
  state?: RequestState;
  requesterId?: PersonId;
  limit?: number;
}

export interface RequestStore {
  transaction<T>(work: (tx: RequestTransaction) => Promise<T>): Promise<T>;
  byId(id: string): Promise<StoredRequest | undefined>;
  byNumber(number: string): Promise<StoredRequest | undefined>;
  bySubmissionKey(key: string): Promise<StoredRequest | undefined>;
  events(requestId: string): Promise<StoredEvent[]>;
  list(filter: RequestListFilter): Promise<StoredRequest[]>;
  /** Requests in any of these states, oldest change first: what reminders, escalation and expiry scan. */
  inStates(states: readonly RequestState[], changedBefore?: string): Promise<StoredRequest[]>;
  copies(requestId: string): Promise<CardCopy[]>;
  /** Keeps one row per (request, conversation, activity). */
  recordCopy(copy: CardCopy): Promise<void>;
}
