import type { Answer, Verdict } from '../policy/answer';
import type { Procedure } from '../policy/procedure';
import type { RequestKind } from '../requests/requestKind';

/**
 * Template data for cards/answer.json: what a staff member reads. The badge
 * says the verdict in words and colour; quotes carry the clause id and its
 * heading so people can find it in the procedure.
 */
const BADGES: Record<Verdict, { label: string; style: string; color: string }> = {
  allowed: { label: '✅ Allowed', style: 'good', color: 'good' },
  'not-allowed': { label: '⛔ Not allowed', style: 'attention', color: 'attention' },
  'needs-permission': { label: '✋ Needs written permission first', style: 'warning', color: 'warning' },
  conditional: { label: '⚖️ It depends', style: 'accent', color: 'accent' },
  info: { label: 'ℹ️ What the procedure says', style: 'emphasis', color: 'default' },
  unknown: { label: "❓ I'm not sure", style: 'warning', color: 'warning' },
};

export const REQUEST_BUTTON_TITLES: Record<RequestKind, string> = {
  'speak-on-behalf': 'Request permission to speak for the school',
  'logo-use': 'Request logo use',
  'school-account': 'Request a school account',
  'club-following': 'Request students following a club account',
};

export function clauseLabel(procedure: Procedure, id: string): string {
  const clause = procedure.byId.get(id);
  if (id.startsWith('A:')) return `Appendix A, definition of “${id.slice(2)}”`;
  const heading = clause?.heading ?? (clause?.parent ? procedure.byId.get(clause.parent)?.heading : undefined);
  return heading ? `${id} · ${heading}` : id;
}

export interface AnswerCardState {
  questionId: string;
  question: string;
  /** Set once the person answered "Was this helpful?". */
  helpful: boolean | null;
  /** A line about Communications, once the question was sent to them or answered. */
  communications: string | null;
}

/** Questions are shown back to their asker on the card, shortened so the card stays small. */
const QUESTION_SHOWN = 300;

export function answerCardData(procedure: Procedure, answer: Answer, state: AnswerCardState): object {
  const startRequest = answer.actions.find((a): a is { kind: 'start-request'; requestKind: RequestKind } => a.kind === 'start-request');
  const unsure = answer.verdict === 'unknown';
  const answerText = unsure
    ? `${answer.answer}\n\nThese are the closest parts of the procedure. Clause 4.4 says to ask your principal or Communications when in doubt: I can send your question to Communications.`
    : answer.answer;
  return {
    questionId: state.questionId,
    question: state.question.length > QUESTION_SHOWN ? `${state.question.slice(0, QUESTION_SHOWN)}…` : state.question,
    badge: BADGES[answer.verdict],
    answer: answerText,
    quotes: answer.quotes.slice(0, 4).map((q) => ({ label: clauseLabel(procedure, q.id), text: q.text })),
    procedureNumber: procedure.number,
    procedureTitle: procedure.title,
    confidencePercent: Math.round(answer.confidence * 100),
    feedback: state.helpful === null ? null : state.helpful ? 'Thanks: glad it helped.' : 'Thanks for saying so. You can ask Communications for a person to answer.',
    communications: state.communications,
    startRequest: startRequest ? { kind: startRequest.requestKind, title: REQUEST_BUTTON_TITLES[startRequest.requestKind] } : null,
    // Anyone may ask a person; the button is offered on every answer not already sent.
    askCommunications: state.communications === null,
    checkDraft: answer.actions.some((a) => a.kind === 'check-draft') || ['not-allowed', 'needs-permission', 'conditional'].includes(answer.verdict),
  };
}
