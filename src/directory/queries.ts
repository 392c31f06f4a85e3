import type { Directory, PersonId, UnitRef } from './types';

/**
 * The people who belong to a unit for the purposes of a request: for a school,
 * its principal, designates and listed staff; for a department, its supervisor
 * and listed staff. A school's supervisor (a superintendent) oversees the school
 * but is not one of its staff, so cannot be named its account advisor.
 */
export function staffOf(directory: Directory, unit: UnitRef): PersonId[] {
  const ids: PersonId[] = [];
  if (unit.type === 'school') {
    const school = directory.school(unit.id);
    if (school) ids.push(school.principal, ...school.designates, ...(school.staff ?? []));
  } else {
    const department = directory.department(unit.id);
    if (department) ids.push(department.supervisor, ...(department.staff ?? []));
  }
  return [...new Set(ids)];
}

export function isStaffOf(directory: Directory, personId: PersonId, unit: UnitRef): boolean {
  return staffOf(directory, unit).includes(personId.toLowerCase());
}

export function unitName(directory: Directory, unit: UnitRef): string | undefined {
  return unit.type === 'school' ? directory.school(unit.id)?.name : directory.department(unit.id)?.name;
}

export function isCommunications(directory: Directory, personId: PersonId): boolean {
  return directory.communications().members.includes(personId.toLowerCase());
}
