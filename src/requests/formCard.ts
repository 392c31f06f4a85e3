import { renderCard } from '../cardTemplates';
import type { Directory, PersonId, School, UnitRef } from '../directory/types';
import { staffOf } from '../directory/queries';
import { KIND_SPECS, type Choice, type FieldSpec } from './kinds';
import type { RequestKind } from './requestKind';

/**
 * The form card for each kind: the template cards/request-<kind>.json filled
 * from typed data by the same renderer as every other card (templates are read
 * once and kept). A rejected submission is rendered again from what was
 * submitted, so nothing typed is lost, with each error beside its field.
 */

export const FORM_SUBMIT_VERB = 'request.submit';
export const FORM_CANCEL_VERB = 'request.cancel';

/**
 * The data both buttons carry (Action.Execute, so a refused submission comes
 * back in place). `draftId` makes a retried submission idempotent; `requestId`
 * and `version` mark a resubmission after changes were asked for.
 */
export interface FormActionData {
  verb: typeof FORM_SUBMIT_VERB | typeof FORM_CANCEL_VERB;
  kind: RequestKind;
  draftId?: string;
  requestId?: string;
  version?: number;
}

/** What the template reads for one field. */
export interface FormCardField {
  label: string;
  /** For toggles: the sentence beside the checkbox. */
  title: string;
  required: boolean;
  maxLength: number;
  placeholder: string;
  errorMessage: string;
  choices: Choice[];
  /** Shown instead of an empty choice list (an empty ChoiceSet is not a valid card). */
  emptyText: string;
}

export interface FormCardData {
  kind: RequestKind;
  title: string;
  intro: string;
  fields: Record<string, FormCardField>;
  /** Every field, as the card's inputs hold it: text, "a,b" for multi-selects, "true"/"false" for toggles. */
  values: Record<string, string>;
  errors: Record<string, string>;
  /** The form-level message; empty when there is none. */
  banner: string;
  submitTitle: string;
  submit: FormActionData;
  cancel: FormActionData;
}

export interface FormRequester {
  id: PersonId;
  /** The school or department the requester chose last time, which the bot remembers. */
  unit?: UnitRef;
}

export interface FormCardInput {
  /** The submission being shown again, or stored values when editing; unknown fields are ignored. */
  values?: unknown;
  errors?: Partial<Record<string, string>>;
  /** A form-level message; when absent and there are field errors, a standard one is shown. */
  formError?: string;
  directory: Directory;
  requester: FormRequester;
  draftId?: string;
  /** Editing a request that came back for changes. */
  resubmit?: { requestId: string; version: number };
}

function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/**
 * Keep exactly what was typed (untrimmed): the person fixes their text, not
 * ours. Only text far beyond the field's limit, which the card itself would
 * not accept and so came from elsewhere, is cut, so the card stays under 28 KB.
 */
function displayValue(spec: FieldSpec, v: unknown): string {
  const echoMax = 2 * Math.max(spec.maxLength ?? 0, 200);
  if (typeof v === 'string') return v.length > echoMax ? v.slice(0, echoMax) : v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.filter((x) => typeof x === 'string').join(',');
  return spec.input === 'toggle' ? 'false' : '';
}

function byTitle(a: Choice, b: Choice): number {
  return a.title.localeCompare(b.title);
}

/** The unit the form starts with: what was chosen, else what the bot remembers, else where the directory lists the requester. */
function defaultUnit(spec: FieldSpec, requester: FormRequester, directory: Directory): string {
  const fits = (u: UnitRef): boolean => spec.source === 'units' || u.type === 'school';
  if (requester.unit && fits(requester.unit)) return requester.unit.id;
  return directory.unitsOf(requester.id).find(fits)?.id ?? '';
}

function unitChoices(source: 'units' | 'schools', directory: Directory): Choice[] {
  const schools = directory.schools().map((s) => ({ value: s.id, title: s.name }));
  if (source === 'schools') return schools;
  return [...schools, ...directory.departments().map((d) => ({ value: d.id, title: `${d.name} (department)` }))];
}

