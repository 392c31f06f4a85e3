import { z } from 'zod';
import type { CheckResult } from '../policy/check';
import type { Account, DraftContext, Finding, FindingKind, Severity } from '../policy/detectors/types';
import type { Procedure } from '../policy/procedure';
import { clauseFullText } from '../policy/procedure';
import { clauseLabel, REQUEST_BUTTON_TITLES } from '../questions/answerCard';
import type { RequestKind } from '../requests/requestKind';

/**
 * "Can I post this?" as a card: the form (draft, account, photo questions)
 * and, once checked, the result above it, so "Check again" is the same card.
 * Pure: builds template data for cards/check.json.
 */

/** A card holds the draft up to three times (input, highlights, redaction) and must stay under 28 KB. */
export const TEAMS_DRAFT_LIMIT = 5000;

const toggle = z.preprocess((v) => v === true || v === 'true', z.boolean());

/** What the check form submits. Card data is never trusted: every field is checked here. */
export const checkSubmission = z.object({
  draft: z.string({ required_error: 'Paste the post you want to check.', invalid_type_error: 'Paste the post you want to check.' }),
  account: z.enum(['personal', 'school', 'district'], { errorMap: () => ({ message: 'Choose where it will be posted.' }) }),
  showsStudents: toggle.optional(),
  studentsIdentifiable: toggle.optional(),
  consentOnFile: toggle.optional(),
  showsLogo: toggle.optional(),
});

export interface CheckValues {
  draft: string;
  account: Account | '';
  showsStudents: boolean;
  studentsIdentifiable: boolean;
  consentOnFile: boolean;
  showsLogo: boolean;
}

export type CheckFormErrors = Partial<Record<'draft' | 'account', string>>;

export type ParsedSubmission = { ok: true; values: CheckValues; context: DraftContext } | { ok: false; values: CheckValues; errors: CheckFormErrors };

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const bool = (v: unknown) => v === true || v === 'true';

/** Reads a submission; on failure keeps everything typed (cut to the card's limit) and says what is wrong beside each field. */
export function parseCheckSubmission(raw: Record<string, unknown>): ParsedSubmission {
  const typed = str(raw.draft);
  const values: CheckValues = {
    draft: typed.slice(0, TEAMS_DRAFT_LIMIT),
    account: (['personal', 'school', 'district'] as const).find((a) => a === raw.account) ?? '',
    showsStudents: bool(raw.showsStudents),
    studentsIdentifiable: bool(raw.studentsIdentifiable),
    consentOnFile: bool(raw.consentOnFile),
    showsLogo: bool(raw.showsLogo),
  };
  const errors: CheckFormErrors = {};
  const parsed = checkSubmission.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === 'draft' || field === 'account') && !errors[field]) errors[field] = issue.message;
    }
  }
  if (!errors.draft && typed.trim() === '') errors.draft = 'Paste the post you want to check.';
  if (typed.length > TEAMS_DRAFT_LIMIT) {
    errors.draft = `Your draft is ${typed.length.toLocaleString('en-CA')} characters; I check up to ${TEAMS_DRAFT_LIMIT.toLocaleString('en-CA')} here. I kept the first ${TEAMS_DRAFT_LIMIT.toLocaleString('en-CA')}: shorten it and check again.`;
  }
  if (Object.keys(errors).length > 0 || values.account === '') return { ok: false, values, errors };
  const image = values.showsStudents || values.showsLogo
    ? { showsStudents: values.showsStudents, studentsIdentifiable: values.studentsIdentifiable, consentOnFile: values.consentOnFile, showsLogo: values.showsLogo }
    : undefined;
  return { ok: true, values, context: { account: values.account, ...(image ? { image } : {}) } };
}

export function emptyCheckValues(draft = ''): CheckValues {
  return { draft: draft.slice(0, TEAMS_DRAFT_LIMIT), account: 'personal', showsStudents: false, studentsIdentifiable: false, consentOnFile: false, showsLogo: false };
}

