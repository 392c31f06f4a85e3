import type * as AdaptiveCardsTypes from 'adaptivecards';
import { parseDirectory } from '../../../src/directory';
import { formCardData, renderFormCard, type AdaptiveCardJson } from '../../../src/requests/formCard';
import { KIND_SPECS, validateRequest } from '../../../src/requests/kinds';
import { REQUEST_KINDS, type RequestKind } from '../../../src/requests/requestKind';
import { dir, id } from './sample';

// The package's `main` is untranspiled ESM that jest cannot load; its UMD bundle is the same library and needs no DOM to parse.
const AdaptiveCards: typeof AdaptiveCardsTypes = require('adaptivecards/dist/adaptivecards.js');

interface Element {
  type: string;
  id?: string;
  text?: string;
  value?: string;
  [key: string]: unknown;
}

const priya = { id: id('priya.nair') };

function parseProblems(card: AdaptiveCardJson): string[] {
  const ac = new AdaptiveCards.AdaptiveCard();
  const context = new AdaptiveCards.SerializationContext();
  ac.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const e of ac.validateProperties().validationEvents) problems.push(e.message);
  if (ac.version.major !== 1 || ac.version.minor > 5) problems.push(`version ${ac.version.toString()}`);
  return problems;
}

function body(card: AdaptiveCardJson): Element[] {
  return card.body as Element[];
}

function input(card: AdaptiveCardJson, name: string): Element {
  const el = body(card).find((e) => e.id === name);
  if (!el) throw new Error(`no input ${name}`);
  return el;
}

/** The error shown beside a field: the attention-coloured text right after its input (or its "no choices" note). */
function errorBeside(card: AdaptiveCardJson, name: string): string | undefined {
  const els = body(card);
  let i = els.findIndex((e) => e.id === name);
  if (i < 0) return undefined;
  i += 1;
  if (els[i]?.isSubtle) i += 1;
  const next = els[i];
  return next?.type === 'TextBlock' && next.color === 'attention' ? next.text : undefined;
}

/** Something typed into every field, including template syntax that must stay as typed. */
const typed: Record<RequestKind, Record<string, unknown>> = {
  'speak-on-behalf': {
    onBehalfOf: 'department',
    unitId: 'maple-grove',
    platforms: 'instagram,tiktok',
    accounts: '@maplegroveps ${title}',
    topic: 'x'.repeat(201),
    purpose: 'Line one\nLine two — “quoted” & <b>',
    audience: 'Families',
    talkingPoints: 'Concert details',
    startDate: '2025-04-01',
    endDate: '2025-03-01',
  },
  'logo-use': {
    logo: 'school',
    unitId: 'riverside',
    where: 'Poster',
    purpose: 'Fundraiser',
    startDate: '2025-04-01',
    endDate: '',
    mockupUrl: 'http://insecure.example/x.png',
  },
  'school-account': {
    unitId: 'maple-grove',
    platform: 'instagram',
    accountName: '@mg_library',
    purpose: 'Library news',
    advisorId: id('sofia.haddad'),
    administratorIds: id('sofia.haddad'),
    createdWithGenericEmail: 'false',
  },
  'club-following': {
    unitId: 'cedar-hills',
    courseOrClub: 'Robotics',
    account: '@ch_robotics',
    otherAdministratorId: id('priya.nair'),
  },
};

