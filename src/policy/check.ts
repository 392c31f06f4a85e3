import { DETECTORS } from './detectors';
import type { DraftContext, Finding, Severity } from './detectors/types';
import { defaultDraftModel, type DraftModel } from './draftModel';
import { modelFindings } from './modelFindings';

export type Verdict = 'ok' | 'needs-permission' | 'not-allowed' | 'ask-communications';

export interface CheckResult {
  verdict: Verdict;
  /** Sorted by start. */
  findings: Finding[];
  /** Unique clause ids, most severe finding first, then by position. */
  clauses: string[];
  /** The draft with personal information replaced by placeholders, offered only when that is the only problem. */
  redacted?: string;
}

/**
 * Drafts longer than this should be refused by callers: a social-media post is far shorter, and
 * checkDraft stays linear anyway, so the limit is about sensible input rather than safety.
 */
export const CHECK_DRAFT_LIMIT = 10_000;

const RANK: Record<Severity, number> = { 'not-allowed': 0, 'ask-communications': 1, 'needs-permission': 2, advice: 3 };

/** A crisis goes to Communications before anything else is weighed; nothing that is not allowed may be posted at all. */
function verdictOf(findings: Finding[]): Verdict {
  let best: Severity = 'advice';
  for (const f of findings) if (RANK[f.severity] < RANK[best]) best = f.severity;
  return best === 'advice' ? 'ok' : best;
}

function redact(text: string, findings: Finding[]): string {
  const spans = findings.filter((f) => f.end > f.start).sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const f of spans) {
    if (f.start < at) continue;
    out += text.slice(at, f.start) + (f.placeholder ?? '[removed]');
    at = f.end;
  }
  return out + text.slice(at);
}

/**
 * Checks a draft post against PR.708.IT: the detectors find what can be named,
 * the learned model (draftModel.ts) what they cannot reach, and a draft the model
 * is not sure of is never called fine. Pure and deterministic; never logs the draft.
 * `model` is null only to measure the detectors alone.
 */
export function checkDraft(text: string, ctx: DraftContext, model: DraftModel | null = defaultDraftModel()): CheckResult {
  const findings: Finding[] = [];
  for (const d of DETECTORS) findings.push(...d.detect(text, ctx));
  if (model) findings.push(...modelFindings(model, text, ctx, findings).findings);
  findings.sort((a, b) => a.start - b.start || a.end - b.end || RANK[a.severity] - RANK[b.severity]);

  const verdict = verdictOf(findings);

  const clauses: string[] = [];
  const byWeight = [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.start - b.start);
  for (const f of byWeight) for (const c of f.clauses) if (!clauses.includes(c)) clauses.push(c);

  const result: CheckResult = { verdict, findings, clauses };
  const problems = findings.filter((f) => f.severity !== 'advice');
  // Redaction helps only when every problem is a piece of text that can be taken out, and only
  // a rewrite the check itself would pass is offered: one that still names a student or keeps a
  // health detail the model doubts is no fix at all.
  if (problems.length > 0 && problems.every((f) => f.kind === 'personal-information' && f.end > f.start)) {
    const redacted = redact(text, problems);
    if (checkDraft(redacted, ctx, model).verdict === 'ok') result.redacted = redacted;
  }
  return result;
}
