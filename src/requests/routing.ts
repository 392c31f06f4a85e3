import type { Directory, PersonId, UnitRef } from '../directory/types';
import type { Logo, OnBehalfOf, RequestContent } from './kinds';
import type { DecidedBy } from './record';
import type { RequestKind } from './requestKind';

export interface RouteInput {
  kind: RequestKind;
  requesterId: PersonId;
  /** The school or department the request concerns; may be absent when speaking for the whole district. */
  unit?: UnitRef;
  onBehalfOf?: OnBehalfOf;
  logo?: Logo;
}

export interface Route {
  /**
   * Who may decide, never including the requester. Empty only when the requester
   * is the sole member of Communications, which the directory should not allow in practice.
   */
  deciders: PersonId[];
  decidedBy: DecidedBy;
  /** One sentence for the card and the audit trail: why these people. */
  reason: string;
}

function unique(ids: readonly PersonId[]): PersonId[] {
  return [...new Set(ids.map((id) => id.toLowerCase()))];
}

/**
 * Who must give written permission (4.10, 4.12, 4.13): a school's principal and
 * designates for its staff, a department's supervisor for central staff, and
 * Communications for the Board's logo or for speaking for the whole district.
 * Nobody decides their own request: a principal's or designate's own request
 * goes to the principal's supervisor, and whenever a level has nobody left once
 * the requester is removed, the request moves up, ending at Communications.
 */
export function route(request: RouteInput, directory: Directory, options: { crisis?: boolean } = {}): Route {
  const requester = request.requesterId.toLowerCase();
  const others = (ids: readonly PersonId[]): PersonId[] => unique(ids).filter((id) => id !== requester);

  const toCommunications = (why: string): Route => {
    const deciders = others(directory.communications().members);
    const reason =
      deciders.length > 0 ? why : `${why} Communications has no member other than the requester, so nobody can decide yet.`;
    return { deciders, decidedBy: 'communications', reason };
  };

  // In a crisis Communications handles all public communication (3.2), so it decides every new request.
  if (options.crisis) return toCommunications('Crisis mode is on: Communications handles all public communication (3.2), so it decides.');
  if (request.logo === 'board') return toCommunications("The Board's logo is for Communications to permit (4.13).");
  if (request.onBehalfOf === 'district') {
    return toCommunications('Speaking for the whole district or the Board is decided by Communications (4.12).');
  }
  const unit = request.unit;
  if (!unit) return toCommunications('No school or department was named, so Communications decides.');

  if (unit.type === 'school') {
    const school = directory.school(unit.id);
    if (!school) return toCommunications(`The school "${unit.id}" is not in the directory, so Communications decides.`);
    const leads = unique([school.principal, ...school.designates]);
    if (!leads.includes(requester)) {
      return {
        deciders: leads,
        decidedBy: 'principal',
        reason: `The principal or a designate of ${school.name} decides for its staff.`,
      };
    }
    // Designates act for the principal, so a designate's own request is treated like the principal's.
    const who = requester === school.principal ? 'the principal' : 'a designate';
    const supervisor = school.supervisor ? others([school.supervisor]) : [];
    if (supervisor.length > 0) {
      return {
        deciders: supervisor,
        decidedBy: 'supervisor',
        reason: `The requester is ${who} of ${school.name}, so the principal's supervisor decides.`,
      };
    }
    return toCommunications(`The requester is ${who} of ${school.name} and no supervisor is listed above them, so Communications decides.`);
  }

  const department = directory.department(unit.id);
  if (!department) return toCommunications(`The department "${unit.id}" is not in the directory, so Communications decides.`);
  const supervisor = others([department.supervisor]);
  if (supervisor.length > 0) {
    return {
      deciders: supervisor,
      decidedBy: 'supervisor',
      reason: `The supervisor of ${department.name} decides for its staff.`,
    };
  }
  return toCommunications(`The requester supervises ${department.name}, so Communications decides.`);
}

/** The routing facts of a validated request. */
export function routeInputFor(request: RequestContent, requesterId: PersonId, directory: Directory): RouteInput {
  const base = { kind: request.kind, requesterId };
  switch (request.kind) {
    case 'speak-on-behalf': {
      const { onBehalfOf, unitId } = request.value;
      if (unitId === undefined) return { ...base, onBehalfOf };
      // Speaking for the district, the unit only says where the requester works, and may be either kind.
      const type = onBehalfOf === 'department' || (onBehalfOf === 'district' && directory.department(unitId)) ? 'department' : 'school';
      return { ...base, onBehalfOf, unit: { type, id: unitId } };
    }
    case 'logo-use': {
      const { logo, unitId } = request.value;
      return unitId === undefined ? { ...base, logo } : { ...base, logo, unit: { type: 'school', id: unitId } };
    }
    case 'school-account':
    case 'club-following':
      return { ...base, unit: { type: 'school', id: request.value.unitId } };
  }
}