describe.each(REQUEST_KINDS)('the %s form card', (kind) => {
  const spec = KIND_SPECS[kind];

  it('is a valid Adaptive Card 1.5 under 28 KB, blank or full of errors', () => {
    const blank = renderFormCard(kind, formCardData(kind, { directory: dir, requester: priya }));
    const v = validateRequest(kind, typed[kind], { requesterId: priya.id, directory: dir });
    const errors = v.ok ? {} : v.errors;
    const rejected = renderFormCard(kind, formCardData(kind, { values: typed[kind], errors, directory: dir, requester: priya, draftId: 'd-1' }));
    for (const card of [blank, rejected]) {
      expect(parseProblems(card)).toEqual([]);
      expect(card.version).toBe('1.5');
      expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThan(28 * 1024);
      expect(JSON.stringify(card)).not.toMatch(/\$data|\$when/);
    }
    // Every binding is filled; the only `${` left in a rejected card is one the person typed.
    expect(JSON.stringify(blank)).not.toContain('${');
  });

  it('has one input per field, with the metadata’s id, label, required, length and choices', () => {
    const card = renderFormCard(kind, formCardData(kind, { directory: dir, requester: priya }));
    const inputs = body(card).filter((e) => e.type.startsWith('Input.'));
    expect(inputs.map((e) => e.id)).toEqual(spec.fields.map((f) => f.name));
    for (const f of spec.fields) {
      const el = input(card, f.name);
      expect(el.label).toBe(f.label);
      expect(el.isRequired).toBe(f.required);
      expect(el.errorMessage).toBe(f.errorMessage);
      if (f.maxLength !== undefined) expect(el.maxLength).toBe(f.maxLength);
      if (f.choices) expect((el.choices as { value: string }[]).map((c) => c.value)).toEqual(f.choices.map((c) => c.value));
      if (f.input === 'multichoice' || f.multiple) expect(el.isMultiSelect).toBe(true);
    }
  });

  it('comes back with everything typed and each error beside its field', () => {
    const v = validateRequest(kind, typed[kind], { requesterId: priya.id, directory: dir });
    expect(v.ok).toBe(false);
    const errors = v.ok ? {} : (v.errors as Record<string, string>);
    const card = renderFormCard(kind, formCardData(kind, { values: typed[kind], errors, directory: dir, requester: priya }));
    for (const f of spec.fields) {
      expect([f.name, input(card, f.name).value]).toEqual([f.name, typed[kind][f.name]]);
      expect([f.name, errorBeside(card, f.name)]).toEqual([f.name, errors[f.name]]);
    }
    expect(JSON.stringify(body(card)[2])).toContain('Please fix the');
  });

  it('shows no banner or error text when nothing is wrong, and carries the action data', () => {
    const card = renderFormCard(kind, formCardData(kind, { directory: dir, requester: priya, draftId: 'd-7' }));
    expect(body(card).filter((e) => e.color === 'attention')).toEqual([]);
    expect(body(card).filter((e) => e.type === 'Container')).toEqual([]);
    expect(card.actions).toEqual([
      expect.objectContaining({ type: 'Action.Execute', title: 'Submit', verb: 'request.submit', data: { verb: 'request.submit', kind, draftId: 'd-7' } }),
      expect.objectContaining({ type: 'Action.Execute', title: 'Cancel', verb: 'request.cancel', associatedInputs: 'none', data: { verb: 'request.cancel', kind, draftId: 'd-7' } }),
    ]);
  });
});

