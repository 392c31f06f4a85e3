import { formatSetScores, loadBatches, scoreDrafts, scoreQuestions, scoreSet } from './corpus';

/**
 * The tuning view: figures and misses on the fresh batches once they have been
 * scored on first sight (test/eval/batches/). It never reads the frozen blind
 * set, whose misses nobody may look at.
 *
 *   node dist/test/eval/tune.js [drafts|questions] [--misses] [--batch b3] [--lang fr]
 */
const args = process.argv.slice(2);
const only = args.find((a) => a === 'drafts' || a === 'questions');
const showMisses = args.includes('--misses');
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const batchName = flag('--batch');
const lang = flag('--lang');

const batches = loadBatches().filter((b) => !batchName || b.name === batchName);
for (const b of batches) process.stdout.write(`${formatSetScores(scoreSet(b))}\n`);

if (showMisses) {
  const all = batches.flatMap((b) => b.drafts).filter((d) => !lang || d.lang === lang);
  const qs = batches.flatMap((b) => b.questions).filter((q) => !lang || q.lang === lang);
  if (only !== 'questions') {
    const byId = new Map(all.map((d) => [d.id, d]));
    for (const m of scoreDrafts(all).misses) {
      const d = byId.get(m.id)!;
      process.stdout.write(`DRAFT ${m.id} [${d.account}] expected ${m.expected} [${m.expectedKinds.join(',')}] got ${m.got} [${m.gotKinds.join(',')}]\n    ${d.text.replace(/\n/g, ' ')}\n`);
    }
  }
  if (only !== 'drafts') {
    const byId = new Map(qs.map((q) => [q.id, q]));
    for (const m of scoreQuestions(qs).misses) {
      process.stdout.write(`QUESTION ${m.id} expected ${m.expected.verdict} ${m.expected.clauses.join(',')} got ${m.got.verdict} ${m.got.clauses.join(',')} (${m.got.confidence.toFixed(2)})\n    ${byId.get(m.id)!.text}\n`);
    }
  }
}
