import type { Answer, Verdict } from '../policy/answer';
import type { Procedure } from '../policy/procedure';
import type { RequestKind } from '../requests/requestKind';
import type { Lang } from '../i18n/language';
import { fill, strings, STRINGS } from '../i18n/strings';
import { answerText, type FrenchAnswers } from '../i18n/answers';
import { clauseExplanationFr } from '../i18n/clauses';

/**
 * Template data for cards/answer.json: what a staff member reads. The badge
 * says the verdict in words and colour; quotes carry the clause id and its
 * heading so people can find it in the procedure. Every word comes from
 * src/i18n in the person's language; the procedure is quoted in its own
 * language (English), with a French explanation beside each quote in French.
 */
const BADGE_STYLES: Record<Verdict, { style: string; color: string }> = {
  allowed: { style: 'good', color: 'good' },
  'not-allowed': { style: 'attention', color: 'attention' },
  'needs-permission': { style: 'warning', color: 'warning' },
  conditional: { style: 'accent', color: 'accent' },
  info: { style: 'emphasis', color: 'default' },
  unknown: { style: 'warning', color: 'warning' },
};

/** The English titles, kept for callers that have no language (English is the default). */
export const REQUEST_BUTTON_TITLES: Record<RequestKind, string> = STRINGS.en.requests;

export function clauseLabel(procedure: Procedure, id: string): string {
  const clause = procedure.byId.get(id);
  if (id.startsWith('A:')) return `Appendix A, definition of “${id.slice(2)}”`;
  const heading = clause?.heading ?? (clause?.parent ? procedure.byId.get(clause.parent)?.heading : undefined);
  return heading ? `${id} · ${heading}` : id;
}

/** A quoted clause as the cards show it: label and words in English, and the French explanation in French. */
export function quoteData(procedure: Procedure, id: string, text: string, lang: Lang): { label: string; text: string; explanation: string | null } {
  return { label: clauseLabel(procedure, id), text, explanation: lang === 'fr' ? clauseExplanationFr(procedure, id) : null };
}

export interface AnswerCardState {
  questionId: string;
  question: string;
  /** Set once the person answered "Was this helpful?". */
  helpful: boolean | null;
  /** A line about Communications, once the question was sent to them or answered. */
  communications: string | null;
}

/** The language a card is drawn in, and the French answers to draw it with. */
export interface CardLanguage {
  lang: Lang;
  french: FrenchAnswers;
}

export const ENGLISH: CardLanguage = { lang: 'en', french: new Map() };

/** Questions are shown back to their asker on the card, shortened so the card stays small. */
const QUESTION_SHOWN = 300;

export function answerCardData(procedure: Procedure, answer: Answer, state: AnswerCardState, language: CardLanguage = ENGLISH): object {
  const { lang } = language;
  const s = strings(lang);
  const startRequest = answer.actions.find((a): a is { kind: 'start-request'; requestKind: RequestKind } => a.kind === 'start-request');
  const text = answerText(answer, lang, procedure, language.french);
  const answerShown = answer.verdict === 'unknown' ? `${text}\n\n${s.answer.unsure}` : text;
  const question = state.question.length > QUESTION_SHOWN ? `${state.question.slice(0, QUESTION_SHOWN)}…` : state.question;
  return {
    questionId: state.questionId,
    lang,
    youAsked: fill(s.answer.youAsked, { question }),
    badge: { label: s.answer.badges[answer.verdict], ...BADGE_STYLES[answer.verdict] },
    answer: answerShown,
    procedureSays: s.answer.procedureSays,
    quotes: answer.quotes.slice(0, 4).map((q) => quoteData(procedure, q.id, q.text, lang)),
    footer: fill(s.answer.footer, { number: procedure.number, title: procedure.title, percent: Math.round(answer.confidence * 100) }),
    feedback: state.helpful === null ? null : state.helpful ? s.answer.thanksHelpful : s.answer.thanksNotHelpful,
    communications: state.communications,
    buttons: { helpful: s.answer.helpful, notHelpful: s.answer.notHelpful, askCommunications: s.answer.askCommunications, checkDraft: s.answer.checkDraft },
    startRequest: startRequest ? { kind: startRequest.requestKind, title: s.requests[startRequest.requestKind] } : null,
    // Anyone may ask a person; the button is offered on every answer not already sent.
    askCommunications: state.communications === null,
    checkDraft: answer.actions.some((a) => a.kind === 'check-draft') || ['not-allowed', 'needs-permission', 'conditional'].includes(answer.verdict),
  };
}
