import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DirectoryError,
  SAMPLE_DIRECTORY_PATH,
  loadDirectory,
  loadSampleDirectory,
  parseDirectory,
  staffOf,
} from '../../../src/directory';

const P = {
  principal: '11111111-1111-4111-8111-111111111111',
  vp: '22222222-2222-4222-8222-222222222222',
  teacher: '33333333-3333-4333-8333-333333333333',
  supervisor: '44444444-4444-4444-8444-444444444444',
  comms: '55555555-5555-4555-8555-555555555555',
};

/** A small valid file; each test breaks one thing in it. */
function file(overrides: { schools?: string; departments?: string; people?: string; communications?: string } = {}): string {
  return `
people:
${overrides.people ?? `  - { id: ${P.principal}, name: Pat Principal, email: pat@district.example }
  - { id: ${P.vp}, name: Val Vice, email: val@district.example }
  - { id: ${P.teacher}, name: Terry Teacher, email: Terry.Teacher@District.example }
  - { id: ${P.supervisor}, name: Sam Super, email: sam@district.example }
  - { id: ${P.comms}, name: Cal Comms, email: cal@district.example }`}
schools:
${overrides.schools ?? `  - id: north
    name: North School
    genericEmail: north@district.example
    principal: ${P.principal}
    designates: [${P.vp}]
    supervisor: ${P.supervisor}
    staff: [${P.teacher}]`}
departments:
${overrides.departments ?? `  - { id: finance, name: Finance, supervisor: ${P.supervisor} }`}
communications:
${overrides.communications ?? `  members: [${P.comms}]`}
`;
}

function errorOf(text: string): DirectoryError {
  try {
    parseDirectory(text, 'directory.yaml');
  } catch (e) {
    if (e instanceof DirectoryError) return e;
    throw e;
  }
  throw new Error('expected a DirectoryError');
}

describe('the sample directory', () => {
  const dir = loadSampleDirectory();

  it('loads from the embedded default path', () => {
    expect(SAMPLE_DIRECTORY_PATH).toMatch(/src[\\/]directory[\\/]sample-directory\.yaml$/);
    expect(dir.schools().map((s) => s.name)).toEqual([
      'Maple Grove Public School',
      'Riverside Secondary School',
      'Cedar Hills Elementary',
    ]);
    expect(dir.departments().map((d) => d.name)).toEqual(['Learning Technologies', 'Human Resources']);
    expect(dir.communications().members).toHaveLength(2);
    expect(dir.communications().channel?.channelId).toMatch(/@thread\.tacv2$/);
  });

  it('gives every school a principal, designates, a supervisor, staff and a generic email', () => {
    for (const s of dir.schools()) {
      expect(dir.person(s.principal)).toBeDefined();
      expect(s.designates.length).toBeGreaterThanOrEqual(1);
      expect(s.designates.length).toBeLessThanOrEqual(2);
      expect(s.supervisor && dir.person(s.supervisor)).toBeDefined();
      expect((s.staff ?? []).length).toBeGreaterThanOrEqual(3);
      expect(s.genericEmail).toMatch(/@district\.example$/);
    }
  });

  it('finds people by email or UPN regardless of case', () => {
    const amara = dir.personByEmail('AMARA.OKAFOR@district.example');
    expect(amara?.name).toBe('Amara Okafor');
    expect(dir.person(amara!.id.toUpperCase())?.name).toBe('Amara Okafor');
    expect(dir.personByEmail('nobody@district.example')).toBeUndefined();
  });

  it('knows each person’s roles', () => {
    const id = (email: string) => dir.personByEmail(email)!.id;
    expect(dir.rolesOf(id('amara.okafor@district.example'))).toEqual([{ kind: 'principal', schoolId: 'maple-grove' }]);
    expect(dir.rolesOf(id('kenji.tanaka@district.example'))).toEqual([{ kind: 'designate', schoolId: 'riverside' }]);
    expect(dir.rolesOf(id('helen.marchetti@district.example'))).toEqual([
      { kind: 'supervisor', schoolIds: ['maple-grove', 'cedar-hills'] },
    ]);
    expect(dir.rolesOf(id('victor.castellanos@district.example'))).toEqual([
      { kind: 'supervisor', departmentId: 'learning-technologies' },
    ]);
    expect(dir.rolesOf(id('claire.donovan@district.example'))).toEqual([{ kind: 'communications' }]);
    expect(dir.rolesOf(id('priya.nair@district.example'))).toEqual([]);
  });

  it('knows the units a person belongs to', () => {
    const id = (email: string) => dir.personByEmail(email)!.id;
    expect(dir.unitsOf(id('priya.nair@district.example'))).toEqual([
      { type: 'school', id: 'maple-grove', name: 'Maple Grove Public School', relations: ['staff'] },
    ]);
    expect(dir.unitsOf(id('raj.patel@district.example'))).toEqual([
      { type: 'department', id: 'learning-technologies', name: 'Learning Technologies', relations: ['staff'] },
    ]);
    expect(dir.unitsOf(id('helen.marchetti@district.example')).map((u) => `${u.id}:${u.relations.join('+')}`)).toEqual([
      'maple-grove:supervisor',
      'cedar-hills:supervisor',
    ]);
    expect(dir.unitsOf(id('claire.donovan@district.example'))).toEqual([]);
  });

  it('counts principal, designates and listed staff as a school’s staff', () => {
    const s = dir.school('riverside')!;
    expect(staffOf(dir, { type: 'school', id: 'riverside' })).toEqual([s.principal, ...s.designates, ...(s.staff ?? [])]);
    expect(staffOf(dir, { type: 'school', id: 'nowhere' })).toEqual([]);
  });
});

