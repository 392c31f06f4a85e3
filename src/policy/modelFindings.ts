import type { DraftModel, DraftProbabilities } from './draftModel';
import { MODEL_KINDS } from './draftModel';
import type { DraftContext, Finding, FindingKind, Severity } from './detectors/types';

/**
 * What the draft model adds to the detectors' findings. A kind the model is
 * confident of, and no detector found, becomes a finding about the draft as a
 * whole (no span: the model reads tone and meaning, not one phrase). When
 * nothing was found but the model still thinks the draft may be a problem, the
 * check must not say "OK to post": it says what it could not judge and sends
 * the person to Communications (4.4).
 */
interface KindWording {
  clause: string;
  clauses: string[];
  severity: Severity;
  message: string;
  fix: string;
  /** What the draft seems to do, for the "not sure" finding. */
  reads: string;
}

const WORDING: Record<FindingKind, KindWording> = {
  'personal-information': {
    clause: '4.6(c)', clauses: ['4.6(c)', '4.19(a)'], severity: 'not-allowed',
    message: 'This seems to share personal information about a student, a family or a colleague (who they are, their health, family or situation).',
    fix: 'Take out anything that identifies the person (a name, a face, or a combination such as first name, grade and school) and any health, disability or family detail, unless you have their written consent.',
    reads: 'share personal information about someone',
  },
  confidential: {
    clause: '4.6(c)', clauses: ['4.6(c)'], severity: 'not-allowed',
    message: 'This seems to reveal confidential or not-yet-announced school or board business.',
    fix: 'Leave internal decisions, staffing, investigations and meetings out until the board announces them; share the official announcement instead.',
    reads: 'reveal confidential school or board business',
  },
  defamatory: {
    clause: '4.6(b)', clauses: ['4.6(b)'], severity: 'not-allowed',
    message: 'The tone reflects negatively on students, families, colleagues, the school, the district or the board, even if it is meant as a joke.',
    fix: 'Remove the digs, sarcasm and mocking emojis or hashtags. If you have a concern, raise it with your principal or supervisor, not on social media.',
    reads: 'reflect negatively on people or the school',
  },
  'harassment-hate': {
    clause: '4.6(c)', clauses: ['4.6(c)', '4.19(a)'], severity: 'not-allowed',
    message: 'This reads as harassing, hateful or a generalisation about a group of people.',
    fix: 'Remove it. Speak about behaviour and facts, never about a group of people as a group.',
    reads: 'generalise about or target a group of people',
  },
  'student-contact': {
    clause: '4.17', clauses: ['4.17', '4.15', '4.7'], severity: 'not-allowed',
    message: 'This invites contact with students or families outside the district-approved platforms (a DM, a group chat, a personal account or number).',
    fix: 'Use the district-approved platform for two-way communication with students and families, and do not friend or follow students.',
    reads: 'open contact with students or families off approved platforms',
  },
  political: {
    clause: '4.10(c)', clauses: ['4.10(c)'], severity: 'not-allowed',
    message: 'This reads as political campaigning, which a school or district account must not carry (its content must be apolitical).',
    fix: 'Keep school and district accounts apolitical; post personal political views only on your own account, not as the school.',
    reads: 'take a political side',
  },
  'speaking-for-school': {
    clause: '4.12', clauses: ['4.12'], severity: 'needs-permission',
    message: 'This seems to speak on behalf of the school, department, district or board.',
    fix: 'Get the written permission of your principal or supervisor first (use Request permission), or say plainly that it is your own view.',
    reads: 'speak for the school or board',
  },
  logo: {
    clause: '4.13', clauses: ['4.13'], severity: 'needs-permission',
    message: 'This seems to use a board or school logo, crest or branding.',
    fix: 'Ask for permission to use the logo first (Request logo use), or post without it.',
    reads: 'use a school or board logo',
  },
  copyright: {
    clause: '4.6(d)', clauses: ['4.6(d)'], severity: 'not-allowed',
    message: 'This seems to use someone else\'s work (music, images, characters, a book or software) without permission.',
    fix: 'Use your own material, material with a licence that allows it, or link to the source instead of copying it.',
    reads: "use someone else's work",
  },
  crisis: {
    clause: '3.2', clauses: ['3.2', '4.4'], severity: 'ask-communications',
    message: 'This seems to be about an emergency or crisis in progress; during a crisis only Communications posts about it.',
    fix: 'Do not post about it; share what Communications posts on the district account instead.',
    reads: 'are about an emergency in progress',
  },
  'disclaimer-missing': {
    clause: '4.5', clauses: ['4.5'], severity: 'advice',
    message: 'On a personal account, say that your posts do not represent the school or the board.',
    fix: 'Add a line such as "Views are my own, not my employer\'s" to your profile.',
    reads: 'talk about school matters from a personal account',
  },
};

/** Severity of a kind, as the model reports it; political content counts only on a school or district account. */
function severityOf(kind: FindingKind, ctx: DraftContext): Severity {
  if (kind === 'political' && ctx.account === 'personal') return 'advice';
  return WORDING[kind].severity;
}

function modelFinding(kind: FindingKind, severity: Severity): Finding {
  const w = WORDING[kind];
  return { kind, start: 0, end: 0, clause: w.clause, clauses: [...w.clauses], severity, message: w.message, fix: w.fix };
}

export interface ModelJudgement {
  findings: Finding[];
  probabilities: DraftProbabilities;
}

/**
 * Findings the model adds to the detectors' ones. `found` are the detectors'
 * findings: a kind they already flagged is not repeated.
 */
export function modelFindings(model: DraftModel, text: string, ctx: DraftContext, found: readonly Finding[]): ModelJudgement {
  const p = model.predict(text, ctx.account);
  const t = model.artefact.thresholds;
  const findings: Finding[] = [];
  for (const kind of MODEL_KINDS) {
    if (kind === 'disclaimer-missing') continue;
    if (p[kind] < t[kind]) continue;
    if (found.some((f) => f.kind === kind)) continue;
    const severity = severityOf(kind, ctx);
    if (severity === 'advice') continue;
    findings.push(modelFinding(kind, severity));
  }
  const problems = [...found, ...findings].filter((f) => f.severity !== 'advice');
  const candidates = MODEL_KINDS.filter((k) => k !== 'disclaimer-missing' && severityOf(k, ctx) !== 'advice');
  const closest = candidates.reduce((a, b) => (p[b] > p[a] ? b : a));
  const doubt = p.problem >= model.artefact.unsureThreshold || p[closest] >= model.artefact.unsureKindThreshold;
  if (problems.length === 0 && doubt) {
    // Not confident it is fine: name the closest concern and send it to Communications.
    const w = WORDING[closest];
    findings.push({
      kind: closest,
      start: 0,
      end: 0,
      clause: '4.4',
      clauses: ['4.4', w.clause],
      severity: 'ask-communications',
      message: `I can't tell for sure that this is fine: it reads close to posts that ${w.reads} (${w.clause}). I could not judge it with confidence.`,
      fix: `Ask Communications before posting (4.4). ${w.fix}`,
    });
  }
  return { findings, probabilities: p };
}
