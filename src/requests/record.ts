import type { PersonId, UnitRef } from '../directory/types';
import type { RequestKind } from './requestKind';

/**
 * Where a request stands. `null` in a record means it has not been submitted yet
 * (a draft); every other state is persisted.
 */
export const REQUEST_STATES = [
  'awaiting-decision',
  'approved',
  'declined',
  'changes-requested',
  'escalated',
  'withdrawn',
  'expired',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** Nothing more happens to a request in these states, except that an approval may expire. */
export const FINAL_STATES: readonly RequestState[] = ['approved', 'declined', 'withdrawn', 'expired'];

export function isFinal(state: RequestState | null): boolean {
  return state !== null && FINAL_STATES.includes(state);
}

/** Who the route sends a request to; a designate decides at the principal's level. */
export type DecidedBy = 'principal' | 'supervisor' | 'communications';

/**
 * What the lifecycle and the permission checks need to know about a request.
 * The store's row has more (the form values, the events); this is the part the
 * rules read.
 */
export interface RequestRecord {
  kind: RequestKind;
  requesterId: PersonId;
  /** The school or department the request concerns; absent when speaking for the whole district. */
  unit?: UnitRef;
  state: RequestState | null;
  /** Bumped on every change of state; a card carries the version its viewer saw. */
  version: number;
  /** Fixed when the request is submitted, from `route()`, so the record says who was asked. */
  deciders: readonly PersonId[];
  decidedBy: DecidedBy;
  /** Set once escalated: from then on only Communications decides, including after a resubmission. */
  escalated?: boolean;
  /** YYYY-MM-DD, the last day an approval holds. */
  validUntil?: string;
}
