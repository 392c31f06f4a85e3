import { z } from 'zod';
import type { Directory, PersonId, UnitRef } from '../directory/types';
import { isStaffOf } from '../directory/queries';
import { REQUEST_KIND_CLAUSES, type RequestKind } from './requestKind';

/**
 * The four kinds of written permission, each as form metadata (what the card
 * shows and checks in the client) and a zod schema built from that same
 * metadata (what the server checks), so the two cannot disagree about a label,
 * a length, a choice or whether a field is required.
 */

export const SHORT_TEXT_MAX = 200;
export const LONG_TEXT_MAX = 2000;
export const URL_MAX = 500;

export type InputType = 'text' | 'multiline' | 'date' | 'choice' | 'multichoice' | 'person' | 'toggle' | 'url';

export interface Choice {
  value: string;
  title: string;
}

/**
 * Choices that depend on the directory, filled in when the card is built:
 * `units` = schools and departments, `schools` = schools only,
 * `school-staff` = the chosen school's principal, designates and staff.
 */
export type ChoiceSource = 'units' | 'schools' | 'school-staff';

interface FieldSpecBody {
  label: string;
  input: InputType;
  /** Required in the card. Some fields are required only with another answer; the server checks that. */
  required: boolean;
  maxLength?: number;
  choices?: readonly Choice[];
  source?: ChoiceSource;
  /** A person field where several people are chosen. */
  multiple?: boolean;
  /** The requester is left out of the choices (nobody is their own second administrator). */
  excludeRequester?: boolean;
  placeholder?: string;
  /** Shown by the card when its own check fails, and by the server when the field is missing. */
  errorMessage: string;
}

export interface FieldSpec extends FieldSpecBody {
  name: string;
}

export interface KindSpec {
  kind: RequestKind;
  title: string;
  intro: string;
  clauses: readonly string[];
  fields: readonly FieldSpec[];
}

// ---------------------------------------------------------------------------
// Choices

export const ON_BEHALF_OF = ['school', 'department', 'district'] as const;
export type OnBehalfOf = (typeof ON_BEHALF_OF)[number];

export const LOGOS = ['school', 'board'] as const;
export type Logo = (typeof LOGOS)[number];

export const PLATFORMS = ['facebook', 'instagram', 'x', 'tiktok', 'youtube', 'linkedin', 'other'] as const;
export type Platform = (typeof PLATFORMS)[number];

function choicesOf<T extends string>(values: readonly T[], titles: Record<T, string>): Choice[] {
  return values.map((value) => ({ value, title: titles[value] }));
}

const PLATFORM_CHOICES = choicesOf(PLATFORMS, {
  facebook: 'Facebook',
  instagram: 'Instagram',
  x: 'X (Twitter)',
  tiktok: 'TikTok',
  youtube: 'YouTube',
  linkedin: 'LinkedIn',
  other: 'Other',
});

// ---------------------------------------------------------------------------
// Field schemas, built from the metadata

/** Card inputs send strings; blank means "not answered", so it becomes undefined and "required" applies. */
function blankToUndefined(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  return t === '' ? undefined : t;
}

/** A multi-select ChoiceSet submits "a,b,c". */
function commaList(v: unknown): unknown {
  if (typeof v === 'string') {
    const items = v.split(',').map((s) => s.trim()).filter((s) => s !== '');
    return items.length === 0 ? undefined : items;
  }
  if (Array.isArray(v)) {
    const items = v.map((s) => (typeof s === 'string' ? s.trim() : s)).filter((s) => s !== '');
    return items.length === 0 ? undefined : items;
  }
  return v;
}

/** Input.Toggle submits its valueOn/valueOff strings. */
function toggle(v: unknown): unknown {
  if (v === 'true') return true;
  if (v === 'false' || v === '') return false;
  return v;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function isHttpsUrl(s: string): boolean {
  try {
    return new URL(s).protocol === 'https:';
  } catch {
    return false;
  }
}

function stringType(spec: FieldSpecBody): z.ZodString {
  return z.string({ required_error: spec.errorMessage, invalid_type_error: spec.errorMessage });
}

function withMaxLength(spec: FieldSpecBody, s: z.ZodString): z.ZodEffects<z.ZodString> {
  const max = spec.maxLength ?? SHORT_TEXT_MAX;
  return s.superRefine((value, ctx) => {
    if (value.length > max) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `${spec.label} must be ${max} characters or fewer (this is ${value.length}).`,
      });
    }
  });
}

