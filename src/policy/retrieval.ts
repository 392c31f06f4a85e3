import { EntryClassifier, type ClassifierOptions, type ClassifierState, type TrainingExample } from './classifier';
import { STOP_WORDS, TypoCorrector, stem, words } from './text';
import { STAFF_VOCABULARY, TOPICAL_CONCEPTS } from './vocabulary';
import type { Knowledge, KnowledgeVerdict } from './knowledge';
import type { LearnedQuestion } from './learned';
import type { Procedure } from './procedure';

/** A question or passage as weighted terms: stems, `~concept` tags and `a_b` stem bigrams. */
export interface QueryTerms {
  weights: Map<string, number>;
  /** Content words of the question (stop words dropped), after typo correction. */
  content: string[];
  /** Content words the bot has never seen, even allowing for a typo. */
  unknown: string[];
  corrected: Array<[from: string, to: string]>;
}

/** How much a concept tag, a bigram and a typo-mended word count against a plain word. */
export interface QueryWeights {
  concept: number;
  bigram: number;
  corrected: number;
}

interface Phrase {
  stems: string[];
  concept: string;
  /** Match these exact words rather than their stems ("=reporter" must not catch "report"). */
  exact?: string[];
}

/**
 * Cuts text into terms the same way for questions and for the passages they are matched
 * against. Staff words are tagged with the procedure's concepts (see vocabulary.ts) and
 * misspellings are mended against the words the bot has read.
 */
export class Analyzer {
  private readonly phrases = new Map<string, Phrase[]>();
  private readonly triggerWords = new Set<string>();
  private corrector: TypoCorrector | undefined;
  private readonly knownStems = new Set<string>();

  constructor(vocabulary: Readonly<Record<string, readonly string[]>> = STAFF_VOCABULARY) {
    for (const [concept, list] of Object.entries(vocabulary)) {
      for (const phrase of list) {
        const exact = phrase.startsWith('=');
        const ws = words(exact ? phrase.slice(1) : phrase);
        if (!ws.length) continue;
        ws.forEach((w) => this.triggerWords.add(w));
        const stems = ws.map(stem);
        const first = stems[0]!;
        const bucket = this.phrases.get(first) ?? [];
        const key = (p: Phrase) => `${p.concept}|${p.stems.join(' ')}|${p.exact?.join(' ') ?? ''}`;
        const entry: Phrase = exact ? { stems, concept, exact: ws } : { stems, concept };
        if (!bucket.some((p) => key(p) === key(entry))) bucket.push(entry);
        this.phrases.set(first, bucket);
      }
    }
  }

  /** Words read from the knowledge base and the procedure: the spelling the bot trusts. */
  learn(corpus: Iterable<string>): void {
    const vocabulary: string[] = [...this.triggerWords];
    for (const text of corpus) vocabulary.push(...words(text));
    this.corrector = new TypoCorrector(vocabulary, STOP_WORDS);
    for (const w of vocabulary) this.knownStems.add(stem(w));
  }

  /** What `learn` read, for the checked-in answer index. */
  learned(): AnalyzerState {
    return { words: this.corrector?.counts() ?? [], stems: [...this.knownStems] };
  }

  /** Takes back what `learn` once read, without reading the corpus again. */
  restore(state: AnalyzerState): void {
    this.corrector = TypoCorrector.fromCounts(state.words, STOP_WORDS);
    for (const s of state.stems) this.knownStems.add(s);
  }

  isKnownWord(word: string): boolean {
    return this.corrector?.isKnown(word) ?? this.triggerWords.has(word);
  }

  /** Terms of a passage, repeated as often as they occur (for BM25 term frequencies). */
  document(text: string): string[] {
    const out: string[] = [];
    this.extract(words(text), (term) => out.push(term));
    return out;
  }

  query(text: string, weights: QueryWeights = { concept: 1, bigram: 0.5, corrected: 0.8 }): QueryTerms {
    const raw = words(text);
    const corrected: Array<[string, string]> = [];
    const wordWeight: number[] = [];
    const ws = raw.map((w) => {
      // Another form of a known word ("slurs" for "slur") is not a typo.
      if (STOP_WORDS.has(w) || !this.corrector || this.knownStems.has(stem(w))) {
        wordWeight.push(1);
        return w;
      }
      const fix = this.corrector.correct(w);
      if (fix) {
        corrected.push([w, fix]);
        wordWeight.push(weights.corrected);
        return fix;
      }
      wordWeight.push(1);
      return w;
    });
    const map = new Map<string, number>();
    const put = (term: string, w: number) => {
      if ((map.get(term) ?? 0) < w) map.set(term, w);
    };
    this.extract(ws, (term, kind, i) => {
      const base = wordWeight[i] ?? 1;
      put(term, kind === 'concept' ? base * weights.concept : kind === 'bigram' ? base * weights.bigram : base);
    });
    const content = ws.filter(isContent);
    const unknown = content.filter((w) => !this.isKnownWord(w));
    return { weights: map, content, unknown, corrected };
  }

