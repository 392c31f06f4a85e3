import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createAnswerer, type Answerer } from '../src/policy/answer';
import { loadKnowledge, type Knowledge } from '../src/policy/knowledge';
import { LEARNED_PATH, type LearnedFile, type LearnedQuestion } from '../src/policy/learned';
import { loadProcedure, sameRule, type Procedure } from '../src/policy/procedure';
import { DEFAULT_WEIGHTS, Retriever } from '../src/policy/retrieval';
import { ROOT } from '../src/paths';
import { BATCHES_DIR, loadTrainingBatches, questionLine, scoreQuestions, type CorpusQuestion, type CorpusSet } from '../test/eval/corpus';

/**
 * `npm run learn`: maps every labelled batch question (test/eval/batches/NAME/questions.jsonl)
 * to the knowledge entry whose first clause and verdict agree with its label — to an
 * out-of-scope topic when the label is "unknown" — and writes src/policy/learned-questions.json,
 * which the Retriever reads as extra example questions. Where several entries agree, the one the
 * answerer (without learned questions) already ranks highest wins, so a question teaches the
 * entry it is nearest to. Questions no entry agrees with are listed: they are the knowledge
 * still to write. Never reads the frozen blind set.
 *
 *   node dist/scripts/learnQuestions.js                 write the file from every batch
 *   node dist/scripts/learnQuestions.js --without b3    write it without b3 (then score b3 with tune.js)
 *   node dist/scripts/learnQuestions.js --lobo [--misses]  leave-one-batch-out figures (and misses), nothing written
 */

export interface Mapping {
  learned: Array<LearnedQuestion & { id: string }>;
  unmapped: CorpusQuestion[];
}

/** Does an entry's first clause stand for the label's ("4.6" covers "4.6(c)"; "A" is Appendix A)? */
function sameFirstClause(procedure: Procedure, entryClause: string, labelClause: string): boolean {
  if (labelClause === 'A') return entryClause.startsWith('A:');
  return sameRule(procedure, entryClause, labelClause);
}

export function mapQuestions(questions: readonly CorpusQuestion[], procedure: Procedure, knowledge: Knowledge): Mapping {
  // The curated knowledge alone decides ties, so the mapping does not feed on itself.
  const retriever = new Retriever(procedure, knowledge, DEFAULT_WEIGHTS, undefined, []);
  const learned: Mapping['learned'] = [];
  const unmapped: CorpusQuestion[] = [];
  for (const q of questions) {
    const first = q.clauses[0]!;
    const eligible =
      q.verdict === 'unknown'
        ? knowledge.outOfScope.map((t) => t.id)
        : knowledge.entries.filter((e) => e.verdict === q.verdict && sameFirstClause(procedure, e.clauses[0]!, first)).map((e) => e.id);
    if (!eligible.length) {
      unmapped.push(q);
      continue;
    }
    const scores = new Map(retriever.retrieve(q.text).candidates.map((c) => [c.id, c.score]));
    const best = [...eligible].sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0))[0]!;
    learned.push({ id: q.id, entry: best, text: q.text });
  }
  return { learned, unmapped };
}

const questionFiles = (sets: readonly CorpusSet[]) =>
  sets.map((s) => path.relative(ROOT, path.join(BATCHES_DIR, s.name, 'questions.jsonl')));

/**
 * What the mapping was made from: the labelled question files and the parts of the knowledge
 * that decide it (ids, clauses, verdicts, example questions; answer wording and translations
 * do not), so editing either makes the file stale and a unit test says so.
 */
export function sourcesDigest(files: readonly string[], knowledge: Knowledge): string {
  const h = crypto.createHash('sha256');
  for (const f of files) {
    h.update(`${f}\n`);
    h.update(fs.readFileSync(path.join(ROOT, f)));
  }
  h.update(
    JSON.stringify({
      entries: knowledge.entries.map((e) => [e.id, e.clauses, e.verdict, e.questions]),
      outOfScope: knowledge.outOfScope.map((t) => [t.id, t.questions]),
    }),
  );
  return h.digest('hex');
}

function write(sets: readonly CorpusSet[], procedure: Procedure, knowledge: Knowledge): void {
  const { learned, unmapped } = mapQuestions(
    sets.flatMap((s) => s.questions),
    procedure,
    knowledge,
  );
  const files = questionFiles(sets);
  const out: LearnedFile = {
    generatedBy: 'npm run learn (scripts/learnQuestions.ts); do not edit by hand',
    sourcesSha256: sourcesDigest(files, knowledge),
    sources: files,
    questions: learned.map(({ entry, text }) => ({ entry, text })),
  };
  fs.writeFileSync(LEARNED_PATH, `${JSON.stringify(out, null, 1)}\n`);
  process.stdout.write(`${learned.length} questions learned from ${sets.map((s) => s.name).join(', ')}; ${unmapped.length} unmapped\n`);
  for (const q of unmapped) process.stdout.write(`  UNMAPPED ${q.id} ${q.verdict} ${q.clauses.join(',')}  ${q.text}\n`);
}

/** Each batch answered by a bot that learned from the other batches only, scored together. */
function leaveOneBatchOut(sets: readonly CorpusSet[], procedure: Procedure, knowledge: Knowledge, showMisses: boolean): void {
  const folds = new Map<string, Answerer>();
  const owner = new Map<string, string>();
  for (const held of sets) {
    const rest = sets.filter((s) => s !== held).flatMap((s) => s.questions);
    const learned = mapQuestions(rest, procedure, knowledge).learned;
    folds.set(held.name, createAnswerer(procedure, knowledge, { learned }));
    for (const q of held.questions) if (!owner.has(q.text)) owner.set(q.text, held.name);
  }
  const lobo: Answerer = { answer: (text) => folds.get(owner.get(text)!)!.answer(text) };
  const none = createAnswerer(procedure, knowledge, { learned: [] });
  const all = sets.flatMap((s) => s.questions);
  for (const [name, bot] of [['no learning', none], ['leave-one-batch-out', lobo]] as const) {
    process.stdout.write(`${name}\n`);
    for (const lang of ['all', 'en', 'fr'] as const) {
      const qs = all.filter((q) => lang === 'all' || q.lang === lang);
      process.stdout.write(`  ${lang.padEnd(3)} ${questionLine(scoreQuestions(qs, bot))}\n`);
    }
  }
  if (!showMisses) return;
  const byId = new Map(all.map((q) => [q.id, q]));
  for (const m of scoreQuestions(all, lobo).misses) {
    const a = lobo.answer(byId.get(m.id)!.text);
    process.stdout.write(
      `MISS ${m.id} expected ${m.expected.verdict} ${m.expected.clauses.join(',')} got ${m.got.verdict} ${m.got.clauses.join(',')} ` +
        `(${m.got.confidence.toFixed(2)} ${a.matched ?? '-'})\n    ${byId.get(m.id)!.text}\n`,
    );
  }
}

function main(args: string[]): void {
  const procedure = loadProcedure();
  const knowledge = loadKnowledge(procedure);
  const i = args.indexOf('--without');
  const without = new Set(i >= 0 ? (args[i + 1] ?? '').split(',') : []);
  const sets = loadTrainingBatches().filter((s) => !without.has(s.name));
  if (args.includes('--lobo')) leaveOneBatchOut(sets, procedure, knowledge, args.includes('--misses'));
  else write(sets, procedure, knowledge);
}

if (require.main === module) main(process.argv.slice(2));
