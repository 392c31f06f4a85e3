import type { StoredQuestion } from '../store/questions';

/**
 * Template data for the two cards of clause 4.4: the question as
 * Communications sees it (with a box to answer), and the answer as the staff
 * member receives it.
 */
const VERDICT_WORDS: Record<string, string> = {
  allowed: 'allowed',
  'not-allowed': 'not allowed',
  'needs-permission': 'needs written permission',
  conditional: 'it depends',
  info: 'information',
  unknown: 'not sure',
};

const day = (iso: string | null): string =>
  iso ? new Date(iso).toLocaleString('en-CA', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/Toronto' }) : '';

export function communicationsCardData(q: StoredQuestion, extra: { notice?: string; typed?: string } = {}): object {
  return {
    questionId: q.id,
    version: q.version,
    askerName: q.askerName,
    askedOn: day(q.createdAt),
    question: q.text,
    botVerdict: q.matched === 'draft-check' ? 'a draft the person wants checked by a person' : (VERDICT_WORDS[q.verdict] ?? q.verdict),
    botClauses: q.clauses.slice(0, 3).join(', ') || 'none',
    answer: q.answer,
    answeredBy: q.answeredBy,
    answeredOn: day(q.answeredAt),
    notice: extra.notice ?? null,
    typed: extra.typed ?? '',
  };
}

export function answeredCardData(q: StoredQuestion): object {
  return { question: q.text, askedOn: day(q.createdAt), answer: q.answer ?? '', answeredBy: q.answeredBy ?? 'Communications', answeredOn: day(q.answeredAt) };
}

/** The line on the asker's answer card once the question went to Communications. */
export function communicationsLine(q: StoredQuestion): string | null {
  if (q.status === 'asked-communications') return `Sent to Communications on ${day(q.updatedAt)}. Their answer will come to your chat with me.`;
  if (q.status === 'answered-by-communications') return `Communications answered on ${day(q.answeredAt)}: ${q.answer ?? ''}`;
  return null;
}
