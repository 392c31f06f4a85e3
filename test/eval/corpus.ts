import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fromRoot } from '../../src/paths';
import { checkDraft } from '../../src/policy/check';
import type { Answerer, Verdict as AnswerVerdict } from '../../src/policy/answer';
import { createDefaultAnswerer } from '../../src/policy/answer';
import { sameRule } from '../../src/policy/procedure';
import { MODEL_KINDS } from '../../src/policy/draftModel';
import { ImageAnswers } from './drafts';

/**
 * The corpus written blind: drafts and questions by writers who saw only the
 * procedure, DOMAIN.md and WRITING-BRIEF.md (never the code, the knowledge base,
 * the rules or the misses).
 *
 * - `test/eval/blind/` is the frozen blind set: only ever scored, never tuned on.
 *   Nothing in src/ may be changed because of what it gets wrong; its figures are
 *   the ones the README quotes.
 * - `test/eval/batches/<name>/` are fresh batches. Each is scored once on arrival,
 *   before anything is tuned on it, and that first-sight score is appended to
 *   `test/eval/first-sight.md` (see firstSight.ts); afterwards a batch is tuning data.
 */
export const CORPUS_DIR = fromRoot('test', 'eval');
export const BLIND_DIR = path.join(CORPUS_DIR, 'blind');
export const BATCHES_DIR = path.join(CORPUS_DIR, 'batches');


const Lang = z.enum(['en', 'fr']);

export const CorpusDraft = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  lang: Lang,
  account: z.enum(['personal', 'school', 'district']),
  verdict: z.enum(['ok', 'needs-permission', 'not-allowed', 'ask-communications']),
  kinds: z.array(z.enum(MODEL_KINDS)),
  clauses: z.array(z.string()).default([]),
  image: ImageAnswers.optional(),
});
export type CorpusDraft = z.infer<typeof CorpusDraft>;

export const CorpusQuestion = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  lang: Lang,
  clauses: z.array(z.string()).min(1),
  verdict: z.enum(['allowed', 'conditional', 'needs-permission', 'not-allowed', 'info', 'unknown']),
});
export type CorpusQuestion = z.infer<typeof CorpusQuestion>;

