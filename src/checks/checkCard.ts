import { z } from 'zod';
import type { CheckResult } from '../policy/check';
import type { Account, DraftContext, Finding, Severity } from '../policy/detectors/types';
import type { Procedure } from '../policy/procedure';
import { clauseFullText } from '../policy/procedure';
import { quoteData } from '../questions/answerCard';
import type { RequestKind } from '../requests/requestKind';
import type { Lang } from '../i18n/language';
import { fill, strings } from '../i18n/strings';
import { findingWords, redactedIn } from '../i18n/findings';

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

/** Reads a submission; on failure keeps everything typed (cut to the card's limit) and says what is wrong beside each field, in the card's language. */
export function parseCheckSubmission(raw: Record<string, unknown>, lang: Lang = 'en'): ParsedSubmission {
  const s = strings(lang).check;
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
      if (field === 'draft' && !errors.draft) errors.draft = s.draftMissing;
      if (field === 'account' && !errors.account) errors.account = s.accountMissing;
    }
  }
  if (!errors.draft && typed.trim() === '') errors.draft = s.draftMissing;
  if (typed.length > TEAMS_DRAFT_LIMIT) {
    const locale = lang === 'fr' ? 'fr-CA' : 'en-CA';
    errors.draft = fill(s.draftTooLong, { length: typed.length.toLocaleString(locale), limit: TEAMS_DRAFT_LIMIT.toLocaleString(locale) });
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

const BADGE_STYLES: Record<CheckResult['verdict'], { style: string; color: string }> = {
  ok: { style: 'good', color: 'good' },
  'needs-permission': { style: 'warning', color: 'warning' },
  'not-allowed': { style: 'attention', color: 'attention' },
  'ask-communications': { style: 'warning', color: 'warning' },
};

const ICONS: Record<Severity, string> = { 'not-allowed': '⛔', 'ask-communications': '📣', 'needs-permission': '✋', advice: '💡' };

const EXCERPT_MAX = 120;

export interface CheckCardInput {
  mode: 'chat' | 'dialog';
  /** The language every word on the card is in; the procedure's words stay English. */
  lang: Lang;
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
  const { result, values, lang } = input;
  const all = strings(lang);
  const s = all.check;
  const requests = new Map<RequestKind, string>();
  for (const f of result?.findings ?? []) if (f.requestKind) requests.set(f.requestKind, all.requests[f.requestKind]);
  return {
    mode: input.mode,
    lang,
    limit: TEAMS_DRAFT_LIMIT,
    labels: {
      title: s.title,
      highlighted: s.highlighted,
      redactedTitle: s.redactedTitle,
      procedureSays: s.procedureSays,
      draftLabel: s.draftLabel,
      draftPlaceholder: s.draftPlaceholder,
      draftMissing: s.draftMissing,
      accountLabel: s.accountLabel,
      accountError: s.accountError,
      accounts: s.accounts,
      photoHeading: s.photoHeading,
      showsStudents: s.showsStudents,
      studentsIdentifiable: s.studentsIdentifiable,
      consentOnFile: s.consentOnFile,
      showsLogo: s.showsLogo,
      privacy: s.privacy,
      askCommunications: s.askCommunications,
    },
    checkTitle: result ? s.checkAgain : s.check,
    // Input.Toggle takes its value as the string "true" or "false".
    values: { ...values, showsStudents: String(values.showsStudents), studentsIdentifiable: String(values.studentsIdentifiable), consentOnFile: String(values.consentOnFile), showsLogo: String(values.showsLogo) },
    errors: input.errors ?? {},
    formError: input.formError ?? null,
    notice: input.notice ?? null,
    requests: [...requests].map(([kind, title]) => ({ kind, title })),
    result: result
      ? {
          verdict: result.verdict,
          badge: { label: s.badges[result.verdict].label, ...BADGE_STYLES[result.verdict] },
          summary: s.badges[result.verdict].summary,
          runs: highlightRuns(values.draft, result.findings),
          findings: result.findings.map((f) => {
            const excerpt = values.draft.slice(f.start, f.end);
            const words = findingWords(f, lang);
            return {
              heading: fill(s.findingHeading, { icon: ICONS[f.severity], title: s.findingTitles[f.kind], clause: f.clause }),
              excerpt: excerpt.length > EXCERPT_MAX ? `${excerpt.slice(0, EXCERPT_MAX)}…` : excerpt,
              message: words.message,
              fix: fill(s.howToFix, { fix: words.fix }),
            };
          }),
          redacted: result.redacted ? redactedIn(result.redacted, lang) : null,
          quotes: result.clauses
            .filter((id) => procedure.byId.has(id))
            .slice(0, 4)
            .map((id) => quoteData(procedure, id, clauseFullText(procedure, id), lang)),
        }
      : null,
  };
}
