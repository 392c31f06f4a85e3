import fs from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { fromRoot } from '../paths';
import { createDirectory } from './memoryDirectory';
import type { Directory, DirectoryData } from './types';

/** The fictional district that ships as the default directory. */
export const SAMPLE_DIRECTORY_PATH = fromRoot('src', 'directory', 'sample-directory.yaml');

export type DirectoryErrorReason = 'unreadable' | 'syntax' | 'invalid';

/** One thing wrong with the file, at a path such as `schools[1].principal`. */
export interface DirectoryIssue {
  path: string;
  message: string;
}

/**
 * A directory file the bot cannot start with. The message names the file and
 * every field at fault, so whoever edits the file can fix it without reading code.
 */
export class DirectoryError extends Error {
  override readonly name = 'DirectoryError';
  constructor(
    readonly reason: DirectoryErrorReason,
    readonly source: string,
    readonly issues: readonly DirectoryIssue[],
  ) {
    super(issues.map((i) => (i.path ? `${source}: ${i.path}: ${i.message}` : `${source}: ${i.message}`)).join('\n'));
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const personId = z
  .string()
  .regex(GUID, 'must be an Entra object id, a GUID such as 0f8fad5b-d9cb-469f-a165-70867728950e')
  .transform((s) => s.toLowerCase());
const unitId = z.string().regex(SLUG, 'must be a short id of lower-case letters, digits and hyphens, such as maple-grove');
const name = z.string().trim().min(1, 'must not be empty').max(200);
const email = z.string().trim().email('must be an email address or user principal name (name@domain)');

const personSchema = z.object({ id: personId, name, email }).strict();

const schoolSchema = z
  .object({
    id: unitId,
    name,
    principal: personId,
    designates: z.array(personId).default([]),
    genericEmail: email,
    supervisor: personId.optional(),
    staff: z.array(personId).optional(),
  })
  .strict();

const departmentSchema = z
  .object({ id: unitId, name, supervisor: personId, staff: z.array(personId).optional() })
  .strict();

const channelSchema = z
  .object({ teamId: z.string().trim().min(1), channelId: z.string().trim().min(1), name })
  .strict();

const communicationsSchema = z
  .object({
    // Communications is where every route ends, so it cannot be empty.
    members: z.array(personId).min(1, 'must list at least one member'),
    channel: channelSchema.optional(),
  })
  .strict();

const fileSchema = z
  .object({
    people: z.array(personSchema).min(1, 'must list at least one person'),
    schools: z.array(schoolSchema).default([]),
    departments: z.array(departmentSchema).default([]),
    communications: communicationsSchema,
  })
  .strict();

function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    return acc ? `${acc}.${part}` : part;
  }, '');
}

function zodIssues(error: z.ZodError): DirectoryIssue[] {
  return error.issues.flatMap((issue): DirectoryIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: 'unknown field' }));
    }
    if (issue.code === 'invalid_type' && issue.received === 'undefined') {
      return [{ path: formatPath(issue.path), message: 'is required' }];
    }
    return [{ path: formatPath(issue.path), message: issue.message }];
  });
}

/** Checks that zod cannot see: references between sections, and ids that must be unique. */
function crossReferenceIssues(data: DirectoryData): DirectoryIssue[] {
  const issues: DirectoryIssue[] = [];
  const known = new Set<string>();
  const emails = new Map<string, string>();

  data.people.forEach((p, i) => {
    if (known.has(p.id)) issues.push({ path: `people[${i}].id`, message: `duplicate person id "${p.id}"` });
    known.add(p.id);
    const lower = p.email.toLowerCase();
    const first = emails.get(lower);
    if (first !== undefined) issues.push({ path: `people[${i}].email`, message: `"${p.email}" is already used by ${first}` });
    else emails.set(lower, `people[${i}]`);
  });

  const ref = (path: string, id: string | undefined): void => {
    if (id !== undefined && !known.has(id)) issues.push({ path, message: `unknown person "${id}"` });
  };
  const list = (path: string, ids: readonly string[] | undefined): void => {
    const seen = new Set<string>();
    (ids ?? []).forEach((id, j) => {
      ref(`${path}[${j}]`, id);
      if (seen.has(id)) issues.push({ path: `${path}[${j}]`, message: `"${id}" is listed twice` });
      seen.add(id);
    });
  };

  // Schools and departments share one id space because a form offers them in one list.
  const unitIds = new Set<string>();
  const unit = (path: string, id: string): void => {
    if (unitIds.has(id)) issues.push({ path, message: `duplicate school or department id "${id}"` });
    unitIds.add(id);
  };

  data.schools.forEach((s, i) => {
    const at = `schools[${i}]`;
    unit(`${at}.id`, s.id);
    ref(`${at}.principal`, s.principal);
    list(`${at}.designates`, s.designates);
    s.designates.forEach((d, j) => {
      if (d === s.principal) issues.push({ path: `${at}.designates[${j}]`, message: 'the principal cannot also be their own designate' });
    });
    ref(`${at}.supervisor`, s.supervisor);
    if (s.supervisor !== undefined && s.supervisor === s.principal) {
      issues.push({ path: `${at}.supervisor`, message: "the principal cannot be their own supervisor" });
    }
    list(`${at}.staff`, s.staff);
  });

  data.departments.forEach((d, i) => {
    const at = `departments[${i}]`;
    unit(`${at}.id`, d.id);
    ref(`${at}.supervisor`, d.supervisor);
    list(`${at}.staff`, d.staff);
  });

  list('communications.members', data.communications.members);
  return issues;
}

/** Parse and check a directory file's text; `sourceName` is used in error messages. */
export function parseDirectory(text: string, sourceName: string): Directory {
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter: lines });
  if (doc.errors.length > 0) {
    throw new DirectoryError(
      'syntax',
      sourceName,
      doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        return { path: `line ${pos.line}, column ${pos.col}`, message: e.message.split('\n')[0] ?? e.message };
      }),
    );
  }
  const raw: unknown = doc.toJS();
  if (raw === null || raw === undefined) {
    throw new DirectoryError('invalid', sourceName, [
      { path: '', message: 'the file is empty; expected people, schools, departments and communications' },
    ]);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) throw new DirectoryError('invalid', sourceName, zodIssues(parsed.error));
  const data: DirectoryData = parsed.data;
  const issues = crossReferenceIssues(data);
  if (issues.length > 0) throw new DirectoryError('invalid', sourceName, issues);
  return createDirectory(data);
}

/** Read, parse and check a directory file; a bad file throws a DirectoryError naming the field at fault. */
export function loadDirectory(path: string): Directory {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new DirectoryError('unreadable', path, [{ path: '', message: `cannot read the directory file (${why})` }]);
  }
  return parseDirectory(text, path);
}

export function loadSampleDirectory(): Directory {
  return loadDirectory(SAMPLE_DIRECTORY_PATH);
}
