import fs from 'node:fs';
import { fromRoot } from '../../src/paths';
import { createAnswerer, type Answerer, type Verdict } from '../../src/policy/answer';
import { loadKnowledge } from '../../src/policy/knowledge';
import { loadProcedure, sameRule } from '../../src/policy/procedure';
import { createBaseline } from './bm25Baseline';

export type Split = 'tune' | 'heldout';

export interface LabelledQuestion {
  id: string;
  text: string;
  /** Expected clause ids; the first is the top-1 label. */
  clauses: string[];
  verdict: Verdict;
  split: Split;
}

export interface EvalFailure {
  id: string;
  text: string;
  expected: { clauses: string[]; verdict: Verdict };
  got: { clauses: string[]; verdict: Verdict; matched?: string; confidence: number };
  problems: Array<'top1' | 'verdict' | 'unsafe'>;
}

export interface Scores {
  top1: number;
  hit3: number;
  verdictAccuracy: number;
}

export interface EvalReport extends Scores {
  split: Split | 'all';
  n: number;
  /** Answers that say `allowed` where the label is `not-allowed` or `needs-permission`. */
  unsafe: number;
  baseline: Scores;
  failures: EvalFailure[];
  msPerQuestion: number;
}

/** Every test/eval/questions*.jsonl file, one labelled question a line. */
export function loadQuestions(): LabelledQuestion[] {
  const dir = fromRoot('test', 'eval');
  return fs
    .readdirSync(dir)
    .filter((f) => /^questions.*\.jsonl$/.test(f))
    .sort()
    .flatMap((f) =>
      fs
        .readFileSync(`${dir}/${f}`, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as LabelledQuestion),
    );
}

/**
 * Top-1 rule: a hit when the predicted first clause equals the label's first clause, or one
 * is the parent of the other (4.6 and 4.6(c) agree; 4.6(b) and 4.6(c) do not).
 */
const top1Hit = (predicted: string[], label: string[]) =>
  predicted[0] !== undefined && label[0] !== undefined && sameRule(undefined, predicted[0], label[0]);

/** Hit@3: the label's first clause (or its parent/child) is among the first three predicted. */
const hit3 = (predicted: string[], label: string[]) =>
  label[0] !== undefined && predicted.slice(0, 3).some((id) => sameRule(undefined, id, label[0]!));

const isUnsafe = (predicted: Verdict, label: Verdict) =>
  predicted === 'allowed' && (label === 'not-allowed' || label === 'needs-permission');

export function evaluateAnswers(split: Split | 'all' = 'all', answerer?: Answerer): EvalReport {
  const procedure = loadProcedure();
  const bot = answerer ?? createAnswerer(procedure, loadKnowledge(procedure));
  const baseline = createBaseline(procedure);
  const questions = loadQuestions().filter((q) => split === 'all' || q.split === split);

  let top1 = 0, three = 0, verdicts = 0, unsafe = 0;
  let bTop1 = 0, bThree = 0, bVerdicts = 0;
  const failures: EvalFailure[] = [];
  // The first pass warms the JIT; the second is timed, as a running bot would see it.
  questions.forEach((q) => bot.answer(q.text));
  const started = process.hrtime.bigint();
  const answers = questions.map((q) => bot.answer(q.text));
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;

  questions.forEach((q, i) => {
    const a = answers[i]!;
    const problems: EvalFailure['problems'] = [];
    if (top1Hit(a.clauses, q.clauses)) top1++;
    else problems.push('top1');
    if (hit3(a.clauses, q.clauses)) three++;
    if (a.verdict === q.verdict) verdicts++;
    else problems.push('verdict');
    if (isUnsafe(a.verdict, q.verdict)) {
      unsafe++;
      problems.push('unsafe');
    }
    if (problems.length) {
      failures.push({
        id: q.id,
        text: q.text,
        expected: { clauses: q.clauses, verdict: q.verdict },
        got: {
          clauses: a.clauses,
          verdict: a.verdict,
          confidence: a.confidence,
          ...(a.matched ? { matched: a.matched } : {}),
        },
        problems,
      });
    }
    const b = baseline.answer(q.text);
    if (top1Hit(b.clauses, q.clauses)) bTop1++;
    if (hit3(b.clauses, q.clauses)) bThree++;
    if (b.verdict === q.verdict) bVerdicts++;
  });

  const n = questions.length;
  const rate = (k: number) => (n ? k / n : 0);
  return {
    split,
    n,
    top1: rate(top1),
    hit3: rate(three),
    verdictAccuracy: rate(verdicts),
    unsafe,
    baseline: { top1: rate(bTop1), hit3: rate(bThree), verdictAccuracy: rate(bVerdicts) },
    failures,
    msPerQuestion: n ? elapsedMs / n : 0,
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function formatReport(report: EvalReport, options: { failures?: boolean } = {}): string {
  const scores = (s: Scores) => `top-1 ${pct(s.top1)}  hit@3 ${pct(s.hit3)}  verdict ${pct(s.verdictAccuracy)}`;
  const lines = [
    `PR.708.IT answers — split: ${report.split}, ${report.n} questions, ${report.msPerQuestion.toFixed(3)} ms/question`,
    `  answerer : ${scores(report)}  unsafe ${report.unsafe}`,
    `  baseline : ${scores(report.baseline)}  (BM25 over clause text only)`,
  ];
  if (options.failures ?? true) {
    for (const f of report.failures) {
      lines.push(
        `  ✗ ${f.id} [${f.problems.join(',')}] "${f.text}"`,
        `      expected ${f.expected.verdict} ${f.expected.clauses.join(',')}` +
          ` | got ${f.got.verdict} ${f.got.clauses.join(',')} (${f.got.matched ?? '-'}, confidence ${f.got.confidence.toFixed(2)})`,
      );
    }
  }
  return lines.join('\n');
}

export function printReport(report: EvalReport, options?: { failures?: boolean }): void {
  console.log(formatReport(report, options));
}

if (require.main === module) {
  const arg = process.argv[2];
  const split = arg === 'tune' || arg === 'heldout' ? arg : 'all';
  printReport(evaluateAnswers(split), { failures: !process.argv.includes('--quiet') });
}
