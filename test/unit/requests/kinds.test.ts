import type { z } from 'zod';
import {
  KIND_SPECS,
  LONG_TEXT_MAX,
  REQUEST_SCHEMAS,
  SHORT_TEXT_MAX,
  URL_MAX,
  validateRequest,
  type ValidationContext,
} from '../../../src/requests/kinds';
import { REQUEST_KINDS } from '../../../src/requests/requestKind';
import { dir, id } from './sample';

const priya: ValidationContext = { requesterId: id('priya.nair'), directory: dir };

/** What a card submits: strings only, multi-selects comma-joined, plus the action's data. */
const speak = {
  verb: 'request.submit',
  kind: 'speak-on-behalf',
  onBehalfOf: 'school',
  unitId: 'maple-grove',
  platforms: 'instagram,facebook',
  accounts: '  @maplegroveps  ',
  topic: 'Spring concert',
  purpose: 'Invite families to the spring concert.',
  audience: 'Families',
  talkingPoints: 'Date, time, place; no student names.',
  startDate: '2025-04-01',
  endDate: '',
};

const logo = {
  logo: 'school',
  unitId: 'riverside',
  where: 'Poster and Instagram @riversidess',
  purpose: 'Fundraiser poster',
  startDate: '2025-04-01',
  endDate: '2025-04-30',
  mockupUrl: 'https://sharepoint.example/draft.png',
};

const account = {
  unitId: 'maple-grove',
  platform: 'instagram',
  accountName: '@maplegrove_library',
  purpose: 'Library news',
  advisorId: id('sofia.haddad'),
  administratorIds: `${id('sofia.haddad')},${id('marcus.leclerc')}`,
  createdWithGenericEmail: 'true',
};

const club = {
  unitId: 'maple-grove',
  courseOrClub: 'Robotics club',
  account: 'Instagram @mg_robotics',
  otherAdministratorId: id('liam.oconnor'),
};

function errorsOf(kind: Parameters<typeof validateRequest>[0], raw: unknown, ctx = priya): Record<string, string> {
  const r = validateRequest(kind, raw, ctx);
  if (r.ok) throw new Error(`expected errors, got ${JSON.stringify(r.value)}`);
  return r.errors as Record<string, string>;
}

describe('validateRequest accepts good submissions', () => {
  it('speak on behalf: trims, splits the platforms, drops blanks and the action data', () => {
    const r = validateRequest('speak-on-behalf', speak, priya);
    expect(r).toEqual({
      ok: true,
      value: {
        onBehalfOf: 'school',
        unitId: 'maple-grove',
        platforms: ['instagram', 'facebook'],
        accounts: '@maplegroveps',
        topic: 'Spring concert',
        purpose: 'Invite families to the spring concert.',
        audience: 'Families',
        talkingPoints: 'Date, time, place; no student names.',
        startDate: '2025-04-01',
      },
    });
  });

  it('speak for the whole district needs no unit', () => {
    expect(validateRequest('speak-on-behalf', { ...speak, onBehalfOf: 'district', unitId: '' }, priya).ok).toBe(true);
  });

  it('logo use, school-account and club-following', () => {
    expect(validateRequest('logo-use', logo, priya).ok).toBe(true);
    expect(validateRequest('logo-use', { ...logo, logo: 'board', unitId: '', mockupUrl: '' }, priya).ok).toBe(true);
    const a = validateRequest('school-account', account, priya);
    expect(a.ok && a.value).toMatchObject({
      administratorIds: [id('sofia.haddad'), id('marcus.leclerc')],
      createdWithGenericEmail: true,
    });
    expect(validateRequest('club-following', club, priya).ok).toBe(true);
  });

  it('counts the principal and designates as school staff', () => {
    const r = validateRequest(
      'school-account',
      { ...account, advisorId: id('daniel.tremblay'), administratorIds: [id('amara.okafor'), id('priya.nair')] },
      priya,
    );
    expect(r.ok).toBe(true);
  });

  it('lets the advisor also be an administrator', () => {
    expect(validateRequest('school-account', { ...account, administratorIds: `${id('sofia.haddad')},${id('priya.nair')}` }, priya).ok).toBe(
      true,
    );
  });
});

