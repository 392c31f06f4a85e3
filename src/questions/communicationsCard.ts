import type { StoredQuestion } from '../store/questions';
import type { Lang } from '../i18n/language';
import { fill, strings } from '../i18n/strings';

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

const FORMATS: Record<Lang, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-CA', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/Toronto' }),
  fr: new Intl.DateTimeFormat('fr-CA', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/Toronto' }),
};

const day = (iso: string | null, lang: Lang = 'en'): string => (iso ? FORMATS[lang].format(new Date(iso)) : '');

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

/** The line on the asker's answer card once the question went to Communications, in the card's language. */
export function communicationsLine(q: StoredQuestion, lang: Lang = 'en'): string | null {
  const s = strings(lang).answer;
  if (q.status === 'asked-communications') return fill(s.sentToCommunications, { date: day(q.updatedAt, lang) });
  if (q.status === 'answered-by-communications') return fill(s.answeredByCommunications, { date: day(q.answeredAt, lang), answer: q.answer ?? '' });
  return null;
}
