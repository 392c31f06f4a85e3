/**
 * Which knowledge entry a question belongs to, learnt from the entries' own example
 * questions: multinomial logistic regression over the analyser's terms. BM25 only knows
 * that a word is rare; this learns which words tell two neighbouring entries apart
 * ("principal" for criticising staff, "group" for hate against a group, "tag" for
 * copyright of someone else's photo). Trained once at construction, deterministically.
 */
export interface TrainingExample {
  terms: ReadonlyMap<string, number>;
  label: number;
}

export interface ClassifierOptions {
  epochs?: number;
  learningRate?: number;
  /** L2 penalty; keeps a word seen in one example from deciding alone. */
  l2?: number;
}

/**
 * A trained classifier as checked in (src/policy/answer-index.json): per feature, how many
 * classes it has a weight for, those classes and the weights, each list base64.
 */
export interface ClassifierState {
  features: string[];
  classes: number;
  bias: number[];
  /** Uint8 per feature: how many of its weights are kept. */
  counts: string;
  /** Uint8 per kept weight: its class. */
  classOf: string;
  /** Float32 per kept weight. */
  weights: string;
}

/**
 * Weights smaller than this are dropped and the rest kept as 32-bit floats, in training as
 * well as in the checked-in file, so a freshly trained model and the loaded one answer
 * byte for byte alike while the file stays small (a third of the weights are below it).
 */
const SMALLEST_WEIGHT = 1e-3;

export class EntryClassifier {
  private readonly features = new Map<string, number>();
  /** weights[feature * classes + class] */
  private readonly weights: Float64Array;
  private readonly bias: Float64Array;

  /** The classifier a previous training left (see `state`), without training again. */
  static restore(state: ClassifierState): EntryClassifier {
    const c = Object.create(EntryClassifier.prototype) as EntryClassifier;
    const self = c as unknown as { features: Map<string, number>; weights: Float64Array; bias: Float64Array; classes: number };
    self.classes = state.classes;
    self.features = new Map(state.features.map((f, i) => [f, i]));
    self.bias = Float64Array.from(state.bias);
    self.weights = new Float64Array(state.features.length * state.classes);
    const counts = fromBase64(state.counts, Uint8Array);
    const classOf = fromBase64(state.classOf, Uint8Array);
    const values = fromBase64(state.weights, Float32Array);
    let k = 0;
    counts.forEach((n, f) => {
      for (let i = 0; i < n; i++, k++) self.weights[f * state.classes + classOf[k]!] = values[k]!;
    });
    return c;
  }

  constructor(examples: readonly TrainingExample[], readonly classes: number, options: ClassifierOptions = {}) {
    const epochs = options.epochs ?? 15;
    const rate0 = options.learningRate ?? 0.5;
    const l2 = options.l2 ?? 1e-3;
    for (const ex of examples) {
      for (const t of ex.terms.keys()) if (!this.features.has(t)) this.features.set(t, this.features.size);
    }
    this.weights = new Float64Array(this.features.size * classes);
    this.bias = new Float64Array(classes);

    // Each example as two flat arrays (feature index, value): training runs at start-up,
    // before the bot is ready, and walking typed arrays makes no garbage.
    const encoded = examples.map((ex) => {
      const features = new Int32Array(ex.terms.size);
      const values = new Float64Array(ex.terms.size);
      let j = 0;
      for (const [t, v] of ex.terms) {
        features[j] = this.features.get(t)!;
        values[j++] = v;
      }
      return { label: ex.label, features, values };
    });
    const probs = new Float64Array(classes);
    // A fixed interleaving instead of a random shuffle: the same knowledge base always
    // trains the same model, so answers are reproducible.
    const order = interleave(encoded.length, 7919);
    for (let epoch = 0; epoch < epochs; epoch++) {
      const rate = rate0 / (1 + epoch * 0.25);
      for (const i of order) {
        const { label, features, values } = encoded[i]!;
        this.scoresInto(features, values, probs);
        softmaxInPlace(probs);
        for (let c = 0; c < classes; c++) {
          const g = probs[c]! - (c === label ? 1 : 0);
          // Most classes are already near zero for most examples; skipping them keeps
          // training to a few tens of milliseconds (the L2 shrink they miss is negligible).
          if (Math.abs(g) < 1e-3) continue;
          this.bias[c]! -= rate * g;
          for (let j = 0; j < features.length; j++) {
            const k = features[j]! * classes + c;
            this.weights[k] = this.weights[k]! - rate * (g * values[j]! + l2 * this.weights[k]!);
          }
        }
      }
    }
    for (let k = 0; k < this.weights.length; k++) {
      const w = this.weights[k]!;
      this.weights[k] = Math.abs(w) < SMALLEST_WEIGHT ? 0 : Math.fround(w);
    }
  }

  /** What `restore` needs to rebuild this classifier. */
  state(): ClassifierState {
    if (this.classes > 255) throw new Error('classifier: more than 255 classes do not fit the checked-in form');
    const counts = new Uint8Array(this.features.size);
    const classOf: number[] = [];
    const values: number[] = [];
    for (let f = 0; f < this.features.size; f++) {
      for (let c = 0; c < this.classes; c++) {
        const w = this.weights[f * this.classes + c]!;
        if (w === 0) continue;
        counts[f] = counts[f]! + 1;
        classOf.push(c);
        values.push(w);
      }
    }
    return {
      features: [...this.features.keys()],
      classes: this.classes,
      bias: [...this.bias],
      counts: toBase64(counts),
      classOf: toBase64(Uint8Array.from(classOf)),
      weights: toBase64(Float32Array.from(values)),
    };
  }

  /** Probability of each class for a question's terms (unknown terms are ignored). */
  predict(terms: ReadonlyMap<string, number>): Float64Array {
    const features: number[] = [];
    const values: number[] = [];
    for (const [t, v] of terms) {
      const f = this.features.get(t);
      if (f !== undefined) {
        features.push(f);
        values.push(v);
      }
    }
    const out = new Float64Array(this.classes);
    this.scoresInto(features, values, out);
    return softmaxInPlace(out);
  }

  private scoresInto(features: ArrayLike<number>, values: ArrayLike<number>, out: Float64Array): void {
    out.set(this.bias);
    for (let j = 0; j < features.length; j++) {
      const base = features[j]! * this.classes;
      const v = values[j]!;
      for (let c = 0; c < this.classes; c++) out[c]! += v * this.weights[base + c]!;
    }
  }
}

function softmaxInPlace(a: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of a) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    a[i] = Math.exp(a[i]! - max);
    sum += a[i]!;
  }
  for (let i = 0; i < a.length; i++) a[i]! /= sum;
  return a;
}

/** 0..n-1 visited in a fixed scrambled order (stride coprime to n). */
export function interleave(n: number, stride: number): number[] {
  if (n === 0) return [];
  let step = stride % n || 1;
  while (gcd(step, n) !== 1) step++;
  return Array.from({ length: n }, (_, i) => (i * step) % n);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

const toBase64 = (a: Uint8Array | Float32Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

function fromBase64<T extends Uint8Array | Float32Array>(text: string, type: { new (b: ArrayBuffer): T; BYTES_PER_ELEMENT: number }): T {
  const bytes = Buffer.from(text, 'base64');
  // Copied into a fresh buffer: Node's pooled Buffers may not be aligned for Float32Array.
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return new type(copy);
}