const BADGES: Record<CheckResult['verdict'], { label: string; style: string; color: string; summary: string }> = {
  ok: { label: '✅ OK to post', style: 'good', color: 'good', summary: 'Nothing in it breaks the procedure. Keep it professional (4.2).' },
  'needs-permission': { label: '✋ Needs written permission first', style: 'warning', color: 'warning', summary: 'Get written permission before you post it; you can request it from here.' },
  'not-allowed': { label: '⛔ Not allowed as written', style: 'attention', color: 'attention', summary: 'Change what is highlighted before posting.' },
  'ask-communications': { label: '📣 Ask Communications first', style: 'warning', color: 'warning', summary: 'Communications manages all social-media communication in a crisis or emergency (3.2). Please don’t post about it yourself.' },
};

const ICONS: Record<Severity, string> = { 'not-allowed': '⛔', 'ask-communications': '📣', 'needs-permission': '✋', advice: '💡' };

const TITLES: Record<FindingKind, string> = {
  'personal-information': 'Personal information',
  confidential: 'Confidential information',
  defamatory: 'Reflects negatively on someone',
  'harassment-hate': 'Harassment or hate',
  'student-contact': 'Private contact with students',
  political: 'Political content on a school or district account',
  'speaking-for-school': 'Speaking for the school or district',
  logo: 'Board or school logo',
  copyright: 'Copyright',
  crisis: 'Crisis or emergency',
  'disclaimer-missing': 'Say these are your own views',
};

const EXCERPT_MAX = 120;

export interface CheckCardInput {
  mode: 'chat' | 'dialog';
  values: CheckValues;
  errors?: CheckFormErrors;
  formError?: string;
  /** Good news about the card's draft, e.g. that it went to Communications. */
  notice?: string;
  result?: CheckResult;
}

/** The draft cut into runs, flagged where a finding's span covers it, for the card's RichTextBlock. */
export function highlightRuns(text: string, findings: Finding[]): Array<{ text: string; flagged: boolean }> {
  const flagged = new Uint8Array(text.length);
  for (const f of findings) for (let i = Math.max(0, f.start); i < Math.min(text.length, f.end); i++) flagged[i] = 1;
  const runs: Array<{ text: string; flagged: boolean }> = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || flagged[i] !== flagged[start]) {
      runs.push({ text: text.slice(start, i), flagged: flagged[start] === 1 });
      start = i;
    }
  }
  return runs;
}

export function checkCardData(procedure: Procedure, input: CheckCardInput): object {
  const { result, values } = input;
  const requests = new Map<RequestKind, string>();
  for (const f of result?.findings ?? []) if (f.requestKind) requests.set(f.requestKind, REQUEST_BUTTON_TITLES[f.requestKind]);
  return {
    mode: input.mode,
    limit: TEAMS_DRAFT_LIMIT,
    checkTitle: result ? 'Check again' : 'Check',
    // Input.Toggle takes its value as the string "true" or "false".
    values: { ...values, showsStudents: String(values.showsStudents), studentsIdentifiable: String(values.studentsIdentifiable), consentOnFile: String(values.consentOnFile), showsLogo: String(values.showsLogo) },
    errors: input.errors ?? {},
    formError: input.formError ?? null,
    notice: input.notice ?? null,
    requests: [...requests].map(([kind, title]) => ({ kind, title })),
    result: result
      ? {
          verdict: result.verdict,
          badge: BADGES[result.verdict],
          summary: BADGES[result.verdict].summary,
          runs: highlightRuns(values.draft, result.findings),
          findings: result.findings.map((f) => {
            const excerpt = values.draft.slice(f.start, f.end);
            return {
              icon: ICONS[f.severity],
              title: TITLES[f.kind],
              clause: f.clause,
              excerpt: excerpt.length > EXCERPT_MAX ? `${excerpt.slice(0, EXCERPT_MAX)}…` : excerpt,
              message: f.message,
              fix: f.fix,
            };
          }),
          redacted: result.redacted ?? null,
          quotes: result.clauses
            .filter((id) => procedure.byId.has(id))
            .slice(0, 4)
            .map((id) => ({ label: clauseLabel(procedure, id), text: clauseFullText(procedure, id) })),
        }
      : null,
  };
}
