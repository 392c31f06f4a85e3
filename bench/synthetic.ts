import type { Knowledge, KnowledgeEntry } from '../src/policy/knowledge';
import type { Clause, Procedure } from '../src/policy/procedure';
import { STOP_WORDS } from '../src/policy/text';

/**
 * "How does answer cost grow with the knowledge?" needs more procedures than the district has
 * given us. Each extra one is a copy of the real PR.708.IT and its knowledge base with:
 *
 * - every clause id prefixed with the copy's code (`4.6(c)` → `qab-4.6(c)`, `A:Board` →
 *   `A:Board [qab]`), parents, children and sections renamed to match, and every knowledge
 *   entry re-pointed at the renamed clauses (`student-friend` → `student-friend-qab`);
 * - about half of its content words (4+ letters, not stop words; the same choice for every
 *   occurrence in the copy) renamed by the same prefix (`student` → `qabstudent`), so that the
 *   copies share vocabulary with the real procedure and with each other the way a district's
 *   procedures do (employee, school, board, ...), but are not word-for-word duplicates: an
 *   exact duplicate would tie with the original on every question and make no district's
 *   knowledge base look like it;
 * - the procedure number renamed (`PR.708.IT` → `PR.709.IT`, ...).
 *
 * Sentence structure, lengths, the number of clauses, entries and example questions, and the
 * staff vocabulary in the unrenamed half are those of the real documents. Out-of-scope topics
 * are not copied: they describe what no procedure covers, so they stay one set.
 * The real procedure stays as it is (copy 0), so the eval questions still have their answers.
 */
export interface SyntheticKnowledge {
  procedure: Procedure;
  knowledge: Knowledge;
  /** Codes of the copies, '' for the real procedure. */
  codes: string[];
  /** For every clause id, the copy it belongs to ('' for the real one) and its id in the real procedure. */
  origin: ReadonlyMap<string, { code: string; id: string }>;
}

/** A three-letter code per copy: qab, qac, ... (copy 0 is the real procedure and has none). */
export function copyCode(k: number): string {
  if (k <= 0) return '';
  if (k > 675) throw new Error('at most 676 synthetic copies');
  return 'q' + String.fromCharCode(97 + Math.floor(k / 26)) + String.fromCharCode(97 + (k % 26));
}

/** FNV-1a: a stable, seedable choice of which words a copy renames. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Renames about `share` of the content words, consistently within one copy. */
export function wordRenamer(k: number, share = 0.5): (text: string) => string {
  const code = copyCode(k);
  const cut = Math.round(share * 1000);
  const decide = new Map<string, boolean>();
  const renames = (lower: string) => {
    let d = decide.get(lower);
    if (d === undefined) {
      d = !STOP_WORDS.has(lower) && hash(`${code}|${lower}`) % 1000 < cut;
      decide.set(lower, d);
    }
    return d;
  };
  return (text: string) =>
    text
      .replace(/\bPR\.708\.IT\b/g, `PR.${708 + k}.IT`)
      .replace(/\b[A-Za-z][a-z]{3,}\b|\b[A-Z]{4,}\b/g, (word) => {
        const lower = word.toLowerCase();
        if (!renames(lower)) return word;
        if (word === word.toUpperCase()) return code.toUpperCase() + word;
        if (word[0] === word[0]!.toUpperCase()) return code[0]!.toUpperCase() + code.slice(1) + lower;
        return code + word;
      });
}

function copyProcedureClauses(real: Procedure, code: string, rename: (t: string) => string): { clauses: Clause[]; idMap: Map<string, string> } {
  const idMap = new Map<string, string>();
  for (const c of real.clauses) {
    const appendix = /^([A-Z]):(.+)$/.exec(c.id);
    idMap.set(c.id, appendix ? `${appendix[1]}:${rename(appendix[2]!)} [${code}]` : `${code}-${c.id}`);
  }
  const mapId = (id: string) => {
    const m = idMap.get(id);
    if (!m) throw new Error(`synthetic copy: no clause ${id}`);
    return m;
  };
  const clauses = real.clauses.map((c) => {
    const copy: Clause = { id: mapId(c.id), text: rename(c.text), section: /^[A-Z]$/.test(c.section) ? c.section : `${code}-${c.section}` };
    if (c.heading !== undefined) copy.heading = rename(c.heading);
    if (c.parent !== undefined) copy.parent = mapId(c.parent);
    if (c.children !== undefined) copy.children = c.children.map(mapId);
    if (c.term !== undefined) copy.term = rename(c.term);
    return copy;
  });
  return { clauses, idMap };
}

/**
 * The real procedure and knowledge base plus `count - 1` renamed copies, as one answerer
 * input. `count` 1 returns the real ones unchanged.
 */
export function synthesize(real: Procedure, knowledge: Knowledge, count: number, share = 0.5): SyntheticKnowledge {
  if (count < 1) throw new Error('at least one procedure');
  const clauses: Clause[] = [...real.clauses];
  const entries: KnowledgeEntry[] = [...knowledge.entries];
  const codes = [''];
  const origin = new Map<string, { code: string; id: string }>(real.clauses.map((c) => [c.id, { code: '', id: c.id }]));
  for (let k = 1; k < count; k++) {
    const code = copyCode(k);
    codes.push(code);
    const rename = wordRenamer(k, share);
    const copy = copyProcedureClauses(real, code, rename);
    clauses.push(...copy.clauses);
    for (const [from, to] of copy.idMap) origin.set(to, { code, id: from });
    for (const e of knowledge.entries) {
      const entry: KnowledgeEntry = {
        id: `${e.id}-${code}`,
        clauses: e.clauses.map((id) => copy.idMap.get(id) ?? id),
        verdict: e.verdict,
        answer: rename(e.answer),
        questions: e.questions.map(rename),
      };
      if (e.conditions) entry.conditions = e.conditions.map(rename);
      if (e.actions) entry.actions = e.actions.map((a) => ({ ...a }));
      entries.push(entry);
    }
  }
  const byId = new Map(clauses.map((c) => [c.id, c] as const));
  if (byId.size !== clauses.length) throw new Error('synthetic copies produced a duplicate clause id');
  for (const e of entries) for (const id of e.clauses) if (!byId.has(id)) throw new Error(`synthetic entry ${e.id} cites missing clause ${id}`);
  const entryIds = new Set(entries.map((e) => e.id));
  if (entryIds.size !== entries.length) throw new Error('synthetic copies produced a duplicate entry id');
  const procedure: Procedure = { ...real, clauses, byId };
  return { procedure, knowledge: { entries, outOfScope: knowledge.outOfScope }, codes, origin };
}
