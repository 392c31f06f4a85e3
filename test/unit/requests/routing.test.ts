import { parseDirectory } from '../../../src/directory';
import type { UnitRef } from '../../../src/directory';
import type { Logo, OnBehalfOf } from '../../../src/requests/kinds';
import type { RequestKind } from '../../../src/requests/requestKind';
import { route, routeInputFor } from '../../../src/requests/routing';
import { dir, id, names } from './sample';

type Row = [
  requester: string,
  kind: RequestKind,
  unit: UnitRef | undefined,
  extra: { onBehalfOf?: OnBehalfOf; logo?: Logo },
  deciders: string[],
  decidedBy: 'principal' | 'supervisor' | 'communications',
];

const school = (id: string): UnitRef => ({ type: 'school', id });
const department = (id: string): UnitRef => ({ type: 'department', id });
const COMMS = ['claire.donovan', 'andre.pelletier'];

describe('route: who must give written permission', () => {
  it.each<Row>([
    // School staff → that school's principal and designates (4.12, 4.13, 4.10, 4.7)
    ['priya.nair', 'speak-on-behalf', school('maple-grove'), { onBehalfOf: 'school' }, ['amara.okafor', 'daniel.tremblay'], 'principal'],
    ['emily.sanderson', 'logo-use', school('riverside'), { logo: 'school' }, ['gregory.whitfield', 'nadia.bouchard', 'kenji.tanaka'], 'principal'],
    ['grace.lindqvist', 'school-account', school('cedar-hills'), {}, ['fatima.rahman', 'samuel.osei'], 'principal'],
    ['aisha.mohamed', 'club-following', school('cedar-hills'), {}, ['fatima.rahman', 'samuel.osei'], 'principal'],
    // The unit named in the request decides, not where the requester works
    ['priya.nair', 'logo-use', school('riverside'), { logo: 'school' }, ['gregory.whitfield', 'nadia.bouchard', 'kenji.tanaka'], 'principal'],
    // A superintendent is not a lead of the school, so its principal decides
    ['helen.marchetti', 'school-account', school('maple-grove'), {}, ['amara.okafor', 'daniel.tremblay'], 'principal'],
    // Department staff → their supervisor
    ['raj.patel', 'speak-on-behalf', department('learning-technologies'), { onBehalfOf: 'department' }, ['victor.castellanos'], 'supervisor'],
    ['tomasz.nowak', 'speak-on-behalf', department('human-resources'), { onBehalfOf: 'department' }, ['margaret.beaulieu'], 'supervisor'],
    // The Board's logo or speaking for the whole district → Communications
    ['priya.nair', 'logo-use', school('maple-grove'), { logo: 'board' }, COMMS, 'communications'],
    ['raj.patel', 'speak-on-behalf', department('learning-technologies'), { onBehalfOf: 'district' }, COMMS, 'communications'],
    ['raj.patel', 'speak-on-behalf', undefined, { onBehalfOf: 'district' }, COMMS, 'communications'],
    ['gregory.whitfield', 'logo-use', school('riverside'), { logo: 'board' }, COMMS, 'communications'],
    ['amara.okafor', 'speak-on-behalf', school('maple-grove'), { onBehalfOf: 'district' }, COMMS, 'communications'],
    // A principal's or designate's own request → the principal's supervisor
    ['amara.okafor', 'speak-on-behalf', school('maple-grove'), { onBehalfOf: 'school' }, ['helen.marchetti'], 'supervisor'],
    ['daniel.tremblay', 'logo-use', school('maple-grove'), { logo: 'school' }, ['helen.marchetti'], 'supervisor'],
    ['kenji.tanaka', 'school-account', school('riverside'), {}, ['robert.asante'], 'supervisor'],
    ['fatima.rahman', 'club-following', school('cedar-hills'), {}, ['helen.marchetti'], 'supervisor'],
    // A department supervisor's own request → Communications (nobody above them in the directory)
    ['victor.castellanos', 'speak-on-behalf', department('learning-technologies'), { onBehalfOf: 'department' }, COMMS, 'communications'],
    // Communications never decides its own member's request
    ['claire.donovan', 'logo-use', undefined, { logo: 'board' }, ['andre.pelletier'], 'communications'],
    ['andre.pelletier', 'speak-on-behalf', undefined, { onBehalfOf: 'district' }, ['claire.donovan'], 'communications'],
    // Units the directory does not know → Communications, which can decide anything
    ['priya.nair', 'school-account', school('atlantis'), {}, COMMS, 'communications'],
    ['raj.patel', 'speak-on-behalf', department('finance'), { onBehalfOf: 'department' }, COMMS, 'communications'],
    ['priya.nair', 'logo-use', undefined, { logo: 'school' }, COMMS, 'communications'],
  ])('%s, %s for %j %j → %j (%s)', (requester, kind, unit, extra, expected, decidedBy) => {
    const result = route({ kind, requesterId: id(requester), ...(unit ? { unit } : {}), ...extra }, dir);
    expect(names(result.deciders)).toEqual(expected);
    expect(result.decidedBy).toBe(decidedBy);
    expect(result.deciders).not.toContain(id(requester));
    expect(result.reason).toMatch(/\.$/);
  });

  it('matches the requester in any letter case', () => {
    const result = route(
      { kind: 'logo-use', requesterId: id('amara.okafor').toUpperCase(), unit: school('maple-grove'), logo: 'school' },
      dir,
    );
    expect(names(result.deciders)).toEqual(['helen.marchetti']);
  });
});