  private extract(ws: string[], emit: (term: string, kind: TermKind, index: number) => void): void {
    const stems = ws.map(stem);
    const matches: Array<{ start: number; end: number; concept: string }> = [];
    for (let i = 0; i < stems.length; i++) {
      const s = stems[i]!;
      if (/^grade\d+$/.test(s)) matches.push({ start: i, end: i + 1, concept: 'student' });
      for (const phrase of this.phrases.get(s) ?? []) {
        const hit = phrase.exact
          ? phrase.exact.every((p, k) => ws[i + k] === p)
          : phrase.stems.every((p, k) => stems[i + k] === p);
        if (hit) matches.push({ start: i, end: i + phrase.stems.length, concept: phrase.concept });
      }
    }
    // The longest phrase speaks for its words: "close friends" is an audience, not a
    // friend request; "student council" is a club; "follow the rules" is not following.
    for (const m of matches) {
      const inside = matches.some(
        (o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start,
      );
      if (!inside) emit(`~${m.concept}`, 'concept', m.start);
    }
    let previous: string | undefined;
    for (let i = 0; i < ws.length; i++) {
      if (!isContent(ws[i]!)) continue;
      const s = stems[i]!;
      emit(s, 'word', i);
      if (previous) emit(`${previous}_${s}`, 'bigram', i);
      previous = s;
    }
  }
}

type TermKind = 'word' | 'concept' | 'bigram';

export interface AnalyzerState {
  /** Known words and how often each was read, in first-read order. */
  words: Array<[string, number]>;
  stems: string[];
}

const isContent = (w: string): boolean => !STOP_WORDS.has(w) && w.length > 1 && !/^\d+$/.test(w);

/**
 * Okapi BM25 over an inverted index; only documents sharing a term with the query are
 * touched, and each posting carries its precomputed term-frequency factor so a query costs
 * one multiply-add per matching posting.
 */
export class Bm25 {
  private readonly postings = new Map<string, { idf: number; docs: Int32Array; factors: Float64Array }>();
  readonly size: number;

  constructor(docs: string[][], k1?: number, b?: number);
  constructor(state: Bm25State);
  constructor(docsOrState: string[][] | Bm25State, k1 = 1.2, b = 0.75) {
    const state = Array.isArray(docsOrState) ? Bm25.count(docsOrState, k1, b) : docsOrState;
    this.size = state.lengths.length;
    this.state = () => state;
    const avgLength = state.lengths.reduce((a, n) => a + n, 0) / Math.max(1, this.size) || 1;
    for (const [term, docs, tfs] of state.postings) {
      const df = docs.length;
      this.postings.set(term, {
        idf: Math.log(1 + (this.size - df + 0.5) / (df + 0.5)),
        docs: Int32Array.from(docs),
        factors: Float64Array.from(
          docs,
          (doc, i) =>
            (tfs[i]! * (state.k1 + 1)) / (tfs[i]! + state.k1 * (1 - state.b + (state.b * state.lengths[doc]!) / avgLength)),
        ),
      });
    }
  }

  /** The counts the index was computed from, for the checked-in answer index. */
  readonly state: () => Bm25State;

  /** Term frequencies per document: the costly part, kept in the checked-in answer index. */
  static count(docs: string[][], k1: number, b: number): Bm25State {
    const raw = new Map<string, [number[], number[]]>();
    docs.forEach((terms, doc) => {
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, n] of tf) {
        const list = raw.get(t);
        if (list) {
          list[0].push(doc);
          list[1].push(n);
        } else raw.set(t, [[doc], [n]]);
      }
    });
    return { k1, b, lengths: docs.map((d) => d.length), postings: [...raw].map(([t, [ds, tfs]]) => [t, ds, tfs]) };
  }

  has(term: string): boolean {
    return this.postings.has(term);
  }

  idf(term: string): number {
    return this.postings.get(term)?.idf ?? Math.log(1 + (this.size + 0.5) / 0.5);
  }

  /** Scores of every document, zero where the document shares no term with the query. */
  scores(query: ReadonlyMap<string, number>): Float64Array {
    const out = new Float64Array(this.size);
    for (const [term, weight] of query) {
      const p = this.postings.get(term);
      if (!p) continue;
      const w = weight * p.idf;
      const { docs, factors } = p;
      for (let i = 0; i < docs.length; i++) out[docs[i]!]! += w * factors[i]!;
    }
    return out;
  }
}

