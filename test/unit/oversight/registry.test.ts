import { createDirectory, loadSampleDirectory, type DirectoryData } from '../../../src/directory';
import { mayManageAccount, problemFingerprint, problemText, registeredAccount } from '../../../src/oversight/registry';
import type { StoredRequest } from '../../../src/requests/ports';
import { capabilitiesOf, scopeOf, viewerFor } from '../../../src/oversight/viewer';

const sample = loadSampleDirectory();
const id = (who: string) => sample.personByEmail(`${who}@district.example`)!.id;

/** Everyone the sample directory lists, by id. */
function everyone(): string[] {
  return [
    ...new Set([
      ...sample.schools().flatMap((s) => [s.principal, ...s.designates, ...(s.staff ?? []), ...(s.supervisor ? [s.supervisor] : [])]),
      ...sample.departments().flatMap((d) => [d.supervisor, ...(d.staff ?? [])]),
      ...sample.communications().members,
    ]),
  ];
}

/** The sample district with some people gone from it, as when staff leave. */
function districtWithout(...who: string[]) {
  const gone = new Set(who.map(id));
  const data: DirectoryData = {
    people: everyone().filter((p) => !gone.has(p)).map((p) => sample.person(p)!),
    schools: sample.schools().map((s) => ({ ...s, staff: (s.staff ?? []).filter((p) => !gone.has(p)) })),
    departments: [...sample.departments()],
    communications: sample.communications(),
  };
  return createDirectory(data);
}

const approved: StoredRequest = {
  id: 'acc-1',
  number: 'WP-2026-0007',
  kind: 'school-account',
  requesterId: id('priya.nair'),
  requesterName: 'Priya Nair',
  unit: { type: 'school', id: 'maple-grove' },
  state: 'approved',
  version: 2,
  values: { unitId: 'maple-grove', platform: 'instagram', accountName: '@maplegrove_library', purpose: 'Library', advisorId: id('sofia.haddad'), administratorIds: [id('sofia.haddad'), id('marcus.leclerc')], createdWithGenericEmail: true },
  deciders: [],
  decidedBy: 'principal',
  createdAt: '2026-01-05T15:00:00.000Z',
  updatedAt: '2026-01-06T15:00:00.000Z',
  decidedAt: '2026-01-06T15:00:00.000Z',
  reminderCount: 0,
};
const soon = new Date('2026-02-01T15:00:00.000Z');

describe('the school-account registry (4.10, 4.14)', () => {
  it('lists an approved account with its advisor and administrators, with nothing wrong', () => {
    const a = registeredAccount(approved, undefined, sample, soon, 90);
    expect(a).toMatchObject({ accountName: '@maplegrove_library', platform: 'Instagram', schoolName: 'Maple Grove Public School', advisor: { name: 'Sofia Haddad', present: true }, problems: [] });
    expect(a.administrators.map((p) => p.name)).toEqual(['Sofia Haddad', 'Marcus Leclerc']);
  });

  it('sees the advisor leave and the account fall under two staff administrators', () => {
    const a = registeredAccount(approved, undefined, districtWithout('sofia.haddad'), soon, 90);
    expect(a.problems.map((p) => p.kind)).toEqual(['advisor-left', 'too-few-administrators']);
    expect(a.advisor).toMatchObject({ present: false, name: 'No longer in the directory' });
    const [left, few] = a.problems;
    expect(problemText(a, left!, 90)).toMatch(/lost its staff advisor.*4\.10/);
    expect(problemText(a, few!, 90)).toMatch(/only 1 staff administrator left.*at least 2/);
    expect(problemFingerprint(few!)).toBe(id('marcus.leclerc'));
  });

  it('counts someone moved off the school’s staff as gone too', () => {
    const moved = createDirectory({
      people: everyone().map((p) => sample.person(p)!),
      schools: sample.schools().map((s) => (s.id === 'maple-grove' ? { ...s, staff: (s.staff ?? []).filter((p) => p !== id('marcus.leclerc')) } : s)),
      departments: [...sample.departments()],
      communications: sample.communications(),
    });
    const a = registeredAccount(approved, undefined, moved, soon, 90);
    expect(a.problems.map((p) => p.kind)).toEqual(['too-few-administrators']);
    expect(a.administrators.find((p) => p.id === id('marcus.leclerc'))).toMatchObject({ name: 'Marcus Leclerc', present: false });
  });

  it('warns of inactivity from the latest recorded activity, or the approval', () => {
    const later = new Date('2026-05-01T15:00:00.000Z');
    const idle = registeredAccount(approved, undefined, sample, later, 90);
    expect(idle.problems).toEqual([{ kind: 'inactive', days: 115, since: '2026-01-06T15:00:00.000Z' }]);
    expect(registeredAccount(approved, '2026-04-01T15:00:00.000Z', sample, later, 90).problems).toEqual([]);
  });

  it('lets its people, its school’s leads and Communications manage it, and nobody else', () => {
    const a = registeredAccount(approved, undefined, sample, soon, 90);
    for (const who of ['sofia.haddad', 'marcus.leclerc', 'amara.okafor', 'daniel.tremblay', 'claire.donovan']) expect([who, mayManageAccount(a, id(who), sample)]).toEqual([who, true]);
    for (const who of ['priya.nair', 'gregory.whitfield', 'helen.marchetti']) expect([who, mayManageAccount(a, id(who), sample)]).toEqual([who, false]);
  });
});

describe('who the tab thinks you are', () => {
  it('gives each role its scope and capabilities from the directory', () => {
    const staff = viewerFor(sample, id('priya.nair'));
    expect(scopeOf(staff)).toEqual({ all: false, personId: id('priya.nair'), schoolIds: [], departmentIds: [] });
    expect(capabilitiesOf(staff)).toEqual({ seeAll: false, oversee: false, crisis: false, misuseReports: false });
    expect(scopeOf(viewerFor(sample, id('daniel.tremblay')))).toMatchObject({ schoolIds: ['maple-grove'] });
    expect(scopeOf(viewerFor(sample, id('helen.marchetti')))).toMatchObject({ schoolIds: ['maple-grove', 'cedar-hills'] });
    expect(scopeOf(viewerFor(sample, id('victor.castellanos')))).toMatchObject({ departmentIds: ['learning-technologies'] });
    expect(scopeOf(viewerFor(sample, id('claire.donovan')))).toEqual({ all: true });
    expect(viewerFor(sample, '0a0a0a0a-1111-4222-8333-444444444444', 'Token Name')).toMatchObject({ known: false, name: 'Token Name', roles: [] });
  });
});
