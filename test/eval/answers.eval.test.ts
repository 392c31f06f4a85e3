import { evaluateAnswers, formatReport, loadQuestions, type EvalReport } from './answers';

/**
 * The bar the customer will hold the bot to, measured on questions never used for tuning
 * (split "heldout"), and on everything as a sanity check.
 */
const BAR = { top1: 0.95, verdictAccuracy: 0.9 };

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
