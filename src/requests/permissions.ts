import type { Directory, PersonId, Role } from '../directory/types';
import { isFinal, type RequestRecord } from './record';

/** A person acting, with the roles the directory gives them now (not what a card claims). */
export interface PersonActor {
  id: PersonId;
  roles: readonly Role[];
}

/** Reminders, expiry and automatic escalation are done by the bot itself, not by a person. */
export const SYSTEM_ACTOR = { id: 'system', system: true } as const;
export type SystemActor = typeof SYSTEM_ACTOR;

export type Actor = PersonActor | SystemActor;

export function isSystem(actor: Actor): actor is SystemActor {
  return 'system' in actor;
}

export function actorFor(directory: Directory, id: PersonId): PersonActor {
  return { id: id.toLowerCase(), roles: directory.rolesOf(id) };
}

export type Permission = 'decide' | 'withdraw' | 'view';

export type DecisionRefusal = 'own-request' | 'not-allowed-to-decide';

function isCommunicationsRole(roles: readonly Role[]): boolean {
  return roles.some((r) => r.kind === 'communications');
}

/**
 * Whether this person may decide the request in its present state, and if not,
 * why. Nobody decides their own request. Once escalated, or when routed to
 * Communications, only Communications decides; otherwise the people the request
 * was routed to.
 */
export function decisionRefusal(actor: PersonActor, request: RequestRecord): DecisionRefusal | null {
  const id = actor.id.toLowerCase();
  if (id === request.requesterId.toLowerCase()) return 'own-request';
  // Communications as it is today, not as it was at submission, so a new member can pick up the queue.
  if (request.state === 'escalated' || request.decidedBy === 'communications') {
    return isCommunicationsRole(actor.roles) ? null : 'not-allowed-to-decide';
  }
  return request.deciders.includes(id) ? null : 'not-allowed-to-decide';
}

/** Whether the person could decide this request at some point: a routed decider, or Communications. */
export function isDeciderOf(actor: PersonActor, request: RequestRecord): boolean {
  const id = actor.id.toLowerCase();
  return id !== request.requesterId.toLowerCase() && (request.deciders.includes(id) || isCommunicationsRole(actor.roles));
}

function mayView(id: PersonId, roles: readonly Role[], request: RequestRecord): boolean {
  if (id === request.requesterId.toLowerCase() || request.deciders.includes(id)) return true;
  const unit = request.unit;
  return roles.some((role) => {
    switch (role.kind) {
      case 'communications':
        return true;
      case 'principal':
      case 'designate':
        return unit?.type === 'school' && unit.id === role.schoolId;
      case 'supervisor':
        return (
          (unit?.type === 'department' && unit.id === role.departmentId) ||
          (unit?.type === 'school' && (role.schoolIds ?? []).includes(unit.id))
        );
    }
  });
}

/**
 * Small pure predicates for who may do what, read from the directory each time
 * so that a role given or taken away applies at once.
 */
export function can(actor: { id: PersonId }, permission: Permission, request: RequestRecord, directory: Directory): boolean {
  const person = actorFor(directory, actor.id);
  switch (permission) {
    case 'decide':
      return (request.state === 'awaiting-decision' || request.state === 'escalated') && decisionRefusal(person, request) === null;
    case 'withdraw':
      return person.id === request.requesterId.toLowerCase() && request.state !== null && !isFinal(request.state);
    case 'view':
      return mayView(person.id, person.roles, request);
  }
}
