import { STRINGS } from '../../../src/i18n/strings';
import { CLAUSES_FR, clauseExplanationFr } from '../../../src/i18n/clauses';
import { FINDINGS_FR } from '../../../src/i18n/findings';
import { loadKnowledge } from '../../../src/policy/knowledge';
import { loadProcedure } from '../../../src/policy/procedure';

const procedure = loadProcedure();

/** Every string in a nested table, by its path. */
function leaves(node: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof node === 'string') out.set(path, node);
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) for (const [p, s] of leaves(v, path ? `${path}.${k}` : k)) out.set(p, s);
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('French wording', () => {
  const en = leaves(STRINGS.en);
  const fr = leaves(STRINGS.fr);

  it('has a French string for every English one, and nothing else', () => {
    expect([...fr.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('translates each string (not a copy of the English) and keeps its placeholders', () => {
    for (const [path, english] of en) {
      const french = fr.get(path)!;
      expect({ path, empty: french.trim() === '' }).toEqual({ path, empty: false });
      expect({ path, copied: french === english }).toEqual({ path, copied: false });
      expect({ path, placeholders: placeholders(french) }).toEqual({ path, placeholders: placeholders(english) });
    }
  });

  it('has a French answer for every knowledge entry', () => {
    const missing = loadKnowledge(procedure).entries.filter((e) => !e.answerFr || e.answerFr.trim() === e.answer.trim()).map((e) => e.id);
    expect(missing).toEqual([]);
  });

  it('explains every clause of the procedure in French, and only clauses that exist', () => {
    const unexplained = [...procedure.byId.keys()].filter((id) => !clauseExplanationFr(procedure, id));
    expect(unexplained).toEqual([]);
    expect(Object.keys(CLAUSES_FR).filter((id) => !procedure.byId.has(id))).toEqual([]);
  });

  it('has a French message and fix for every kind of finding', () => {
    for (const [kind, words] of Object.entries(FINDINGS_FR)) {
      expect({ kind, message: words.message.length > 20, fix: words.fix.length > 10 }).toEqual({ kind, message: true, fix: true });
    }
  });
});