function textSchema(spec: FieldSpecBody) {
  return withMaxLength(spec, stringType(spec));
}

function dateSchema(spec: FieldSpecBody) {
  return stringType(spec).refine(isIsoDate, `${spec.label}: use a date like 2025-09-30.`);
}

function urlSchema(spec: FieldSpecBody) {
  return withMaxLength(spec, stringType(spec)).refine(isHttpsUrl, `${spec.label}: enter a link starting with https://.`);
}

function personSchema(spec: FieldSpecBody) {
  return stringType(spec)
    .regex(GUID, `${spec.label}: choose a person from the list.`)
    .transform((s) => s.toLowerCase());
}

function enumSchema<T extends string>(spec: FieldSpecBody, values: readonly [T, ...T[]]) {
  const listed = (spec.choices ?? []).map((c) => c.title).join(', ');
  return z.enum(values, {
    errorMap: (issue, ctx) =>
      issue.code === 'invalid_enum_value'
        ? { message: `${spec.label}: choose one of ${listed}.` }
        : { message: ctx.data === undefined ? spec.errorMessage : `${spec.label}: choose one of ${listed}.` },
  });
}

/**
 * Wraps a field's schema as required or optional according to the metadata,
 * and refuses at load time if the code and the metadata disagree.
 */
function required<T extends z.ZodTypeAny>(spec: FieldSpecBody, schema: T, pre: (v: unknown) => unknown = blankToUndefined) {
  if (!spec.required) throw new Error(`form metadata says "${spec.label}" is optional but its schema requires it`);
  return z.preprocess(pre, schema);
}

function optional<T extends z.ZodTypeAny>(spec: FieldSpecBody, schema: T, pre: (v: unknown) => unknown = blankToUndefined) {
  if (spec.required) throw new Error(`form metadata says "${spec.label}" is required but its schema allows it to be left out`);
  return z.preprocess(pre, schema.optional());
}

// ---------------------------------------------------------------------------
// The kinds

const dates = {
  startDate: { label: 'From', input: 'date', required: true, errorMessage: 'Enter the date this would start.' },
  endDate: { label: 'Until', input: 'date', required: false, errorMessage: 'Enter a valid end date, or leave it empty.' },
} as const satisfies Record<string, FieldSpecBody>;

const speakOnBehalfFields = {
  onBehalfOf: {
    label: 'I would speak for',
    input: 'choice',
    required: true,
    choices: choicesOf(ON_BEHALF_OF, {
      school: 'My school',
      department: 'My department',
      district: 'The whole district or the Board',
    }),
    errorMessage: 'Choose whom you would speak for.',
  },
  unitId: {
    label: 'School or department',
    input: 'choice',
    required: false,
    source: 'units',
    placeholder: 'Not needed for the whole district',
    errorMessage: 'Choose the school or department you would speak for.',
  },
  platforms: {
    label: 'Platforms',
    input: 'multichoice',
    required: true,
    choices: PLATFORM_CHOICES,
    errorMessage: 'Choose at least one platform.',
  },
  accounts: {
    label: 'Accounts',
    input: 'text',
    required: true,
    maxLength: SHORT_TEXT_MAX,
    placeholder: 'e.g. @maplegroveps on Instagram',
    errorMessage: 'Name the accounts you would post from.',
  },
  topic: { label: 'Topic', input: 'text', required: true, maxLength: SHORT_TEXT_MAX, errorMessage: 'Enter the topic.' },
  purpose: {
    label: 'Purpose',
    input: 'multiline',
    required: true,
    maxLength: LONG_TEXT_MAX,
    errorMessage: 'Say what the communication is for.',
  },
  audience: {
    label: 'Audience',
    input: 'text',
    required: true,
    maxLength: SHORT_TEXT_MAX,
    placeholder: 'e.g. parents of Grade 7 students',
    errorMessage: 'Say who the audience is.',
  },
  talkingPoints: {
    label: 'Talking points or sample content',
    input: 'multiline',
    required: true,
    maxLength: LONG_TEXT_MAX,
    errorMessage: 'Give the talking points or a sample of what you would post.',
  },
  ...dates,
} as const satisfies Record<string, FieldSpecBody>;

