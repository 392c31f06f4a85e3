import { draftFeatures, MODEL_LABELS, type DraftModelArtefact, type ModelLabel } from './draftModel';
import type { Account, FindingKind } from './detectors/types';
import { interleave } from './classifier';

/**
 * Training for the draft model (see draftModel.ts). Pure and deterministic: the
 * same labelled drafts always give the same weights, so the checked-in model can
 * be rebuilt and compared. One binary logistic regression per label over shared
 * features, AdaGrad steps with an L2 penalty, examples visited in a fixed
 * scrambled order.
 */
export interface TrainingDraft {
  text: string;
  account: Account;
  /** Labelled problem kinds; empty for a fine draft. */
  kinds: readonly FindingKind[];
  /** The labelled verdict: anything but "ok" is a problem. */
  problem: boolean;
}

export interface TrainingOptions {
  epochs?: number;
  rate?: number;
  l2?: number;
  /** Weight of a positive example: missing a problem costs more than a false alarm. */
  positiveWeight?: number;
  /** Features seen in fewer drafts than this are dropped (a word from one draft decides nothing). */
  minCount?: number;
}

export interface TrainedWeights {
  features: string[];
  /** weights[feature * labels + label] */
  weights: Float64Array;
  bias: Float64Array;
}

const L = MODEL_LABELS.length;

export function labelVector(d: TrainingDraft): Float64Array {
  const y = new Float64Array(L);
  MODEL_LABELS.forEach((l, i) => {
    y[i] = l === 'problem' ? (d.problem ? 1 : 0) : d.kinds.includes(l) ? 1 : 0;
  });
  return y;
}

export function train(drafts: readonly TrainingDraft[], options: TrainingOptions = {}): TrainedWeights {
  const epochs = options.epochs ?? 25;
  const rate = options.rate ?? 0.4;
  const l2 = options.l2 ?? 2e-5;
  const positiveWeight = options.positiveWeight ?? 2;
  const minCount = options.minCount ?? 2;

  const featureSets = drafts.map((d) => draftFeatures(d.text, d.account));
  const counts = new Map<string, number>();
  for (const fs of featureSets) for (const f of fs.keys()) counts.set(f, (counts.get(f) ?? 0) + 1);
  const features = [...counts.entries()].filter(([, c]) => c >= minCount).map(([f]) => f).sort();
  const index = new Map(features.map((f, i) => [f, i]));
  const encoded = featureSets.map((fs, i) => {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [f, v] of fs) {
      const k = index.get(f);
      if (k !== undefined) {
        idx.push(k);
        val.push(v);
      }
    }
    return { idx: Int32Array.from(idx), val: Float64Array.from(val), y: labelVector(drafts[i]!) };
  });

  const weights = new Float64Array(features.length * L);
  const g2 = new Float64Array(features.length * L).fill(1e-8);
  const bias = new Float64Array(L);
  const bias2 = new Float64Array(L).fill(1e-8);
  const order = interleave(encoded.length, 7919);
  const scores = new Float64Array(L);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const n of order) {
      const { idx, val, y } = encoded[n]!;
      scores.set(bias);
      for (let j = 0; j < idx.length; j++) {
        const base = idx[j]! * L;
        for (let c = 0; c < L; c++) scores[c]! += val[j]! * weights[base + c]!;
      }
      for (let c = 0; c < L; c++) {
        const p = 1 / (1 + Math.exp(-scores[c]!));
        const g = (p - y[c]!) * (y[c]! === 1 ? positiveWeight : 1);
        if (Math.abs(g) < 1e-4) continue;
        bias2[c]! += g * g;
        bias[c]! -= (rate * g) / Math.sqrt(bias2[c]!);
        for (let j = 0; j < idx.length; j++) {
          const k = idx[j]! * L + c;
          const grad = g * val[j]! + l2 * weights[k]!;
          g2[k]! += grad * grad;
          weights[k]! -= (rate * grad) / Math.sqrt(g2[k]!);
        }
      }
    }
  }
  return { features, weights, bias };
}

/** Probabilities of every label for a draft, straight from trained weights (used for cross-validation). */
export function predictWith(model: TrainedWeights, index: Map<string, number>, text: string, account: Account): Record<ModelLabel, number> {
  const scores = Float64Array.from(model.bias);
  for (const [f, v] of draftFeatures(text, account)) {
    const k = index.get(f);
    if (k === undefined) continue;
    for (let c = 0; c < L; c++) scores[c]! += v * model.weights[k * L + c]!;
  }
  const out = {} as Record<ModelLabel, number>;
  MODEL_LABELS.forEach((l, i) => {
    out[l] = 1 / (1 + Math.exp(-scores[i]!));
  });
  return out;
}

/** The checked-in form: weights under a small magnitude dropped, the rest rounded. */
export function toArtefact(
  model: TrainedWeights,
  meta: Pick<DraftModelArtefact, 'trainedOn' | 'thresholds' | 'unsureThreshold' | 'unsureKindThreshold' | 'crossValidation'>,
): DraftModelArtefact {
  const weights: Record<string, number[]> = {};
  model.features.forEach((f, i) => {
    const row: number[] = [];
    for (let c = 0; c < L; c++) {
      const w = model.weights[i * L + c]!;
      if (Math.abs(w) >= 0.01) row.push(c, Math.round(w * 1000) / 1000);
    }
    if (row.length) weights[f] = row;
  });
  return {
    version: 1,
    ...meta,
    labels: [...MODEL_LABELS],
    bias: Array.from(model.bias, (b) => Math.round(b * 1000) / 1000),
    weights,
  };
}
