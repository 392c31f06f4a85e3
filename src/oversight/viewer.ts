import type { Directory, PersonId, Role } from '../directory/types';
import type { RequestScope } from '../store/oversight';

/**
 * Who is looking at the oversight tab, with the roles the directory gives
 * them now (never what a token or a page claims), and what follows from
 * them: staff see their own requests and those routed to them, principals
 * and designates their school's, supervisors their department's or the
 * schools they oversee, Communications everything.
 */
export interface Viewer {
  id: PersonId;
  name: string;
  /** Listed in the directory at all. */
  known: boolean;
  roles: Role[];
  communications: boolean;
  /** Schools they lead (principal, designate) or oversee (a superintendent). */
  schoolIds: string[];
  /** Departments they supervise. */
  departmentIds: string[];
}

export function viewerFor(directory: Directory, id: PersonId, tokenName = ''): Viewer {
  const person = directory.person(id);
  const roles = directory.rolesOf(id);
  const schoolIds = new Set<string>();
  const departmentIds = new Set<string>();
  for (const role of roles) {
    switch (role.kind) {
      case 'principal':
      case 'designate':
        schoolIds.add(role.schoolId);
        break;
      case 'supervisor':
        if (role.departmentId) departmentIds.add(role.departmentId);
        for (const s of role.schoolIds ?? []) schoolIds.add(s);
        break;
      case 'communications':
        break;
    }
  }
  return {
    id: id.toLowerCase(),
    name: person?.name ?? (tokenName.trim() || 'Signed-in user'),
    known: person !== undefined,
    roles,
    communications: roles.some((r) => r.kind === 'communications'),
    schoolIds: [...schoolIds],
    departmentIds: [...departmentIds],
  };
}

export function scopeOf(viewer: Viewer): RequestScope {
  return viewer.communications ? { all: true } : { all: false, personId: viewer.id, schoolIds: viewer.schoolIds, departmentIds: viewer.departmentIds };
}

/** People who oversee a unit or the district: they get charts, history, the registry and exports. */
export function oversees(viewer: Viewer): boolean {
  return viewer.communications || viewer.schoolIds.length > 0 || viewer.departmentIds.length > 0;
}

/** Principals and designates lead their school: they see its accounts' misuse reports (4.18 goes to Communications first). */
export function leadsSchool(viewer: Viewer, schoolId: string): boolean {
  return viewer.roles.some((r) => (r.kind === 'principal' || r.kind === 'designate') && r.schoolId === schoolId);
}

export interface Capabilities {
  /** Every request in the district, with filters and search. */
  seeAll: boolean;
  /** Charts, their units' history and the CSV export. */
  oversee: boolean;
  /** Turn crisis mode on and off (3.2). */
  crisis: boolean;
  /** Misuse reports: Communications all, principals and designates their school's. */
  misuseReports: boolean;
}

export function capabilitiesOf(viewer: Viewer): Capabilities {
  const leads = viewer.roles.some((r) => r.kind === 'principal' || r.kind === 'designate');
  return { seeAll: viewer.communications, oversee: oversees(viewer), crisis: viewer.communications, misuseReports: viewer.communications || leads };
}

/** How the tab names someone's role, most senior first. */
export function roleLabel(viewer: Viewer, schoolName: (id: string) => string): string {
  if (viewer.communications) return 'Communications';
  const principal = viewer.roles.find((r) => r.kind === 'principal');
  if (principal?.kind === 'principal') return `Principal, ${schoolName(principal.schoolId)}`;
  const designate = viewer.roles.find((r) => r.kind === 'designate');
  if (designate?.kind === 'designate') return `Designate, ${schoolName(designate.schoolId)}`;
  if (viewer.roles.some((r) => r.kind === 'supervisor')) return 'Supervisor';
  return viewer.known ? 'Staff' : 'Not in the district directory';
}
