import { KNOWLEDGE_VERDICTS, loadKnowledge, parseKnowledge } from '../../../src/policy/knowledge';
import { loadProcedure, sameRule } from '../../../src/policy/procedure';

const procedure = loadProcedure();
const knowledge = loadKnowledge(procedure);

/**
 * Clauses whose DOMAIN.md verdict is a "no" or "needs permission" with no allowed path:
 * an `allowed` entry may not rest on them.
 */
const NEVER_ALLOWED = ['4.6', '4.10(c)', '4.12', '4.13', '4.17'];

/** Every clause in DOMAIN.md's table, which the knowledge base must cover. */
const DOMAIN_CLAUSES = [
  '3.1', '3.2', '3.3', '3.4',
  ...Array.from({ length: 19 }, (_, i) => `4.${i + 1}`),
  'A:Board', 'A:District', 'A:Inappropriate message', 'A:OCDSB Community', 'A:OCDSB Environment', 'A:Social Media', 'A:User',
];

describe('knowledge base', () => {
  it('is large enough and well formed', () => {
    expect(knowledge.entries.length).toBeGreaterThanOrEqual(60);
    for (const e of knowledge.entries) {
      expect(KNOWLEDGE_VERDICTS).toContain(e.verdict);
      expect(e.questions.length).toBeGreaterThanOrEqual(5);
      expect(e.answer.length).toBeLessThan(600);
    }
    expect(knowledge.outOfScope.length).toBeGreaterThan(0);
  });

  it('cites only clauses of the procedure', () => {
    for (const e of knowledge.entries) for (const id of e.clauses) expect(procedure.byId.has(id)).toBe(true);
  });

  it('covers every clause of the DOMAIN table', () => {
    const cited = knowledge.entries.flatMap((e) => e.clauses);
    for (const id of DOMAIN_CLAUSES) expect(cited.some((c) => sameRule(procedure, c, id))).toBe(true);
  });

  // DOMAIN.md's boundaries put some "allowed" answers on these clauses: a logo you drew
  // yourself (4.13), a union's own update (4.12), staff-only photos with agreement (4.6). Such
  // an entry says where the rule stops, so it must also say, in its conditions, when the
  // rule does apply; any other "allowed" on these clauses is a wrong yes.
  const boundary = (e: (typeof knowledge.entries)[number]) => e.verdict === 'allowed' && (e.conditions ?? []).length > 0;

  it('never answers "allowed" on a clause that says no without conditions', () => {
    const offenders = knowledge.entries
      .filter((e) => e.verdict === 'allowed' && !boundary(e))
      .filter((e) => e.clauses.some((id) => NEVER_ALLOWED.some((no) => sameRule(procedure, id, no))));
    expect(offenders.map((e) => e.id)).toEqual([]);
  });

  it('asks for permission wherever the rule is a permission rule', () => {
    for (const e of knowledge.entries.filter((e) => ['4.12', '4.13'].includes(e.clauses[0]!) && !boundary(e))) expect(e.verdict).toBe('needs-permission');
  });

  it('answers in French where it marks the edge of a "no" or "needs permission" rule', () => {
    const edges = knowledge.entries.filter((e) => boundary(e) && e.clauses.some((id) => NEVER_ALLOWED.some((no) => sameRule(procedure, id, no))));
    expect(edges.length).toBeGreaterThan(0);
    for (const e of edges) expect(e.answerFr).toBeTruthy();
  });

  it('says no to a friend request from a student and "it depends" for a club account with a second admin', () => {
    const byId = new Map(knowledge.entries.map((e) => [e.id, e]));
    expect(byId.get('student-friend-personal')?.verdict).toBe('not-allowed');
    expect(byId.get('student-follow-club-account')?.verdict).toBe('conditional');
    expect(byId.get('club-account-sole-admin')?.verdict).toBe('not-allowed');
  });

  it('offers start-request actions only with a request kind', () => {
    for (const e of knowledge.entries) for (const a of e.actions ?? []) if (a.kind === 'start-request') expect(a.requestKind).toBeTruthy();
  });

  it('rejects malformed data', () => {
    expect(() => parseKnowledge('entries: [{ id: x, clauses: ["4.7"], verdict: maybe, answer: "a long enough answer here", questions: [a, b, c] }]')).toThrow();
    expect(() =>
      parseKnowledge('entries: [{ id: x, clauses: ["4.99"], verdict: info, answer: "a long enough answer here", questions: [abc, bcd, cde] }]', procedure),
    ).toThrow(/4\.99/);
  });
});