export interface Bm25State {
  k1: number;
  b: number;
  /** Terms per document. */
  lengths: number[];
  /** Term, the documents it occurs in, and how often in each. */
  postings: Array<[string, number[], number[]]>;
}

/**
 * How much each kind of evidence counts. Chosen on the tune split of test/eval/questions*.jsonl
 * and by cross-validation over the knowledge base's own example questions, never on the
 * held-out split; see test/eval/answers.ts.
 */
export interface RetrievalWeights extends QueryWeights {
  /** Best single example question of an entry: a close paraphrase is the strongest sign. */
  question: number;
  /** All of an entry's example questions as one passage: wording spread over many phrasings. */
  entry: number;
  /** The entry's own answer and conditions. */
  answer: number;
  /** The procedure text of the entry's first clause. */
  clause: number;
  /** A clause no entry answers (a new clause in a revised procedure), against the entries. */
  bareClause: number;
  /** Known out-of-scope topics, against the entries. */
  outOfScope: number;
  /**
   * The learnt classifier's probability for an entry, added to its BM25 evidence (both in
   * units of the question's best possible BM25 score).
   */
  classifier: number;
}

export const DEFAULT_WEIGHTS: RetrievalWeights = {
  question: 1,
  entry: 1,
  answer: 0.2,
  clause: 0.25,
  bareClause: 2.5,
  outOfScope: 1.2,
  classifier: 1,
  concept: 1.5,
  bigram: 0.5,
  corrected: 0.8,
};

export type CandidateVerdict = KnowledgeVerdict | 'unknown';

export interface Candidate {
  kind: 'entry' | 'clause' | 'out-of-scope';
  /** Knowledge entry id, out-of-scope topic id, or clause id for a bare clause. */
  id: string;
  clauses: string[];
  verdict: CandidateVerdict;
  score: number;
  /**
   * Share of the question (by rarity of its words and concepts) that this candidate's
   * passages contain, 0..1. Words the bot has never seen count against every candidate.
   */
  explained: number;
}

export interface Retrieval {
  candidates: Candidate[];
  query: QueryTerms;
  /** What a perfect match of the question's known terms would score; scales scores to 0..1. */
  selfScore: number;
  /** Clause ids ranked by the procedure text alone, best first. */
  clauseRanking: string[];
  /** Whether the question mentions anything the procedure is about (see TOPICAL_CONCEPTS). */
  topical: boolean;
}

/**
 * Everything the Retriever derives from the procedure, the knowledge base, the learned
 * questions and the staff vocabulary: costly to compute (seconds at start-up), so
 * `npm run train:answers` writes it to src/policy/answer-index.json (see answerIndex.ts).
 */
export interface RetrieverState {
  analyzer: AnalyzerState;
  targets: Target[];
  termTargets: Array<[string, number[]]>;
  questionOwner: number[];
  indices: { question: Bm25State; entry: Bm25State; answer: Bm25State; clause: Bm25State };
  classifier: ClassifierState;
}

interface Target {
  kind: Candidate['kind'];
  id: string;
  clauses: string[];
  verdict: CandidateVerdict;
}

/** Ranks knowledge entries, out-of-scope topics and bare clauses for a question. */
export class Retriever {
  readonly analyzer: Analyzer;
  private readonly targets: Target[] = [];
  /** For each term, the targets whose passages (entry, answer, first clause) contain it. */
  private readonly termTargets = new Map<string, number[]>();
  private readonly questionIndex: Bm25;
  private readonly questionOwner: number[];
  private readonly entryIndex: Bm25;
  private readonly answerIndex: Bm25;
  private readonly clauseIndex: Bm25;
  private readonly clauseIds: string[];
  private readonly clauseDoc = new Map<string, number>();
  private readonly classifier: EntryClassifier;

