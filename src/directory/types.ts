/**
 * Who is who in the district, in the procedure's words: schools with their
 * principal and designates, central departments with their supervisor, and the
 * Communications department. People are identified by their Entra object id so
 * that an id arriving from Teams (`aadObjectId`) can be looked up directly.
 */

/** An Entra (Azure AD) object id: a GUID, kept in lower case. */
export type PersonId = string;

export interface Person {
  id: PersonId;
  name: string;
  /** Email address or user principal name; both look like `name@domain`. */
  email: string;
}

export interface School {
  /** A short slug such as `maple-grove`, stable across renames. */
  id: string;
  name: string;
  principal: PersonId;
  /** Usually vice-principals; they may act for the principal (4.3, 4.10, 4.12, 4.13). */
  designates: PersonId[];
  /** The school's generic mailbox, which school accounts must be created with (4.11). */
  genericEmail: string;
  /** The principal's own supervisor (e.g. a superintendent), who decides the principal's requests. */
  supervisor?: PersonId;
  staff?: PersonId[];
}

export interface Department {
  id: string;
  name: string;
  /** Decides for central staff as a principal does for a school (4.12, 4.13). */
  supervisor: PersonId;
  staff?: PersonId[];
}

export interface CommunicationsChannel {
  teamId: string;
  channelId: string;
  name: string;
}

export interface Communications {
  members: PersonId[];
  /** Where escalated requests are posted. */
  channel?: CommunicationsChannel;
}

export type UnitType = 'school' | 'department';

/** A school or a department, named the way a request names the unit it concerns. */
export interface UnitRef {
  type: UnitType;
  id: string;
}

export type UnitRelation = 'staff' | 'principal' | 'designate' | 'supervisor';

export interface UnitMembership extends UnitRef {
  name: string;
  /** A vice-principal may be listed both as staff and as a designate. */
  relations: UnitRelation[];
}

export type Role =
  | { kind: 'principal'; schoolId: string }
  | { kind: 'designate'; schoolId: string }
  | { kind: 'supervisor'; departmentId?: string; schoolIds?: string[] }
  | { kind: 'communications' };

/**
 * Read access to the directory. Synchronous on purpose: routing, validation and
 * permissions are pure functions over a snapshot. A Microsoft Graph-backed
 * directory would fetch and refresh a snapshot outside the core and hand the core
 * an object implementing this interface.
 */
export interface Directory {
  person(id: PersonId): Person | undefined;
  /** Case-insensitive, as Entra treats addresses and UPNs. */
  personByEmail(emailOrUpn: string): Person | undefined;
  schools(): readonly School[];
  school(id: string): School | undefined;
  departments(): readonly Department[];
  department(id: string): Department | undefined;
  communications(): Communications;
  rolesOf(personId: PersonId): Role[];
  unitsOf(personId: PersonId): UnitMembership[];
}

/** Everything a directory knows, as plain data (what the YAML file holds once validated). */
export interface DirectoryData {
  people: Person[];
  schools: School[];
  departments: Department[];
  communications: Communications;
}
