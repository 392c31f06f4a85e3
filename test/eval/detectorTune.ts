import { checkDraft, type CheckResult } from '../../src/policy/check';
import { loadBatches, type CorpusDraft } from './corpus';

/**
 * Tuning view for the draft detectors over the fresh batches only (never the
 * frozen blind set): figures for the detectors alone and for the full check, by
 * language, and optionally the detectors' misses with the spans they flagged.
 *
 *   node dist/test/eval/detectorTune.js [--misses] [--full] [--lang fr] [--batch b3] [--alarms|--passes]
 */
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const lang = flag('--lang');
const batchName = flag('--batch');
const drafts = loadBatches()
  .filter((b) => !batchName || b.name === batchName)
  .flatMap((b) => b.drafts)
  .filter((d) => !lang || d.lang === lang);

const run = (d: CorpusDraft, full: boolean): CheckResult =>
  checkDraft(d.text, d.image === undefined ? { account: d.account } : { account: d.account, image: d.image }, ...(full ? [] : [null]) as [null?]);

function figures(label: string, ds: CorpusDraft[], full: boolean): string {
  let ok = 0, unsafe = 0, problems = 0, fine = 0, alarms = 0;
  for (const d of ds) {
    const r = run(d, full);
    if (r.verdict === d.verdict) ok++;
    if (d.verdict === 'ok') { fine++; if (r.verdict !== 'ok') alarms++; }
    else { problems++; if (r.verdict === 'ok') unsafe++; }
  }
  const pct = (k: number, n: number) => (n ? ((100 * k) / n).toFixed(1) : '-').padStart(5);
  return `${label.padEnd(16)} n=${String(ds.length).padStart(4)} verdict ${pct(ok, ds.length)}%  unsafe passes ${pct(unsafe, problems)}% (${unsafe}/${problems})  false alarms ${pct(alarms, fine)}% (${alarms}/${fine})`;
}

for (const full of [false, true]) {
  const name = full ? 'full check' : 'detectors';
  process.stdout.write(`${figures(`${name} all`, drafts, full)}\n`);
  for (const l of ['en', 'fr']) process.stdout.write(`${figures(`${name} ${l}`, drafts.filter((d) => d.lang === l), full)}\n`);
}

if (args.includes('--misses')) {
  const full = args.includes('--full');
  for (const d of drafts) {
    const r = run(d, full);
    if (r.verdict === d.verdict) continue;
    const isAlarm = d.verdict === 'ok';
    const isPass = r.verdict === 'ok';
    if (args.includes('--alarms') && !isAlarm) continue;
    if (args.includes('--passes') && !isPass) continue;
    const spans = r.findings.map((f) => `${f.kind}:"${d.text.slice(f.start, f.end)}"`).join(' ');
    process.stdout.write(`${d.id} [${d.lang} ${d.account}${d.image ? ' img=' + JSON.stringify(d.image) : ''}] expected ${d.verdict} [${d.kinds.join(',')}] got ${r.verdict} ${spans}\n    ${d.text.replace(/\n/g, ' ')}\n`);
  }
}