function readJsonl<T>(file: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>): T[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l, i) => [l, i + 1] as const)
    .filter(([l]) => l.trim() !== '')
    .map(([l, n]) => {
      const parsed = schema.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`${path.relative(CORPUS_DIR, file)} line ${n}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

export interface CorpusSet {
  name: string;
  drafts: CorpusDraft[];
  questions: CorpusQuestion[];
}

export function loadSet(dir: string, name = path.basename(dir)): CorpusSet {
  return {
    name,
    drafts: readJsonl(path.join(dir, 'drafts.jsonl'), CorpusDraft),
    questions: readJsonl(path.join(dir, 'questions.jsonl'), CorpusQuestion),
  };
}

export const loadBlind = (): CorpusSet => loadSet(BLIND_DIR, 'frozen blind');

/** Fresh batches in the order they arrived (their folder names sort that way: b1, b2, …). */
export function loadBatches(): CorpusSet[] {
  if (!fs.existsSync(BATCHES_DIR)) return [];
  return fs
    .readdirSync(BATCHES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((name) => loadSet(path.join(BATCHES_DIR, name)));
}

/** The batches models are trained on (batches/training.json): every batch after its first sight, when it joins. */
export function loadTrainingBatches(): CorpusSet[] {
  const listed = (JSON.parse(fs.readFileSync(path.join(BATCHES_DIR, 'training.json'), 'utf8')) as { batches: string[] }).batches;
  const all = loadBatches();
  for (const name of listed) if (!all.some((b) => b.name === name)) throw new Error(`batches/training.json names ${name}, which is not in test/eval/batches/`);
  return all.filter((b) => listed.includes(b.name));
}

export interface DraftScores {
  n: number;
  verdictAccuracy: number;
  /** Problem drafts answered "ok": the worst answer the bot can give. */
  unsafePasses: number;
  unsafeRate: number;
  /** Fine drafts given anything but "ok". */
  falseAlarms: number;
  falseAlarmRate: number;
  /** Problem drafts that were flagged at all (any verdict but ok). */
  problemsCaught: number;
}

export interface QuestionScores {
  n: number;
  top1: number;
  verdictAccuracy: number;
  /** "allowed" where the label is not-allowed or needs-permission. */
  unsafe: number;
  /** "not-allowed" where the label is allowed or conditional: the second-worst answer. */
  needlessNo: number;
}

export interface DraftMiss {
  id: string;
  lang: string;
  expected: string;
  got: string;
  expectedKinds: string[];
  gotKinds: string[];
}

export interface QuestionMiss {
  id: string;
  lang: string;
  expected: { verdict: string; clauses: string[] };
  got: { verdict: string; clauses: string[]; confidence: number };
}

const rate = (k: number, n: number) => (n === 0 ? 0 : k / n);

export function scoreDrafts(drafts: readonly CorpusDraft[]): DraftScores & { misses: DraftMiss[] } {
  let correct = 0, unsafe = 0, problems = 0, caught = 0, fine = 0, alarms = 0;
  const misses: DraftMiss[] = [];
  for (const d of drafts) {
    const r = checkDraft(d.text, d.image === undefined ? { account: d.account } : { account: d.account, image: d.image });
    if (r.verdict === d.verdict) correct++;
    else misses.push({ id: d.id, lang: d.lang, expected: d.verdict, got: r.verdict, expectedKinds: d.kinds, gotKinds: [...new Set(r.findings.map((f) => f.kind))] });
    if (d.verdict === 'ok') {
      fine++;
      if (r.verdict !== 'ok') alarms++;
    } else {
      problems++;
      if (r.verdict === 'ok') unsafe++;
      else caught++;
    }
  }
  return {
    n: drafts.length,
    verdictAccuracy: rate(correct, drafts.length),
    unsafePasses: unsafe,
    unsafeRate: rate(unsafe, problems),
    falseAlarms: alarms,
    falseAlarmRate: rate(alarms, fine),
    problemsCaught: caught,
    misses,
  };
}

/** Writers label Appendix A as "A" (WRITING-BRIEF.md); the bot cites its definitions as "A:Board" and so on. */
const sameClause = (predicted: string, label: string) => (label === 'A' ? predicted.startsWith('A:') : sameRule(undefined, predicted, label));

const top1Hit = (predicted: string[], label: string[]) =>
  predicted[0] !== undefined && label[0] !== undefined && sameClause(predicted[0], label[0]);

export function scoreQuestions(questions: readonly CorpusQuestion[], answerer: Answerer = defaultAnswerer()): QuestionScores & { misses: QuestionMiss[] } {
  let top1 = 0, verdicts = 0, unsafe = 0, needlessNo = 0;
  const misses: QuestionMiss[] = [];
  for (const q of questions) {
    const a = answerer.answer(q.text);
    const hit = top1Hit(a.clauses, q.clauses);
    if (hit) top1++;
    if (a.verdict === q.verdict) verdicts++;
    if (a.verdict === 'allowed' && (q.verdict === 'not-allowed' || q.verdict === 'needs-permission')) unsafe++;
    if (a.verdict === 'not-allowed' && (q.verdict === 'allowed' || q.verdict === 'conditional')) needlessNo++;
    if (!hit || a.verdict !== q.verdict) {
      misses.push({ id: q.id, lang: q.lang, expected: { verdict: q.verdict, clauses: q.clauses }, got: { verdict: a.verdict as AnswerVerdict, clauses: a.clauses, confidence: a.confidence } });
    }
  }
  return { n: questions.length, top1: rate(top1, questions.length), verdictAccuracy: rate(verdicts, questions.length), unsafe, needlessNo, misses };
}

let shared: Answerer | undefined;
function defaultAnswerer(): Answerer {
  shared ??= createDefaultAnswerer();
  return shared;
}

export interface SetScores {
  name: string;
  drafts: { all: DraftScores; en: DraftScores; fr: DraftScores };
  questions: { all: QuestionScores; en: QuestionScores; fr: QuestionScores };
}

const strip = <T extends { misses: unknown }>(s: T): Omit<T, 'misses'> => {
  const { misses: _misses, ...rest } = s;
  return rest;
};

/** A set's figures, overall and by language. */
export function scoreSet(set: CorpusSet, answerer?: Answerer): SetScores {
  const byLang = <T extends { lang: string }>(xs: readonly T[], lang: string) => xs.filter((x) => x.lang === lang);
  return {
    name: set.name,
    drafts: {
      all: strip(scoreDrafts(set.drafts)),
      en: strip(scoreDrafts(byLang(set.drafts, 'en'))),
      fr: strip(scoreDrafts(byLang(set.drafts, 'fr'))),
    },
    questions: {
      all: strip(scoreQuestions(set.questions, answerer)),
      en: strip(scoreQuestions(byLang(set.questions, 'en'), answerer)),
      fr: strip(scoreQuestions(byLang(set.questions, 'fr'), answerer)),
    },
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function draftLine(s: DraftScores): string {
  return `n=${s.n} verdict ${pct(s.verdictAccuracy)}, unsafe passes ${s.unsafePasses} (${pct(s.unsafeRate)} of problems), false alarms ${s.falseAlarms} (${pct(s.falseAlarmRate)} of fine)`;
}

export function questionLine(s: QuestionScores): string {
  return `n=${s.n} top-1 ${pct(s.top1)}, verdict ${pct(s.verdictAccuracy)}, unsafe ${s.unsafe}, needless "not allowed" ${s.needlessNo}`;
}

export function formatSetScores(s: SetScores): string {
  return [
    `${s.name}`,
    `  drafts    all ${draftLine(s.drafts.all)}`,
    `            en  ${draftLine(s.drafts.en)}`,
    `            fr  ${draftLine(s.drafts.fr)}`,
    `  questions all ${questionLine(s.questions.all)}`,
    `            en  ${questionLine(s.questions.en)}`,
    `            fr  ${questionLine(s.questions.fr)}`,
  ].join('\n');
}