  constructor(
    procedure: Procedure,
    knowledge: Knowledge,
    readonly weights: RetrievalWeights = DEFAULT_WEIGHTS,
    classifierOptions?: ClassifierOptions,
    learned: readonly LearnedQuestion[] = [],
    /** A state computed earlier from these same inputs (answerIndex.ts checks that). */
    built?: RetrieverState,
  ) {
    this.analyzer = new Analyzer();
    const clauses = procedure.clauses.filter((c) => c.text.trim().length > 0);
    this.clauseIds = clauses.map((c) => c.id);
    this.clauseIds.forEach((id, i) => this.clauseDoc.set(id, i));
    const state = built ?? this.build(procedure, knowledge, clauses, classifierOptions, learned);
    if (built) this.analyzer.restore(built.analyzer);
    this.targets = state.targets;
    this.termTargets = new Map(state.termTargets);
    this.questionOwner = state.questionOwner;
    this.questionIndex = new Bm25(state.indices.question);
    this.entryIndex = new Bm25(state.indices.entry);
    this.answerIndex = new Bm25(state.indices.answer);
    this.clauseIndex = new Bm25(state.indices.clause);
    this.classifier = built ? EntryClassifier.restore(built.classifier) : this.trained!;
    this.state = () => ({ ...state, classifier: this.classifier.state() });
  }

  /** What `npm run train:answers` checks in. */
  readonly state: () => RetrieverState;

  /** Set by `build`, so the state need not restore what was just trained. */
  private trained: EntryClassifier | undefined;

  private build(
    procedure: Procedure,
    knowledge: Knowledge,
    clauses: Procedure['clauses'],
    classifierOptions: ClassifierOptions | undefined,
    learned: readonly LearnedQuestion[],
  ): Omit<RetrieverState, 'classifier'> & { classifier?: ClassifierState } {
    const weights = this.weights;
    const targets: Target[] = [];
    const questionOwner: number[] = [];
    // Learned questions count as the entry's own examples; one for an entry or topic this
    // knowledge base does not have (a renamed entry, a test's own knowledge) is ignored.
    const extra = new Map<string, string[]>();
    for (const l of learned) {
      const list = extra.get(l.entry);
      if (list) list.push(l.text);
      else extra.set(l.entry, [l.text]);
    }
    const examplesOf = (item: { id: string; questions: string[] }) => [...item.questions, ...(extra.get(item.id) ?? [])];
    const targetTerms: Array<Set<string>> = [];
    const clauseText = (c: (typeof clauses)[number]) => [c.heading ?? '', c.term ?? '', c.text].join(' ');
    this.analyzer.learn([
      ...clauses.map(clauseText),
      ...knowledge.entries.flatMap((e) => [...examplesOf(e), e.answer, ...(e.conditions ?? [])]),
      ...knowledge.outOfScope.flatMap(examplesOf),
    ]);

    const questionDocs: string[][] = [];
    const entryDocs: string[][] = [];
    const answerDocs: string[][] = [];
    for (const e of knowledge.entries) {
      const t = targets.push({ kind: 'entry', id: e.id, clauses: e.clauses, verdict: e.verdict }) - 1;
      for (const q of examplesOf(e)) {
        questionDocs.push(this.analyzer.document(q));
        questionOwner.push(t);
      }
      entryDocs.push(this.analyzer.document(examplesOf(e).join(' . ')));
      answerDocs.push(this.analyzer.document([e.answer, ...(e.conditions ?? [])].join(' ')));
      const first = procedure.byId.get(e.clauses[0]!);
      targetTerms[t] = new Set([
        ...entryDocs[entryDocs.length - 1]!,
        ...answerDocs[answerDocs.length - 1]!,
        ...(first ? this.analyzer.document(clauseText(first)) : []),
      ]);
    }
    for (const topic of knowledge.outOfScope) {
      const t = targets.push({ kind: 'out-of-scope', id: topic.id, clauses: [], verdict: 'unknown' }) - 1;
      for (const q of examplesOf(topic)) {
        questionDocs.push(this.analyzer.document(q));
        questionOwner.push(t);
      }
      entryDocs.push(this.analyzer.document(examplesOf(topic).join(' . ')));
      targetTerms[t] = new Set(entryDocs[entryDocs.length - 1]);
    }
    // A clause that no entry leads with still gets a chance, so a clause added to a revised
    // procedure is findable before anyone writes knowledge for it.
    const led = new Set(knowledge.entries.map((e) => e.clauses[0]));
    for (const c of clauses) {
      const coveredByChild = c.children?.some((id) => led.has(id));
      if (led.has(c.id) || coveredByChild || c.id.endsWith('.0')) continue;
      const t = targets.push({ kind: 'clause', id: c.id, clauses: [c.id], verdict: 'info' }) - 1;
      targetTerms[t] = new Set(this.analyzer.document(clauseText(c)));
    }

    const examples: TrainingExample[] = [];
    let label = 0;
    for (const item of [...knowledge.entries, ...knowledge.outOfScope]) {
      for (const q of examplesOf(item)) examples.push({ terms: this.analyzer.query(q, weights).weights, label });
      label++;
    }
    this.trained = new EntryClassifier(examples, label, classifierOptions);
    const termTargets = new Map<string, number[]>();
    targetTerms.forEach((terms, t) => {
      for (const term of terms) {
        const list = termTargets.get(term);
        if (list) list.push(t);
        else termTargets.set(term, [t]);
      }
    });

    return {
      analyzer: this.analyzer.learned(),
      targets,
      termTargets: [...termTargets],
      questionOwner,
      indices: {
        question: Bm25.count(questionDocs, 1.2, 0.75),
        entry: Bm25.count(entryDocs, 1.2, 0.3),
        answer: Bm25.count(answerDocs, 1.2, 0.5),
        clause: Bm25.count(clauses.map((c) => this.analyzer.document(clauseText(c))), 1.2, 0.5),
      },
    };
  }