describe('validateRequest reports every problem beside its field', () => {
  it('names each missing required field at once', () => {
    const errors = errorsOf('speak-on-behalf', {});
    expect(Object.keys(errors).sort()).toEqual(
      ['accounts', 'audience', 'onBehalfOf', 'platforms', 'purpose', 'startDate', 'talkingPoints', 'topic'].sort(),
    );
    expect(errors.topic).toBe('Enter the topic.');
    expect(errors.platforms).toBe('Choose at least one platform.');
  });

  it('treats blank and whitespace-only answers as missing', () => {
    expect(errorsOf('club-following', { ...club, courseOrClub: '   ' })).toEqual({ courseOrClub: 'Name the course or club.' });
  });

  it('treats something that is not an object as an empty form', () => {
    expect(Object.keys(errorsOf('club-following', 'nonsense'))).toHaveLength(4);
  });

  it.each([
    ['a short field over 200', 'speak-on-behalf', { ...speak, topic: 'x'.repeat(SHORT_TEXT_MAX + 1) }, 'topic', 'Topic must be 200 characters or fewer (this is 201).'],
    ['a long field over 2000', 'speak-on-behalf', { ...speak, purpose: 'x'.repeat(LONG_TEXT_MAX + 1) }, 'purpose', 'Purpose must be 2000 characters or fewer (this is 2001).'],
    ['a choice not offered', 'speak-on-behalf', { ...speak, onBehalfOf: 'union' }, 'onBehalfOf', 'I would speak for: choose one of My school, My department, The whole district or the Board.'],
    ['a platform not offered', 'speak-on-behalf', { ...speak, platforms: 'instagram,myspace' }, 'platforms', expect.stringContaining('Platforms: choose one of Facebook')],
    ['a malformed date', 'speak-on-behalf', { ...speak, startDate: '01/04/2025' }, 'startDate', 'From: use a date like 2025-09-30.'],
    ['an impossible date', 'speak-on-behalf', { ...speak, startDate: '2025-02-30' }, 'startDate', 'From: use a date like 2025-09-30.'],
    ['an end before the start', 'speak-on-behalf', { ...speak, endDate: '2025-03-31' }, 'endDate', 'The end date must be on or after the start date.'],
    ['a school unit that is a department', 'speak-on-behalf', { ...speak, unitId: 'human-resources' }, 'unitId', 'Choose a school (you chose to speak for a school).'],
    ['a department unit that is a school', 'speak-on-behalf', { ...speak, onBehalfOf: 'department' }, 'unitId', 'Choose a department (you chose to speak for a department).'],
    ['no unit for a school', 'speak-on-behalf', { ...speak, unitId: '' }, 'unitId', 'Choose the school you would speak for.'],
    ['an unknown unit for the district', 'speak-on-behalf', { ...speak, onBehalfOf: 'district', unitId: 'atlantis' }, 'unitId', 'That school or department is not in the district directory.'],
    ['a plain-http mock-up link', 'logo-use', { ...logo, mockupUrl: 'http://example.com/x.png' }, 'mockupUrl', 'Link to the draft or mock-up: enter a link starting with https://.'],
    ['a mock-up link over 500', 'logo-use', { ...logo, mockupUrl: `https://e.example/${'x'.repeat(URL_MAX)}` }, 'mockupUrl', expect.stringContaining('500 characters or fewer')],
    ['a school logo with no school', 'logo-use', { ...logo, unitId: '' }, 'unitId', 'Choose the school whose logo you would use.'],
    ['a school logo for a department', 'logo-use', { ...logo, unitId: 'learning-technologies' }, 'unitId', 'Learning Technologies is a department; choose a school.'],
    ['an unknown school', 'school-account', { ...account, unitId: 'atlantis' }, 'unitId', 'That school is not in the district directory; choose one from the list.'],
    ['one administrator', 'school-account', { ...account, administratorIds: id('sofia.haddad') }, 'administratorIds', 'Choose at least two different staff administrators (4.10).'],
    ['the same administrator twice', 'school-account', { ...account, administratorIds: [id('sofia.haddad'), id('sofia.haddad')] }, 'administratorIds', 'Each administrator must be a different person.'],
    ['an administrator from another school', 'school-account', { ...account, administratorIds: [id('sofia.haddad'), id('omar.farouk')] }, 'administratorIds', 'Staff administrators: Omar Farouk is not on staff at Maple Grove Public School.'],
    ['an administrator not in the directory', 'school-account', { ...account, administratorIds: [id('sofia.haddad'), '99999999-9999-4999-8999-999999999999'] }, 'administratorIds', 'Staff administrators: someone chosen is not in the district directory.'],
    ['a superintendent as advisor', 'school-account', { ...account, advisorId: id('helen.marchetti') }, 'advisorId', 'Staff advisor: Helen Marchetti is not on staff at Maple Grove Public School.'],
    ['an advisor that is not a person id', 'school-account', { ...account, advisorId: 'sofia' }, 'advisorId', 'Staff advisor: choose a person from the list.'],
    ['an account not created with the generic email', 'school-account', { ...account, createdWithGenericEmail: 'false' }, 'createdWithGenericEmail', "School accounts must be created with the school's generic email (4.11)."],
    ['no answer about the generic email', 'school-account', { ...account, createdWithGenericEmail: undefined }, 'createdWithGenericEmail', "School accounts must be created with the school's generic email (4.11)."],
    ['the requester as the other administrator', 'club-following', { ...club, otherAdministratorId: id('priya.nair') }, 'otherAdministratorId', 'Choose another staff member; 4.7 needs someone besides you with administrator access.'],
    ['the requester in upper case as the other administrator', 'club-following', { ...club, otherAdministratorId: id('priya.nair').toUpperCase() }, 'otherAdministratorId', expect.stringContaining('besides you')],
    ['another school’s teacher as the other administrator', 'club-following', { ...club, otherAdministratorId: id('grace.lindqvist') }, 'otherAdministratorId', 'Other administrator: Grace Lindqvist is not on staff at Maple Grove Public School.'],
  ] as const)('%s', (_what, kind, raw, field, message) => {
    const errors = errorsOf(kind, raw);
    expect(errors).toEqual({ [field]: message });
  });

  it('shows a field error and a cross-field error together', () => {
    const errors = errorsOf('speak-on-behalf', { ...speak, topic: '', onBehalfOf: 'department' });
    expect(errors).toEqual({
      topic: 'Enter the topic.',
      unitId: 'Choose a department (you chose to speak for a department).',
    });
  });
});

describe('form metadata and schemas agree', () => {
  it.each(REQUEST_KINDS)('%s', (kind) => {
    const spec = KIND_SPECS[kind];
    const shape = REQUEST_SCHEMAS[kind].shape as Record<string, z.ZodTypeAny>;
    expect(spec.fields.map((f) => f.name)).toEqual(Object.keys(shape));
    for (const f of spec.fields) {
      const field = shape[f.name]!;
      expect([f.name, field.isOptional()]).toEqual([f.name, !f.required]);
      if (f.maxLength !== undefined) {
        expect(field.safeParse('x'.repeat(f.maxLength)).success || f.input === 'url').toBe(true);
        expect(field.safeParse('x'.repeat(f.maxLength + 1)).success).toBe(false);
      }
      if (f.input === 'text' || f.input === 'multiline' || f.input === 'url') expect(f.maxLength).toBeDefined();
      if (f.choices) {
        // A multi-select submits one choice as a plain string, so the same check covers both.
        for (const c of f.choices) expect(field.safeParse(c.value).success).toBe(true);
        expect(field.safeParse('not-a-choice').success).toBe(false);
      }
      expect(f.errorMessage).toMatch(/\.$/);
    }
    expect(spec.clauses.length).toBeGreaterThan(0);
  });
});
