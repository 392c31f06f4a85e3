import { evaluateAnswers, formatReport as formatAnswers } from './answers';
import { evaluateDrafts, formatReport as formatDrafts } from './drafts';
import { loadBlind, scoreSet, type SetScores } from './corpus';
import { readFirstSight } from './firstSight';
import { TARGETS } from './targets';

/**
 * `npm run eval`: held-out, frozen-blind and the latest first-sight figures side by side,
 * against the targets. The held-out splits were written in the same hands as the
 * detectors and the knowledge base; the frozen blind set and the first-sight scores of fresh
 * batches are the honest measure of text nobody tuned for (test/eval/first-sight.md).
 * `--failures` lists the in-house held-out misses (never the blind set's).
 */
const verbose = process.argv.includes('--failures');
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const lines: string[] = [];

const heldAnswers = evaluateAnswers('heldout');
const heldDrafts = evaluateDrafts('heldout');
const blind = scoreSet(loadBlind());
const firstSight = readFirstSight();
const lastThree = firstSight.filter((r) => r.batch !== 'blind').slice(-3);

type Row = { name: string; s: Pick<SetScores, 'drafts' | 'questions'> };
const rows: Row[] = [{ name: 'frozen blind (never tuned on)', s: blind }, ...lastThree.map((r) => ({ name: `first sight ${r.batch} (${r.date}, at ${r.commit})`, s: r.scores }))];

lines.push('Drafts: verdict accuracy · problems passed as OK · fine drafts flagged   (targets: >= 93% · <= 1% · <= 5%)');
lines.push(`  in-house held-out (${heldDrafts.n})`.padEnd(58) + `${pct(heldDrafts.verdictAccuracy)} · ${heldDrafts.unsafePasses} passed · ${pct(heldDrafts.falseAlarms)}`);
for (const r of rows) {
  for (const lang of ['all', 'en', 'fr'] as const) {
    const d = r.s.drafts[lang];
    lines.push(`  ${lang === 'all' ? r.name : `  ${lang}`} (${d.n})`.padEnd(58) + `${pct(d.verdictAccuracy)} · ${pct(d.unsafeRate)} · ${pct(d.falseAlarmRate)}`);
  }
}
lines.push('');
lines.push('Questions: top-1 clause · verdict · "allowed" where no/permission   (targets: >= 92% · >= 90% · 0)');
lines.push(`  in-house held-out (${heldAnswers.n})`.padEnd(58) + `${pct(heldAnswers.top1)} · ${pct(heldAnswers.verdictAccuracy)} · ${heldAnswers.unsafe}`);
for (const r of rows) {
  for (const lang of ['all', 'en', 'fr'] as const) {
    const q = r.s.questions[lang];
    lines.push(`  ${lang === 'all' ? r.name : `  ${lang}`} (${q.n})`.padEnd(58) + `${pct(q.top1)} · ${pct(q.verdictAccuracy)} · ${q.unsafe}`);
  }
}
const d = blind.drafts.all;
const q = blind.questions.all;
const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
lines.push('');
lines.push(`Targets on the frozen blind set: drafts unsafe ${met(d.unsafeRate <= TARGETS.drafts.unsafeRate)}, verdict ${met(d.verdictAccuracy >= TARGETS.drafts.verdictAccuracy)}, false alarms ${met(d.falseAlarmRate <= TARGETS.drafts.falseAlarmRate)}; questions top-1 ${met(q.top1 >= TARGETS.questions.top1)}, verdict ${met(q.verdictAccuracy >= TARGETS.questions.verdictAccuracy)}, unsafe ${met(q.unsafe <= TARGETS.questions.unsafe)}.`);
if (lastThree.length === 3) {
  const gap = Math.max(...lastThree.map((r) => Math.abs(r.scores.drafts.all.verdictAccuracy - d.verdictAccuracy)), ...lastThree.map((r) => Math.abs(r.scores.questions.all.top1 - q.top1)));
  lines.push(`First sight of the last three batches vs frozen blind: largest gap ${(100 * gap).toFixed(1)} points (target <= 5).`);
}
if (verbose) {
  lines.push('', formatAnswers(heldAnswers, { failures: true }), formatDrafts('drafts heldout', heldDrafts));
}
process.stdout.write(`${lines.join('\n')}\n`);
