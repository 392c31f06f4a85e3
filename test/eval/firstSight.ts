import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { BATCHES_DIR, BLIND_DIR, CORPUS_DIR, draftLine, loadSet, questionLine, scoreSet, type SetScores } from './corpus';

/**
 * Scores a fresh batch once, before anything is tuned on it, and records the
 * score: a section in `test/eval/first-sight.md` for people and a record in
 * `test/eval/first-sight.json` for `npm run eval`. A batch already recorded is
 * refused, so a first-sight figure can never be re-taken after tuning.
 *
 *   node dist/test/eval/firstSight.js b3 --writer "who wrote it and from what brief"
 *   node dist/test/eval/firstSight.js blind --writer "…"      (the frozen blind set, on arrival)
 */
export const LOG_MD = path.join(CORPUS_DIR, 'first-sight.md');
export const LOG_JSON = path.join(CORPUS_DIR, 'first-sight.json');

export interface FirstSightRecord {
  batch: string;
  date: string;
  /** The commit the batch was scored at (the code before any tuning on the batch). */
  commit: string;
  writer: string;
  scores: SetScores;
}

export function readFirstSight(): FirstSightRecord[] {
  return fs.existsSync(LOG_JSON) ? (JSON.parse(fs.readFileSync(LOG_JSON, 'utf8')) as FirstSightRecord[]) : [];
}

function headCommit(): string {
  try {
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { encoding: 'utf8' }).trim() !== '';
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    return dirty ? `${sha}+uncommitted src changes` : sha;
  } catch {
    return 'unknown';
  }
}

function record(batch: string, writer: string): FirstSightRecord {
  const log = readFirstSight();
  if (log.some((r) => r.batch === batch)) throw new Error(`${batch} was already scored on first sight; a first-sight score is taken once.`);
  const dir = batch === 'blind' ? BLIND_DIR : path.join(BATCHES_DIR, batch);
  const set = loadSet(dir, batch);
  if (set.drafts.length + set.questions.length === 0) throw new Error(`no drafts or questions in ${dir}`);
  const entry: FirstSightRecord = { batch, date: new Date().toISOString().slice(0, 10), commit: headCommit(), writer, scores: scoreSet(set) };
  fs.writeFileSync(LOG_JSON, `${JSON.stringify([...log, entry], null, 1)}\n`);
  const s = entry.scores;
  const frShare = (n: number, fr: number) => (n ? `${Math.round((100 * fr) / n)}% French` : '');
  const section = [
    '',
    `## ${batch} — ${entry.date}, scored at ${entry.commit}`,
    '',
    `Writer: ${writer}`,
    '',
    `Size: ${s.drafts.all.n} drafts (${frShare(s.drafts.all.n, s.drafts.fr.n)}), ${s.questions.all.n} questions (${frShare(s.questions.all.n, s.questions.fr.n)}).`,
    '',
    '| set | figures |',
    '|---|---|',
    `| drafts, all | ${draftLine(s.drafts.all)} |`,
    `| drafts, English | ${draftLine(s.drafts.en)} |`,
    `| drafts, French | ${draftLine(s.drafts.fr)} |`,
    `| questions, all | ${questionLine(s.questions.all)} |`,
    `| questions, English | ${questionLine(s.questions.en)} |`,
    `| questions, French | ${questionLine(s.questions.fr)} |`,
    '',
  ].join('\n');
  if (!fs.existsSync(LOG_MD)) {
    fs.writeFileSync(
      LOG_MD,
      '# First-sight scores\n\nEach batch written blind is scored once, on arrival, with the code as it stood before anything was\n' +
        'tuned on it (the commit is named). This file and first-sight.json are written by `test/eval/firstSight.ts`,\n' +
        'which refuses to score a batch twice. Read it against the commit history: the batch and its record land in\n' +
        'one commit, and tuning on the batch comes after.\n',
    );
  }
  fs.appendFileSync(LOG_MD, section);
  return entry;
}

if (require.main === module) {
  const [batch] = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--writer');
  const w = process.argv.indexOf('--writer');
  const writer = w > 0 ? process.argv[w + 1] : undefined;
  if (!batch || !writer) {
    process.stderr.write('usage: firstSight <batch|blind> --writer "who wrote it, from which brief"\n');
    process.exit(2);
  }
  try {
    const entry = record(batch, writer);
    process.stdout.write(`${JSON.stringify(entry.scores, null, 1)}\n`);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  }
}