  retrieve(question: string): Retrieval {
    const w = this.weights;
    const query = this.analyzer.query(question, w);
    const q = query.weights;

    const best = new Float64Array(this.targets.length);
    const questionScores = this.questionIndex.scores(q);
    for (let doc = 0; doc < questionScores.length; doc++) {
      const t = this.questionOwner[doc]!;
      if (best[t]! < questionScores[doc]!) best[t] = questionScores[doc]!;
    }
    const entryScores = this.entryIndex.scores(q);
    const answerScores = this.answerIndex.scores(q);
    const clauseScores = this.clauseIndex.scores(q);

    // Rarity of each of the question's terms; words never seen weigh as the rarest kind,
    // because they are usually what the question is about.
    const rare = Math.log(1 + (this.questionIndex.size + 0.5) / 0.5);
    // How much of that each target's passages contain, summed term by term through the
    // inverted lists (one pass over the question's terms, not one per target).
    const hit = new Float64Array(this.targets.length);
    let totalMass = 0;
    for (const [term, weight] of q) {
      if (term.includes('_')) continue;
      const idf = this.questionIndex.has(term)
        ? this.questionIndex.idf(term)
        : this.clauseIndex.has(term)
          ? this.clauseIndex.idf(term)
          : rare;
      const m = weight * idf;
      totalMass += m;
      for (const t of this.termTargets.get(term) ?? []) hit[t]! += m;
    }
    const explainedBy = (t: number) => (totalMass <= 0 ? 0 : hit[t]! / totalMass);

    const probabilities = w.classifier > 0 ? this.classifier.predict(q) : undefined;
    let selfScore = 0;
    for (const [term, weight] of q) {
      if (this.questionIndex.has(term)) selfScore += weight * this.questionIndex.idf(term);
    }

    const candidates: Candidate[] = [];
    let entryDoc = 0;
    this.targets.forEach((t, i) => {
      let score = 0;
      if (t.kind === 'clause') {
        score = w.bareClause * clauseScores[this.clauseDoc.get(t.id)!]!;
      } else {
        score = w.question * best[i]! + w.entry * entryScores[entryDoc]!;
        if (t.kind === 'entry') {
          score += w.answer * answerScores[entryDoc]!;
          const first = this.clauseDoc.get(t.clauses[0]!);
          if (first !== undefined) score += w.clause * clauseScores[first]!;
        } else {
          score *= w.outOfScope;
        }
        // Entries and out-of-scope topics are the classifier's classes, in target order.
        if (probabilities) score += w.classifier * selfScore * probabilities[i]!;
        entryDoc++;
      }
      if (score <= 0) return;
      candidates.push({ kind: t.kind, id: t.id, clauses: t.clauses, verdict: t.verdict, score, explained: explainedBy(i) });
    });
    candidates.sort((a, b) => b.score - a.score);

    const clauseRanking = this.clauseIds
      .map((id, doc) => [id, clauseScores[doc]!] as const)
      .filter(([, score]) => score > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([id]) => id);

    const topical = [...q.keys()].some((t) => t.startsWith('~') && TOPICAL_CONCEPTS.has(t.slice(1)));
    return { candidates, query, selfScore, clauseRanking, topical };
  }
}