describe('route: falling through to the next level', () => {
  const G = (n: number) => `${String(n).repeat(8)}-${String(n).repeat(4)}-4${String(n).repeat(3)}-8${String(n).repeat(3)}-${String(n).repeat(12)}`;
  const small = parseDirectory(
    `
people:
  - { id: ${G(1)}, name: Principal, email: p@d.example }
  - { id: ${G(2)}, name: Teacher, email: t@d.example }
  - { id: ${G(3)}, name: Comms, email: c@d.example }
schools:
  - { id: lone, name: Lone School, genericEmail: lone@d.example, principal: ${G(1)}, staff: [${G(2)}] }
communications:
  members: [${G(3)}]
`,
    'small.yaml',
  );

  it.each<[string, string, string[], string]>([
    ['a teacher at a school without designates', G(2), [G(1)], 'principal'],
    ['a principal with no supervisor listed', G(1), [G(3)], 'communications'],
  ])('%s', (_what, requester, deciders, decidedBy) => {
    const r = route({ kind: 'school-account', requesterId: requester, unit: { type: 'school', id: 'lone' } }, small);
    expect(r.deciders).toEqual(deciders);
    expect(r.decidedBy).toBe(decidedBy);
  });

  it('leaves nobody when the sole Communications member asks Communications, and says so', () => {
    const r = route({ kind: 'logo-use', requesterId: G(3), logo: 'board' }, small);
    expect(r).toEqual({
      deciders: [],
      decidedBy: 'communications',
      reason: expect.stringContaining('nobody can decide yet'),
    });
  });
});

describe('route: crisis mode (3.2)', () => {
  it('sends every new request to Communications while crisis mode is on, and back to the principal after', () => {
    const input = { kind: 'logo-use' as const, requesterId: id('priya.nair'), unit: school('maple-grove'), logo: 'school' as const };
    const inCrisis = route(input, dir, { crisis: true });
    expect(inCrisis.decidedBy).toBe('communications');
    expect(names(inCrisis.deciders)).toEqual(COMMS);
    expect(inCrisis.reason).toMatch(/Crisis mode/);
    expect(route(input, dir, { crisis: false }).decidedBy).toBe('principal');
  });
});

describe('routeInputFor', () => {
  const requesterId = id('priya.nair');
  it.each([
    [
      { kind: 'speak-on-behalf', value: { onBehalfOf: 'department', unitId: 'human-resources' } },
      { unit: department('human-resources'), onBehalfOf: 'department' },
    ],
    [
      { kind: 'speak-on-behalf', value: { onBehalfOf: 'district', unitId: 'learning-technologies' } },
      { unit: department('learning-technologies'), onBehalfOf: 'district' },
    ],
    [{ kind: 'speak-on-behalf', value: { onBehalfOf: 'district' } }, { onBehalfOf: 'district' }],
    [{ kind: 'logo-use', value: { logo: 'school', unitId: 'riverside' } }, { unit: school('riverside'), logo: 'school' }],
    [{ kind: 'logo-use', value: { logo: 'board' } }, { logo: 'board' }],
    [{ kind: 'school-account', value: { unitId: 'cedar-hills' } }, { unit: school('cedar-hills') }],
    [{ kind: 'club-following', value: { unitId: 'maple-grove' } }, { unit: school('maple-grove') }],
  ])('%j', (request, expected) => {
    // Only the routing facts matter here; the rest of each value is irrelevant to routing.
    const input = routeInputFor(request as Parameters<typeof routeInputFor>[0], requesterId, dir);
    expect(input).toEqual({ kind: request.kind, requesterId, ...expected });
  });
});