/**
 * People to choose from: the chosen school's staff. Before a school is known,
 * everyone on staff at any school, with their school beside their name; the
 * server checks the person belongs to the school finally chosen.
 */
function staffChoices(spec: FieldSpec, school: School | undefined, requester: FormRequester, directory: Directory): Choice[] {
  const schools = school ? [school] : directory.schools();
  const seen = new Set<string>();
  const choices: Choice[] = [];
  for (const s of schools) {
    for (const id of staffOf(directory, { type: 'school', id: s.id })) {
      if (seen.has(id) || (spec.excludeRequester && id === requester.id.toLowerCase())) continue;
      const person = directory.person(id);
      if (!person) continue;
      seen.add(id);
      choices.push({ value: id, title: school ? person.name : `${person.name} (${s.name})` });
    }
  }
  return choices.sort(byTitle);
}

function bannerText(errorCount: number, formError: string | undefined, resubmit = false): string {
  if (formError) return formError;
  if (errorCount === 0) return resubmit ? 'Make the changes asked for, then resubmit. The history of the request is kept.' : '';
  return errorCount === 1
    ? 'Your request was not sent. Please fix the field marked below.'
    : `Your request was not sent. Please fix the ${errorCount} fields marked below.`;
}

/** The template data for a kind's form card. */
export function formCardData(kind: RequestKind, input: FormCardInput): FormCardData {
  const spec = KIND_SPECS[kind];
  const { directory, requester } = input;
  const raw = asRecord(input.values);

  const values: Record<string, string> = {};
  for (const f of spec.fields) values[f.name] = displayValue(f, raw[f.name]);
  const unitSpec = spec.fields.find((f) => f.name === 'unitId');
  if (unitSpec && values.unitId === '') values.unitId = defaultUnit(unitSpec, requester, directory);

  const school = values.unitId ? directory.school(values.unitId.trim()) : undefined;

  const fields: Record<string, FormCardField> = {};
  for (const f of spec.fields) {
    let choices: Choice[] = f.choices ? [...f.choices] : [];
    let emptyText = '';
    switch (f.source) {
      case 'units':
      case 'schools':
        choices = unitChoices(f.source, directory);
        emptyText = 'The district directory lists no schools yet; ask Communications.';
        break;
      case 'school-staff':
        choices = staffChoices(f, school, requester, directory);
        emptyText = school
          ? `The district directory lists no other staff at ${school.name}; ask your principal to have them added.`
          : 'The district directory lists no school staff yet; ask Communications.';
        break;
      case undefined:
        break;
    }
    const title =
      f.name === 'createdWithGenericEmail' && school ? `${f.label} (${school.genericEmail})` : f.label;
    fields[f.name] = {
      label: f.label,
      title,
      required: f.required,
      maxLength: f.maxLength ?? 0,
      placeholder: f.placeholder ?? '',
      errorMessage: f.errorMessage,
      choices,
      emptyText,
    };
  }

  const errors: Record<string, string> = {};
  for (const f of spec.fields) {
    const message = input.errors?.[f.name];
    if (message) errors[f.name] = message;
  }

  const action = (verb: FormActionData['verb']): FormActionData => {
    const data: FormActionData = { verb, kind };
    if (input.draftId !== undefined) data.draftId = input.draftId;
    if (input.resubmit) {
      data.requestId = input.resubmit.requestId;
      data.version = input.resubmit.version;
    }
    return data;
  };

  return {
    kind,
    title: spec.title,
    intro: spec.intro,
    fields,
    values,
    errors,
    banner: bannerText(Object.keys(errors).length, input.formError, Boolean(input.resubmit)),
    submitTitle: input.resubmit ? 'Resubmit' : 'Submit',
    submit: action(FORM_SUBMIT_VERB),
    cancel: action(FORM_CANCEL_VERB),
  };
}

/** An Adaptive Card as JSON, ready to send as an attachment. */
export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  version: string;
  body: unknown[];
  actions?: unknown[];
  [key: string]: unknown;
}

/** Expand the kind's template with the data. */
export function renderFormCard(kind: RequestKind, data: FormCardData): AdaptiveCardJson {
  return renderCard(`request-${kind}`, data) as unknown as AdaptiveCardJson;
}
