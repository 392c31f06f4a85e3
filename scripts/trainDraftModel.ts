import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fromRoot } from '../src/paths';
import { checkDraft } from '../src/policy/check';
import { createDraftModel, DRAFT_MODEL_FILE, MODEL_KINDS, type DraftModelArtefact, type ModelLabel } from '../src/policy/draftModel';
import { toArtefact, train, type TrainingDraft, type TrainingOptions } from '../src/policy/draftTraining';
import { loadTrainingBatches, type CorpusDraft } from '../test/eval/corpus';

/**
 * `npm run train`: builds src/policy/draft-model.json from the drafts written
 * blind in the batches listed in test/eval/batches/training.json (never the frozen blind set,
 * never the older drafts.jsonl written beside the detectors). Thresholds are
 * chosen by 5-fold cross-validation over the whole check (detectors + model), so
 * the model is judged as the bot uses it: the "not sure" threshold is the lowest
 * that keeps fine drafts flagged under the false-alarm budget.
 *
 *   node dist/scripts/trainDraftModel.js [--check]   (--check: exit 1 if the checked-in model is stale)
 *
 * The operating point. A false "OK to post" is the worst answer, a needless "not allowed" the
 * second: kinds become findings (a firm verdict) only at 0.85, and below that a draft the model
 * doubts goes to Communications ("not sure") rather than being called fine, within a budget of
 * one fine draft in five so asked. Measured on the batches by 5-fold cross-validation.
 */
const FALSE_ALARM_BUDGET = 0.2;
const KIND_THRESHOLD = 0.85;
/** A kind this likely, short of a firm finding, still keeps the draft from being called fine. */
const UNSURE_KIND_THRESHOLD = 0.5;

/** A firmer L2 penalty than the trainer's default: probabilities stay calibrated on short drafts (cross-validated). */
const TRAINING: TrainingOptions = { l2: 0.001 };

export function trainingFiles(): string[] {
  return loadTrainingBatches().map((b) => path.join('test', 'eval', 'batches', b.name, 'drafts.jsonl')).filter((f) => fs.existsSync(fromRoot(f)));
}

export function trainingHash(files: string[]): string {
  const h = crypto.createHash('sha256');
  for (const f of files) h.update(f).update('\0').update(fs.readFileSync(fromRoot(f))).update('\0');
  return h.digest('hex');
}

const asTraining = (d: CorpusDraft): TrainingDraft => ({ text: d.text, account: d.account, kinds: d.kinds, problem: d.verdict !== 'ok' });

interface Outcome {
  problem: boolean;
  /** The verdict the check gave with detectors only and the model's kind findings, before "not sure". */
  flaggedWithoutUnsure: boolean;
  /** Some kind at or above the "not sure" kind threshold. */
  kindDoubt: boolean;
  pProblem: number;
}

function thresholdsFor(): Record<ModelLabel, number> {
  const t = {} as Record<ModelLabel, number>;
  for (const k of MODEL_KINDS) t[k] = KIND_THRESHOLD;
  t.problem = KIND_THRESHOLD;
  return t;
}

function crossValidate(drafts: CorpusDraft[], folds = 5): Outcome[] {
  const outcomes: Outcome[] = [];
  for (let f = 0; f < folds; f++) {
    const trainSet = drafts.filter((_, i) => i % folds !== f);
    const testSet = drafts.filter((_, i) => i % folds === f);
    const weights = train(trainSet.map(asTraining), TRAINING);
    // unsureThreshold 2 never fires: the "not sure" step is decided below from p(problem).
    const model = createDraftModel(toArtefact(weights, { trainedOn: { files: [], sha256: '', drafts: trainSet.length }, thresholds: thresholdsFor(), unsureThreshold: 2, unsureKindThreshold: 2 }));
    for (const d of testSet) {
      const ctx = d.image === undefined ? { account: d.account } : { account: d.account, image: d.image };
      const r = checkDraft(d.text, ctx, model);
      const p = model.predict(d.text, d.account);
      const kindDoubt = MODEL_KINDS.some((k) => k !== 'disclaimer-missing' && !(k === 'political' && d.account === 'personal') && p[k] >= UNSURE_KIND_THRESHOLD);
      outcomes.push({ problem: d.verdict !== 'ok', flaggedWithoutUnsure: r.verdict !== 'ok', kindDoubt, pProblem: p.problem });
    }
  }
  return outcomes;
}

function rates(outcomes: Outcome[], unsure: number): { unsafe: number; falseAlarms: number; firmFalseAlarms: number } {
  const problems = outcomes.filter((o) => o.problem);
  const fine = outcomes.filter((o) => !o.problem);
  const flagged = (o: Outcome) => o.flaggedWithoutUnsure || (unsure <= 1 && (o.kindDoubt || o.pProblem >= unsure));
  return {
    unsafe: problems.filter((o) => !flagged(o)).length / Math.max(1, problems.length),
    falseAlarms: fine.filter(flagged).length / Math.max(1, fine.length),
    firmFalseAlarms: fine.filter((o) => o.flaggedWithoutUnsure).length / Math.max(1, fine.length),
  };
}

export function build(): DraftModelArtefact {
  const files = trainingFiles();
  const drafts = loadTrainingBatches().flatMap((b) => b.drafts);
  const outcomes = crossValidate(drafts);
  let unsure = 1;
  for (let t = 0.95; t >= 0.05; t -= 0.01) {
    if (rates(outcomes, t).falseAlarms > FALSE_ALARM_BUDGET) break;
    unsure = Math.round(t * 100) / 100;
  }
  const cv = rates(outcomes, unsure);
  const base = rates(outcomes, 2);
  const weights = train(drafts.map(asTraining), TRAINING);
  return toArtefact(weights, {
    trainedOn: { files, sha256: trainingHash(files), drafts: drafts.length },
    thresholds: thresholdsFor(),
    unsureThreshold: unsure,
    unsureKindThreshold: UNSURE_KIND_THRESHOLD,
    crossValidation: {
      firmFalseAlarmRate: round(cv.firmFalseAlarms),
      unsafeRate: round(cv.unsafe),
      falseAlarmRate: round(cv.falseAlarms),
      unsafeRateWithoutNotSure: round(base.unsafe),
      falseAlarmRateWithoutNotSure: round(base.falseAlarms),
    },
  });
}

const round = (x: number) => Math.round(x * 1000) / 1000;

if (require.main === module) {
  if (process.argv.includes('--check')) {
    const files = trainingFiles();
    const current = fs.existsSync(DRAFT_MODEL_FILE) ? (JSON.parse(fs.readFileSync(DRAFT_MODEL_FILE, 'utf8')) as DraftModelArtefact) : undefined;
    if (!current || current.trainedOn.sha256 !== trainingHash(files)) {
      process.stderr.write('src/policy/draft-model.json is stale: run npm run train\n');
      process.exit(1);
    }
    process.exit(0);
  }
  const artefact = build();
  fs.writeFileSync(DRAFT_MODEL_FILE, `${JSON.stringify(artefact)}\n`);
  process.stdout.write(
    `trained on ${artefact.trainedOn.drafts} drafts; ${Object.keys(artefact.weights).length} features; not-sure threshold ${artefact.unsureThreshold}; cross-validated ${JSON.stringify(artefact.crossValidation)}\n`,
  );
}
