import type {
  Communications,
  Department,
  Directory,
  DirectoryData,
  Person,
  PersonId,
  Role,
  School,
  UnitMembership,
  UnitRelation,
} from './types';

/**
 * A directory over data already checked (see `parseDirectory`); it does not
 * validate again. Ids are looked up in lower case because Entra object ids
 * arrive from Teams in lower case but may be pasted into YAML in upper case.
 */
export function createDirectory(data: DirectoryData): Directory {
  const people = new Map<PersonId, Person>(data.people.map((p) => [p.id.toLowerCase(), p]));
  const byEmail = new Map<string, Person>(data.people.map((p) => [p.email.toLowerCase(), p]));
  const schools = new Map<string, School>(data.schools.map((s) => [s.id, s]));
  const departments = new Map<string, Department>(data.departments.map((d) => [d.id, d]));
  const communications: Communications = data.communications;

  function rolesOf(personId: PersonId): Role[] {
    const id = personId.toLowerCase();
    const roles: Role[] = [];
    for (const s of data.schools) {
      if (s.principal === id) roles.push({ kind: 'principal', schoolId: s.id });
      if (s.designates.includes(id)) roles.push({ kind: 'designate', schoolId: s.id });
    }
    for (const d of data.departments) {
      if (d.supervisor === id) roles.push({ kind: 'supervisor', departmentId: d.id });
    }
    const supervisedSchools = data.schools.filter((s) => s.supervisor === id).map((s) => s.id);
    if (supervisedSchools.length > 0) roles.push({ kind: 'supervisor', schoolIds: supervisedSchools });
    if (communications.members.includes(id)) roles.push({ kind: 'communications' });
    return roles;
  }

  function unitsOf(personId: PersonId): UnitMembership[] {
    const id = personId.toLowerCase();
    const units: UnitMembership[] = [];
    for (const s of data.schools) {
      const relations: UnitRelation[] = [];
      if (s.principal === id) relations.push('principal');
      if (s.designates.includes(id)) relations.push('designate');
      if (s.supervisor === id) relations.push('supervisor');
      if (s.staff?.includes(id)) relations.push('staff');
      if (relations.length > 0) units.push({ type: 'school', id: s.id, name: s.name, relations });
    }
    for (const d of data.departments) {
      const relations: UnitRelation[] = [];
      if (d.supervisor === id) relations.push('supervisor');
      if (d.staff?.includes(id)) relations.push('staff');
      if (relations.length > 0) units.push({ type: 'department', id: d.id, name: d.name, relations });
    }
    return units;
  }

  return {
    person: (id) => people.get(id.toLowerCase()),
    personByEmail: (emailOrUpn) => byEmail.get(emailOrUpn.trim().toLowerCase()),
    schools: () => data.schools,
    school: (id) => schools.get(id),
    departments: () => data.departments,
    department: (id) => departments.get(id),
    communications: () => communications,
    rolesOf,
    unitsOf,
  };
}