const logoUseFields = {
  logo: {
    label: 'Which logo',
    input: 'choice',
    required: true,
    choices: choicesOf(LOGOS, { school: "A school's logo", board: "The Board's logo" }),
    errorMessage: 'Choose which logo.',
  },
  unitId: {
    label: 'School',
    input: 'choice',
    required: false,
    source: 'schools',
    placeholder: "Needed for a school's logo",
    errorMessage: 'Choose the school whose logo you would use.',
  },
  where: {
    label: 'Where it will appear',
    input: 'text',
    required: true,
    maxLength: SHORT_TEXT_MAX,
    placeholder: 'Platform, account or material, e.g. Instagram @riversidess, concert poster',
    errorMessage: 'Say where the logo will appear.',
  },
  purpose: {
    label: 'Purpose',
    input: 'multiline',
    required: true,
    maxLength: LONG_TEXT_MAX,
    errorMessage: 'Say what the logo is for.',
  },
  ...dates,
  mockupUrl: {
    label: 'Link to the draft or mock-up',
    input: 'url',
    required: false,
    maxLength: URL_MAX,
    placeholder: 'https://…',
    errorMessage: 'Enter a link starting with https://, or leave it empty.',
  },
} as const satisfies Record<string, FieldSpecBody>;

const schoolAccountFields = {
  unitId: { label: 'School', input: 'choice', required: true, source: 'schools', errorMessage: 'Choose the school.' },
  platform: {
    label: 'Platform',
    input: 'choice',
    required: true,
    choices: PLATFORM_CHOICES,
    errorMessage: 'Choose the platform.',
  },
  accountName: {
    label: 'Account name',
    input: 'text',
    required: true,
    maxLength: SHORT_TEXT_MAX,
    placeholder: 'e.g. @maplegrove_library',
    errorMessage: 'Enter the account name.',
  },
  purpose: {
    label: 'Purpose',
    input: 'multiline',
    required: true,
    maxLength: LONG_TEXT_MAX,
    errorMessage: 'Say what the account is for.',
  },
  advisorId: {
    label: 'Staff advisor',
    input: 'person',
    required: true,
    source: 'school-staff',
    errorMessage: 'Choose the staff advisor (4.10).',
  },
  administratorIds: {
    label: 'Staff administrators (at least two)',
    input: 'person',
    multiple: true,
    required: true,
    source: 'school-staff',
    errorMessage: 'Choose at least two staff administrators (4.10).',
  },
  createdWithGenericEmail: {
    label: "The account will be created with the school's generic email",
    input: 'toggle',
    required: true,
    errorMessage: "School accounts must be created with the school's generic email (4.11).",
  },
} as const satisfies Record<string, FieldSpecBody>;

const clubFollowingFields = {
  unitId: { label: 'School', input: 'choice', required: true, source: 'schools', errorMessage: 'Choose the school.' },
  courseOrClub: {
    label: 'Course or club',
    input: 'text',
    required: true,
    maxLength: SHORT_TEXT_MAX,
    placeholder: 'e.g. Grade 8 robotics club',
    errorMessage: 'Name the course or club.',
  },
  account: {
    label: 'Account',
    input: 'text',
    required: true,
    maxLength: SHORT_TEXT_MAX,
    placeholder: 'Platform and account, e.g. Instagram @cedarhills_robotics',
    errorMessage: 'Name the account students would follow.',
  },
  otherAdministratorId: {
    label: 'Other staff member with administrator access',
    input: 'person',
    required: true,
    source: 'school-staff',
    excludeRequester: true,
    errorMessage: 'Choose another staff member who has administrator access (4.7).',
  },
} as const satisfies Record<string, FieldSpecBody>;