describe('a directory file with mistakes', () => {
  it('accepts the valid base file and lower-cases ids', () => {
    const dir = parseDirectory(file().replace(P.principal, P.principal.toUpperCase()), 'directory.yaml');
    expect(dir.school('north')?.principal).toBe(P.principal);
    expect(dir.personByEmail('terry.teacher@district.example')?.id).toBe(P.teacher);
  });

  it.each([
    [
      'an unknown principal',
      file({
        schools: `  - { id: north, name: North, genericEmail: n@district.example, principal: 99999999-9999-4999-8999-999999999999 }`,
      }),
      'directory.yaml: schools[0].principal: unknown person "99999999-9999-4999-8999-999999999999"',
    ],
    [
      'a school without a principal',
      file({ schools: `  - { id: north, name: North, genericEmail: n@district.example }` }),
      'directory.yaml: schools[0].principal: is required',
    ],
    [
      'a designate who is the principal',
      file({
        schools: `  - { id: north, name: North, genericEmail: n@district.example, principal: ${P.principal}, designates: [${P.vp}, ${P.principal}] }`,
      }),
      'directory.yaml: schools[0].designates[1]: the principal cannot also be their own designate',
    ],
    [
      'a malformed GUID',
      file({
        schools: `  - { id: north, name: North, genericEmail: n@district.example, principal: not-a-guid }`,
      }),
      'directory.yaml: schools[0].principal: must be an Entra object id',
    ],
    [
      'a malformed email',
      file({ people: `  - { id: ${P.comms}, name: Cal, email: cal-at-district }`, schools: '  []', departments: '  []' }),
      'directory.yaml: people[0].email: must be an email address or user principal name',
    ],
    [
      'a duplicate person id',
      file({
        people: `  - { id: ${P.comms}, name: Cal, email: cal@district.example }
  - { id: ${P.comms}, name: Cal Again, email: cal2@district.example }`,
        schools: '  []',
        departments: '  []',
      }),
      `directory.yaml: people[1].id: duplicate person id "${P.comms}"`,
    ],
    [
      'a duplicate email',
      file({
        people: `  - { id: ${P.comms}, name: Cal, email: cal@district.example }
  - { id: ${P.vp}, name: Cal Again, email: CAL@district.example }`,
        schools: '  []',
        departments: '  []',
      }),
      'directory.yaml: people[1].email: "CAL@district.example" is already used by people[0]',
    ],
    [
      'a department id reused by a school',
      file({ departments: `  - { id: north, name: North Office, supervisor: ${P.supervisor} }` }),
      'directory.yaml: departments[0].id: duplicate school or department id "north"',
    ],
    [
      'an unknown Communications member',
      file({ communications: `  members: [${P.comms}, 99999999-9999-4999-8999-999999999999]` }),
      'directory.yaml: communications.members[1]: unknown person',
    ],
    [
      'an empty Communications',
      file({ communications: `  members: []` }),
      'directory.yaml: communications.members: must list at least one member',
    ],
    [
      'a misspelt field',
      file({
        schools: `  - { id: north, name: North, genericEmail: n@district.example, principal: ${P.principal}, designate: [${P.vp}] }`,
      }),
      'directory.yaml: schools[0].designate: unknown field',
    ],
    [
      'a unit id that is not a slug',
      file({ departments: `  - { id: Human Resources, name: HR, supervisor: ${P.supervisor} }` }),
      'directory.yaml: departments[0].id: must be a short id',
    ],
  ])('names the field at fault: %s', (_what, text, expected) => {
    const err = errorOf(text);
    expect(err.reason).toBe('invalid');
    expect(err.message).toContain(expected);
  });

  it('reports YAML syntax errors with a line', () => {
    const err = errorOf('people:\n  - { id: x, name: [unclosed\n');
    expect(err.reason).toBe('syntax');
    expect(err.message).toMatch(/^directory\.yaml: line \d+, column \d+: /);
  });

  it('reports an empty file', () => {
    expect(errorOf('').message).toBe(
      'directory.yaml: the file is empty; expected people, schools, departments and communications',
    );
  });

  it('names the file it could not read, and the file whose field is wrong', () => {
    expect(() => loadDirectory('/nonexistent/directory.yaml')).toThrow(
      /^\/nonexistent\/directory\.yaml: cannot read the directory file/,
    );
    const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dir-')), 'directory.yaml');
    fs.writeFileSync(tmp, file({ schools: `  - { id: north, name: North, genericEmail: n@district.example }` }));
    try {
      expect(() => loadDirectory(tmp)).toThrow(`${tmp}: schools[0].principal: is required`);
    } finally {
      fs.rmSync(path.dirname(tmp), { recursive: true, force: true });
    }
  });
});
