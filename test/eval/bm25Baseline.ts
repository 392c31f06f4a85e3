import { Bm25 } from '../../src/policy/retrieval';
import { STOP_WORDS, stem, words } from '../../src/policy/text';
import type { Procedure } from '../../src/policy/procedure';
import type { Verdict } from '../../src/policy/answer';

/**
 * The typical verdict of each clause, from DOMAIN.md's clause table (first verdict where the
 * table lists two). The baseline has no other way to tell allowed from not-allowed.
 */
const TYPICAL_VERDICT: Record<string, Verdict> = {
  '4.2': 'allowed',
  '4.5': 'info',
  '4.6': 'not-allowed',
  '4.7': 'not-allowed',
  '4.8': 'conditional',
  '4.9': 'conditional',
  '4.10': 'needs-permission',
  '4.11': 'not-allowed',
  '4.12': 'needs-permission',
  '4.13': 'needs-permission',
  '4.15': 'not-allowed',
  '4.16': 'allowed',
  '4.17': 'not-allowed',
  '4.18': 'allowed',
};

export function typicalVerdict(clauseId: string): Verdict {
  const base = clauseId.replace(/\([a-z]\)$/, '');
  return TYPICAL_VERDICT[base] ?? 'info';
}

/**
 * What plain retrieval would do: BM25 over the procedure's own clause text only, with
 * ordinary stemming and stop words; no knowledge base, staff vocabulary or typo repair.
 * Sub-items stand for their clause, so a parent's bare lead-in ("Employees will:") is skipped.
 */
export function createBaseline(procedure: Procedure): { answer(question: string): { verdict: Verdict; clauses: string[] } } {
  const clauses = procedure.clauses.filter((c) => c.text.trim() && !c.children?.length);
  const terms = (text: string) => words(text).filter((w) => !STOP_WORDS.has(w)).map(stem);
  const index = new Bm25(clauses.map((c) => terms(c.text)));
  return {
    answer(question: string) {
      const q = new Map<string, number>();
      for (const t of terms(question)) q.set(t, 1);
      const ranked = [...index.scores(q)]
        .map((score, doc) => [doc, score] as const)
        .filter(([, score]) => score > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([doc]) => clauses[doc]!.id);
      const top = ranked[0];
      return { verdict: top ? typicalVerdict(top) : 'info', clauses: ranked.slice(0, 3) };
    },
  };
}