const S = speakOnBehalfFields;
const speakOnBehalfSchema = z.object({
  onBehalfOf: required(S.onBehalfOf, enumSchema(S.onBehalfOf, ON_BEHALF_OF)),
  unitId: optional(S.unitId, textSchema(S.unitId)),
  platforms: required(
    S.platforms,
    z.array(enumSchema(S.platforms, PLATFORMS), { required_error: S.platforms.errorMessage }).transform((ps) => [...new Set(ps)]),
    commaList,
  ),
  accounts: required(S.accounts, textSchema(S.accounts)),
  topic: required(S.topic, textSchema(S.topic)),
  purpose: required(S.purpose, textSchema(S.purpose)),
  audience: required(S.audience, textSchema(S.audience)),
  talkingPoints: required(S.talkingPoints, textSchema(S.talkingPoints)),
  startDate: required(S.startDate, dateSchema(S.startDate)),
  endDate: optional(S.endDate, dateSchema(S.endDate)),
});

const L = logoUseFields;
const logoUseSchema = z.object({
  logo: required(L.logo, enumSchema(L.logo, LOGOS)),
  unitId: optional(L.unitId, textSchema(L.unitId)),
  where: required(L.where, textSchema(L.where)),
  purpose: required(L.purpose, textSchema(L.purpose)),
  startDate: required(L.startDate, dateSchema(L.startDate)),
  endDate: optional(L.endDate, dateSchema(L.endDate)),
  mockupUrl: optional(L.mockupUrl, urlSchema(L.mockupUrl)),
});

const A = schoolAccountFields;
const schoolAccountSchema = z.object({
  unitId: required(A.unitId, textSchema(A.unitId)),
  platform: required(A.platform, enumSchema(A.platform, PLATFORMS)),
  accountName: required(A.accountName, textSchema(A.accountName)),
  purpose: required(A.purpose, textSchema(A.purpose)),
  advisorId: required(A.advisorId, personSchema(A.advisorId)),
  administratorIds: required(
    A.administratorIds,
    z.array(personSchema(A.administratorIds), { required_error: A.administratorIds.errorMessage }),
    commaList,
  ),
  // 4.11: the principal must use the school's generic email; anything else is refused, not just flagged.
  createdWithGenericEmail: required(
    A.createdWithGenericEmail,
    z.literal(true, { errorMap: () => ({ message: A.createdWithGenericEmail.errorMessage }) }),
    toggle,
  ),
});

const C = clubFollowingFields;
const clubFollowingSchema = z.object({
  unitId: required(C.unitId, textSchema(C.unitId)),
  courseOrClub: required(C.courseOrClub, textSchema(C.courseOrClub)),
  account: required(C.account, textSchema(C.account)),
  otherAdministratorId: required(C.otherAdministratorId, personSchema(C.otherAdministratorId)),
});

/** One zod schema per kind: each field's limits, choices and required-ness. Cross-field rules are in `validateRequest`. */
export const REQUEST_SCHEMAS = {
  'speak-on-behalf': speakOnBehalfSchema,
  'logo-use': logoUseSchema,
  'school-account': schoolAccountSchema,
  'club-following': clubFollowingSchema,
} as const satisfies Record<RequestKind, z.ZodObject<z.ZodRawShape>>;

export type SpeakOnBehalfRequest = z.infer<typeof speakOnBehalfSchema>;
export type LogoUseRequest = z.infer<typeof logoUseSchema>;
export type SchoolAccountRequest = z.infer<typeof schoolAccountSchema>;
export type ClubFollowingRequest = z.infer<typeof clubFollowingSchema>;

export interface RequestValues {
  'speak-on-behalf': SpeakOnBehalfRequest;
  'logo-use': LogoUseRequest;
  'school-account': SchoolAccountRequest;
  'club-following': ClubFollowingRequest;
}

/** A kind with its validated values, narrowed together by a switch on `kind`. */
export type RequestContent = { [K in RequestKind]: { kind: K; value: RequestValues[K] } }[RequestKind];

export type FieldName<K extends RequestKind> = keyof RequestValues[K] & string;
export type FieldErrors<K extends RequestKind> = Partial<Record<FieldName<K>, string>>;

