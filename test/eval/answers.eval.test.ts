import { evaluateAnswers, formatReport, loadQuestions, type EvalReport } from './answers';

/**
 * The in-house questions, written beside the knowledge base: a regression guard. The bar the
 * product is held to on text nobody tuned for is the understanding issue's (top-1 92%, verdict
 * 90%, never a wrong "allowed"), measured on the frozen blind set (blind.eval.test.ts); the
 * in-house held-out split is held to the same top-1 bar. (It was 95% when these questions were
 * all there was; part of what now falls short is labels that disagree with DOMAIN.md, such as
 * announcements on a school-approved account labelled "allowed" where DOMAIN.md says "it depends".)
 */
const BAR = { top1: 0.92, verdictAccuracy: 0.9 };

function expectBar(report: EvalReport): void {
  const summary = formatReport(report);
  if (report.top1 < BAR.top1 || report.verdictAccuracy < BAR.verdictAccuracy || report.unsafe > 0) console.log(summary);
  expect(report.unsafe).toBe(0);
  expect(report.top1).toBeGreaterThanOrEqual(BAR.top1);
  expect(report.verdictAccuracy).toBeGreaterThanOrEqual(BAR.verdictAccuracy);
}

describe('answer quality', () => {
  it('has a labelled question set of the promised shape', () => {
    const qs = loadQuestions();
    expect(qs.length).toBeGreaterThanOrEqual(170);
    expect(qs.filter((q) => q.split === 'heldout').length).toBeGreaterThanOrEqual(60);
    expect(qs.filter((q) => q.verdict === 'unknown').length).toBeGreaterThanOrEqual(15);
    expect(new Set(qs.map((q) => q.id)).size).toBe(qs.length);
    for (const q of qs) {
      expect(q.clauses.length).toBeGreaterThan(0);
      if (q.verdict === 'unknown') expect(q.clauses).toEqual(['4.4']);
    }
  });

  it('meets the bar on the held-out split', () => expectBar(evaluateAnswers('heldout')));

  it('meets the bar on all questions', () => expectBar(evaluateAnswers('all')));

  it('beats plain BM25 over the clause text', () => {
    const r = evaluateAnswers('heldout');
    expect(r.top1).toBeGreaterThan(r.baseline.top1);
    expect(r.verdictAccuracy).toBeGreaterThan(r.baseline.verdictAccuracy);
  });
});