describe('form card data', () => {
  const choiceValues = (card: AdaptiveCardJson, name: string) =>
    (input(card, name).choices as { value: string; title: string }[]).map((c) => c.title);

  it('starts with the unit the bot remembers, else where the directory lists the requester', () => {
    const remembered = formCardData('club-following', {
      directory: dir,
      requester: { id: priya.id, unit: { type: 'school', id: 'riverside' } },
    });
    expect(remembered.values.unitId).toBe('riverside');
    expect(formCardData('club-following', { directory: dir, requester: priya }).values.unitId).toBe('maple-grove');
    // A department is not offered where only schools are
    const raj = { id: id('raj.patel'), unit: { type: 'department' as const, id: 'learning-technologies' } };
    expect(formCardData('logo-use', { directory: dir, requester: raj }).values.unitId).toBe('');
    expect(formCardData('speak-on-behalf', { directory: dir, requester: raj }).values.unitId).toBe('learning-technologies');
  });

  it('offers schools and departments where either fits, schools only where a school is needed', () => {
    const speak = renderFormCard('speak-on-behalf', formCardData('speak-on-behalf', { directory: dir, requester: priya }));
    expect(choiceValues(speak, 'unitId')).toEqual([
      'Maple Grove Public School',
      'Riverside Secondary School',
      'Cedar Hills Elementary',
      'Learning Technologies (department)',
      'Human Resources (department)',
    ]);
    const logo = renderFormCard('logo-use', formCardData('logo-use', { directory: dir, requester: priya }));
    expect(choiceValues(logo, 'unitId')).toHaveLength(3);
  });

  it('offers the chosen school’s staff, leaving the requester out where they cannot be chosen', () => {
    const card = renderFormCard('club-following', formCardData('club-following', { directory: dir, requester: priya }));
    expect(choiceValues(card, 'otherAdministratorId')).toEqual([
      'Amara Okafor',
      'Daniel Tremblay',
      'Liam O\'Connor',
      'Marcus Leclerc',
      'Sofia Haddad',
    ]);
    const account = renderFormCard('school-account', formCardData('school-account', { directory: dir, requester: priya }));
    expect(choiceValues(account, 'administratorIds')).toContain('Priya Nair');
  });

  it('before any school is known, offers every school’s staff with their school', () => {
    const stranger = { id: '99999999-9999-4999-8999-999999999999' };
    const data = formCardData('club-following', { directory: dir, requester: stranger });
    expect(data.values.unitId).toBe('');
    expect(data.fields.otherAdministratorId?.choices).toContainEqual({ value: id('omar.farouk'), title: 'Omar Farouk (Riverside Secondary School)' });
  });

  it('names the school’s generic email beside the 4.11 confirmation', () => {
    const card = renderFormCard('school-account', formCardData('school-account', { directory: dir, requester: priya }));
    expect(input(card, 'createdWithGenericEmail')).toMatchObject({
      title: "The account will be created with the school's generic email (maplegrove.ps@district.example)",
      value: 'false',
      valueOn: 'true',
      valueOff: 'false',
    });
  });

  it('shows a form-level message on its own', () => {
    const card = renderFormCard(
      'logo-use',
      formCardData('logo-use', { directory: dir, requester: priya, formError: 'Your request could not be saved; please try again.' }),
    );
    expect(JSON.stringify(body(card)[2])).toContain('Your request could not be saved');
  });

  it('says why a people list is empty instead of sending an invalid empty list', () => {
    const G = (n: number) => `${String(n).repeat(8)}-${String(n).repeat(4)}-4${String(n).repeat(3)}-8${String(n).repeat(3)}-${String(n).repeat(12)}`;
    const tiny = parseDirectory(
      `
people:
  - { id: ${G(1)}, name: Pat Principal, email: p@d.example }
  - { id: ${G(3)}, name: Cal Comms, email: c@d.example }
schools:
  - { id: solo, name: Solo School, genericEmail: solo@d.example, principal: ${G(1)} }
communications:
  members: [${G(3)}]
`,
      'tiny.yaml',
    );
    const card = renderFormCard('club-following', formCardData('club-following', { directory: tiny, requester: { id: G(1) } }));
    expect(parseProblems(card)).toEqual([]);
    expect(body(card).some((e) => e.id === 'otherAdministratorId')).toBe(false);
    expect(JSON.stringify(card)).toContain('lists no other staff at Solo School');
  });

  it('does not change the template between renders', () => {
    const a = renderFormCard('logo-use', formCardData('logo-use', { values: { where: 'first' }, directory: dir, requester: priya }));
    const b = renderFormCard('logo-use', formCardData('logo-use', { values: { where: 'second' }, directory: dir, requester: priya }));
    expect(input(a, 'where').value).toBe('first');
    expect(input(b, 'where').value).toBe('second');
  });
});