function fieldList(fields: Record<string, FieldSpecBody>): FieldSpec[] {
  return Object.entries(fields).map(([name, body]) => ({ name, ...body }));
}

/** Form metadata per kind, as data: the card template binds to it and the schemas above are built from it. */
export const KIND_SPECS: Record<RequestKind, KindSpec> = {
  'speak-on-behalf': {
    kind: 'speak-on-behalf',
    title: 'Written permission to speak on behalf of the school, department or district',
    intro:
      'Staff may not use social media to speak on behalf of the school, department, the District or the Board ' +
      'without written permission from a principal, designate or supervisor (PR.708.IT 4.12).',
    clauses: REQUEST_KIND_CLAUSES['speak-on-behalf'],
    fields: fieldList(speakOnBehalfFields),
  },
  'logo-use': {
    kind: 'logo-use',
    title: 'Permission to use a school or Board logo',
    intro:
      'Board and school logos may not be used on social media without permission first from the principal or ' +
      'designate, a supervisor, or Communications (PR.708.IT 4.13).',
    clauses: REQUEST_KIND_CLAUSES['logo-use'],
    fields: fieldList(logoUseFields),
  },
  'school-account': {
    kind: 'school-account',
    title: 'Approval of a school social-media account',
    intro:
      'A principal or designate approves a school account only with a staff advisor and at least two staff ' +
      "administrators (PR.708.IT 4.10(a)), and it is created with the school's generic email (4.11).",
    clauses: REQUEST_KIND_CLAUSES['school-account'],
    fields: fieldList(schoolAccountFields),
  },
  'club-following': {
    kind: 'club-following',
    title: 'Students following a course or club account',
    intro:
      'Staff may accept follow requests from students only on a course or club account where at least one other ' +
      'staff member has administrator access (PR.708.IT 4.7).',
    clauses: REQUEST_KIND_CLAUSES['club-following'],
    fields: fieldList(clubFollowingFields),
  },
};

export function fieldSpec(kind: RequestKind, name: string): FieldSpec | undefined {
  return KIND_SPECS[kind].fields.find((f) => f.name === name);
}

// ---------------------------------------------------------------------------
// Validation against each other and against the directory

export interface ValidationContext {
  requesterId: PersonId;
  directory: Directory;
}

export type ValidationResult<K extends RequestKind> =
  | { ok: true; value: RequestValues[K] }
  | { ok: false; errors: FieldErrors<K> };

type Report<V> = (field: keyof V & string, message: string) => void;
type CrossCheck<V> = (v: Partial<V>, ctx: ValidationContext, report: Report<V>) => void;

function checkPeriod<V extends { startDate: string; endDate?: string | undefined }>(v: Partial<V>, report: Report<V>): void {
  if (v.startDate !== undefined && v.endDate !== undefined && v.endDate < v.startDate) {
    report('endDate', 'The end date must be on or after the start date.');
  }
}

function checkSchool<V extends { unitId?: string | undefined }>(v: Partial<V>, ctx: ValidationContext, report: Report<V>): boolean {
  if (v.unitId === undefined) return false;
  if (ctx.directory.school(v.unitId)) return true;
  report(
    'unitId',
    ctx.directory.department(v.unitId)
      ? `${ctx.directory.department(v.unitId)?.name} is a department; choose a school.`
      : 'That school is not in the district directory; choose one from the list.',
  );
  return false;
}

function checkStaff<V>(
  field: keyof V & string,
  label: string,
  ids: readonly string[],
  school: UnitRef,
  ctx: ValidationContext,
  report: Report<V>,
): void {
  const schoolName = ctx.directory.school(school.id)?.name ?? 'the school';
  for (const id of ids) {
    const person = ctx.directory.person(id);
    if (!person) {
      report(field, `${label}: someone chosen is not in the district directory.`);
      return;
    }
    if (!isStaffOf(ctx.directory, id, school)) {
      report(field, `${label}: ${person.name} is not on staff at ${schoolName}.`);
      return;
    }
  }
}

