import type { Answer } from '../policy/answer';
import type { Knowledge } from '../policy/knowledge';
import type { Procedure } from '../policy/procedure';
import type { Lang } from './language';
import { fill, strings } from './strings';

/**
 * An answer's words in the person's language. The answerer works in English; a French answer is
 * the matched knowledge entry's `answerFr`, or, when no entry was matched ("I'm not sure", a
 * clause asked for by number), the same sentence built from the French strings. The verdict,
 * clauses and quotes never change with the language.
 */
export type FrenchAnswers = ReadonlyMap<string, string>;

/** Entry id → French answer, read once from the knowledge base. */
export function frenchAnswers(knowledge: Knowledge): FrenchAnswers {
  const map = new Map<string, string>();
  for (const entry of knowledge.entries) if (entry.answerFr) map.set(entry.id, entry.answerFr.trim());
  return map;
}

/** French list of clause ids: "4.7", "4.7 et 4.17". */
function andList(ids: string[]): string {
  return ids.length <= 1 ? (ids[0] ?? '') : `${ids.slice(0, -1).join(', ')} et ${ids[ids.length - 1]}`;
}

export function answerText(answer: Answer, lang: Lang, procedure: Procedure, french: FrenchAnswers): string {
  if (lang === 'en') return answer.answer;
  const fromEntry = answer.matched ? french.get(answer.matched) : undefined;
  if (fromEntry) return fromEntry;
  const s = strings('fr').answer;
  const number = procedure.number;
  if (answer.verdict === 'unknown') {
    const closest = answer.clauses.filter((id) => id !== '4.4').slice(0, 2);
    const pointer = closest.length ? ` ${fill(s.notSureClosest, { number, clauses: andList(closest) })}` : '';
    return `${fill(s.notSure, { number })}${pointer}`;
  }
  const clause = answer.clauses[0] ?? '';
  // The answerer's two sentences without an entry: a clause asked for by number, or the closest clause quoted.
  return answer.answer.startsWith('Here is what') ? fill(s.clauseOnly, { number, clause }) : fill(s.clauseSpeaks, { number, clause });
}