const checkSpeakOnBehalf: CrossCheck<SpeakOnBehalfRequest> = (v, ctx, report) => {
  checkPeriod(v, report);
  const { directory } = ctx;
  switch (v.onBehalfOf) {
    case 'school':
      if (v.unitId === undefined) report('unitId', 'Choose the school you would speak for.');
      else if (!directory.school(v.unitId)) report('unitId', 'Choose a school (you chose to speak for a school).');
      break;
    case 'department':
      if (v.unitId === undefined) report('unitId', 'Choose the department you would speak for.');
      else if (!directory.department(v.unitId)) report('unitId', 'Choose a department (you chose to speak for a department).');
      break;
    case 'district':
      // The unit is optional here and only tells where the requester works.
      if (v.unitId !== undefined && !directory.school(v.unitId) && !directory.department(v.unitId)) {
        report('unitId', 'That school or department is not in the district directory.');
      }
      break;
    case undefined:
      break;
  }
};

const checkLogoUse: CrossCheck<LogoUseRequest> = (v, ctx, report) => {
  checkPeriod(v, report);
  if (v.logo === 'school' && v.unitId === undefined) report('unitId', "Choose the school whose logo you would use.");
  else checkSchool(v, ctx, report);
};

const checkSchoolAccount: CrossCheck<SchoolAccountRequest> = (v, ctx, report) => {
  const school: UnitRef | undefined = checkSchool(v, ctx, report) && v.unitId ? { type: 'school', id: v.unitId } : undefined;
  if (v.administratorIds !== undefined) {
    const distinct = new Set(v.administratorIds);
    if (distinct.size < v.administratorIds.length) {
      report('administratorIds', 'Each administrator must be a different person.');
    } else if (distinct.size < 2) {
      report('administratorIds', 'Choose at least two different staff administrators (4.10).');
    } else if (school) {
      checkStaff('administratorIds', 'Staff administrators', v.administratorIds, school, ctx, report);
    }
  }
  if (v.advisorId !== undefined && school) checkStaff('advisorId', 'Staff advisor', [v.advisorId], school, ctx, report);
};

const checkClubFollowing: CrossCheck<ClubFollowingRequest> = (v, ctx, report) => {
  const school = checkSchool(v, ctx, report) && v.unitId ? ({ type: 'school', id: v.unitId } as const) : undefined;
  if (v.otherAdministratorId === undefined) return;
  if (v.otherAdministratorId === ctx.requesterId.toLowerCase()) {
    report('otherAdministratorId', 'Choose another staff member; 4.7 needs someone besides you with administrator access.');
  } else if (school) {
    checkStaff('otherAdministratorId', 'Other administrator', [v.otherAdministratorId], school, ctx, report);
  }
};

const CROSS_CHECKS: { [K in RequestKind]: CrossCheck<RequestValues[K]> } = {
  'speak-on-behalf': checkSpeakOnBehalf,
  'logo-use': checkLogoUse,
  'school-account': checkSchoolAccount,
  'club-following': checkClubFollowing,
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Check a submitted form on the server. Every field is checked on its own first,
 * then against the others and the directory, so one round trip shows every
 * problem beside its field. Unknown keys (verb, kind, draftId) are ignored.
 */
export function validateRequest<K extends RequestKind>(kind: K, raw: unknown, ctx: ValidationContext): ValidationResult<K> {
  const schema: z.ZodObject<z.ZodRawShape> = REQUEST_SCHEMAS[kind];
  const input = isRecord(raw) ? raw : {};
  const errors: Record<string, string> = {};
  const partial: Record<string, unknown> = {};

  for (const [name, fieldSchema] of Object.entries(schema.shape)) {
    const result = fieldSchema.safeParse(input[name]);
    if (result.success) {
      if (result.data !== undefined) partial[name] = result.data;
    } else {
      errors[name] = result.error.issues[0]?.message ?? 'This answer is not valid.';
    }
  }

  // The first problem with a field is the one shown beside it.
  const report = (field: string, message: string): void => {
    errors[field] ??= message;
  };
  const check = CROSS_CHECKS[kind] as CrossCheck<Record<string, unknown>>;
  check(partial, ctx, report);

  if (Object.keys(errors).length > 0) return { ok: false, errors: errors as FieldErrors<K> };
  return { ok: true, value: schema.parse(input) as RequestValues[K] };
}
