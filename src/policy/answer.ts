import { REQUEST_KIND_CLAUSES, REQUEST_KINDS, type RequestKind } from '../requests/requestKind';
import { checkedInAnswerIndex } from './answerIndex';
import type { ClassifierOptions } from './classifier';
import { loadKnowledge, type Knowledge, type KnowledgeEntry } from './knowledge';
import { loadLearned, type LearnedQuestion } from './learned';
import { clauseFullText, loadProcedure, sameRule, type Procedure } from './procedure';
import { DEFAULT_WEIGHTS, Retriever, type Candidate, type RetrievalWeights } from './retrieval';
import { words } from './text';

export type Verdict = 'allowed' | 'not-allowed' | 'needs-permission' | 'conditional' | 'info' | 'unknown';

export type AnswerAction =
  | { kind: 'ask-communications' }
  | { kind: 'start-request'; requestKind: RequestKind }
  | { kind: 'check-draft' };

export interface Quote {
  id: string;
  text: string;
}

export interface Answer {
  verdict: Verdict;
  /** Clause ids, most relevant first. */
  clauses: string[];
  /** Plain-language answer. */
  answer: string;
  /** The procedure's exact words for each cited clause. */
  quotes: Quote[];
  /**
   * 0..1, and 0.5 is where the bot stops answering: below it the verdict is `unknown`
   * (the figure then says how near the closest answer came).
   */
  confidence: number;
  actions: AnswerAction[];
  /** Knowledge entry the answer came from. */
  matched?: string;
}

export interface Answerer {
  answer(question: string): Answer;
}

export interface AnswererOptions {
  /**
   * Evidence (margin × share of the question explained, see confidenceOf) below which the
   * bot says it is not sure. Reported confidence is evidence / (evidence + threshold), so
   * this threshold always shows as 0.5.
   */
  threshold?: number;
  /** Softness of the margin between the best answer and its nearest rival (scaled score units). */
  temperature?: number;
  /** How steeply confidence falls as less of the question is accounted for. */
  explainExponent?: number;
  /** Confidence kept when the question mentions nothing the procedure is about. */
  offTopicFactor?: number;
  /**
   * When the best answer says "allowed" and an answer that says no or needs permission scores
   * at least this share of it, the bot gives the cautious one: a wrong "yes" is the costly error.
   */
  cautionRatio?: number;
  weights?: RetrievalWeights;
  classifier?: ClassifierOptions;
  /**
   * Staff questions mapped to entries by `npm run learn`; by default the generated
   * src/policy/learned-questions.json, so the bot and its tests answer alike.
   */
  learned?: readonly LearnedQuestion[];
  /**
   * 'checked-in' (the default) loads src/policy/answer-index.json when it was computed from
   * these same inputs and trains otherwise; 'train' always trains (to compare the two).
   */
  index?: 'checked-in' | 'train';
  /** Told once per process when the checked-in index is missing or stale (start-up's log). */
  onStaleIndex?: (message: string) => void;
}

export const DEFAULT_THRESHOLD = 0.085;
export const DEFAULT_TEMPERATURE = 0.08;
export const DEFAULT_EXPLAIN_EXPONENT = 1.5;
export const DEFAULT_OFF_TOPIC_FACTOR = 0.15;
export const DEFAULT_CAUTION_RATIO = 0.6;

/** Confidence when the user names the clause the answer rests on... */
const NAMED_CLAUSE_CONFIDENCE = 0.8;
/** ...and when the question is only "what does 4.7 say?". */
const CLAUSE_ONLY_CONFIDENCE = 0.95;

/** Where to send staff when the procedure has no answer. */
const ASK_CLAUSE = '4.4';

/** A clause reference typed by the user: "4.7", "4.6(c)", "4.6 c". */
const CLAUSE_REF = /(?:^|[^\d.])(\d{1,2}\.\d{1,2})(?:\s*\(\s*([a-z])\s*\)|\s?([a-d])\b)?/i;

/** "section 6": a whole section by its number. */
const SECTION_REF = /\bsection\s+(\d{1,2})(?!\.\d)\b/i;

/** Words that only point at a clause ("what does 4.7 say?"), not at a situation. */
const POINTING_WORDS = new Set([
  'clause', 'section', 'say', 'says', 'said', 'mean', 'means', 'meaning', 'explain', 'procedure', 'policy',
  'rule', 'rules', 'pr', '708', 'it', 'read', 'quote', 'text', 'exactly', 'summarize', 'summarise', 'summary',
  'cover', 'covers', 'point', 'item', 'part', 'sub', 'subsection', 'wording',
]);

const addAction = (list: AnswerAction[], action: AnswerAction) => {
  if (!list.some((a) => JSON.stringify(a) === JSON.stringify(action))) list.push(action);
};

/** The request a permission answer leads to, from the clause it rests on. */
function requestKindFor(procedure: Procedure, clauseId: string): RequestKind | undefined {
  return REQUEST_KINDS.find((kind) => REQUEST_KIND_CLAUSES[kind].some((id) => sameRule(procedure, id, clauseId)));
}

export function createAnswerer(procedure: Procedure, knowledge: Knowledge, options: AnswererOptions = {}): Answerer {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const temperature = options.temperature ?? DEFAULT_TEMPERATURE;
  const explainExponent = options.explainExponent ?? DEFAULT_EXPLAIN_EXPONENT;
  const offTopicFactor = options.offTopicFactor ?? DEFAULT_OFF_TOPIC_FACTOR;
  const cautionRatio = options.cautionRatio ?? DEFAULT_CAUTION_RATIO;
  const weights = options.weights ?? DEFAULT_WEIGHTS;
  const learned = options.learned ?? loadLearned();
  const built =
    options.index === 'train'
      ? undefined
      : checkedInAnswerIndex({ procedure, knowledge, learned, weights, classifier: options.classifier }, options.onStaleIndex);
  const retriever = new Retriever(procedure, knowledge, weights, options.classifier, learned, built);
  const entries = new Map<string, KnowledgeEntry>(knowledge.entries.map((e) => [e.id, e]));
  const askQuote = procedure.byId.has(ASK_CLAUSE);

  // Quotes are cut once: every answer reuses the same exact procedure text.
  const quoteText = new Map<string, string>();
  for (const c of procedure.clauses) quoteText.set(c.id, clauseFullText(procedure, c.id));
  const quotesFor = (ids: string[]): Quote[] =>
    ids.filter((id) => quoteText.has(id)).map((id) => ({ id, text: quoteText.get(id)! }));

  const leadingEntry = (clauseId: string): KnowledgeEntry | undefined =>
    knowledge.entries.find((e) => e.clauses[0] === clauseId) ??
    knowledge.entries.find((e) => sameRule(procedure, e.clauses[0]!, clauseId));

  /** Evidence as a 0..1 figure on which the threshold sits at 0.5. */
  const reported = (evidence: number) => (evidence > 0 ? evidence / (evidence + threshold) : 0);

  function actionsFor(verdict: Verdict, clauses: string[], entry?: KnowledgeEntry): AnswerAction[] {
    const actions: AnswerAction[] = [];
    for (const a of entry?.actions ?? []) addAction(actions, a);
    const first = clauses[0];
    if (verdict === 'needs-permission' && first) {
      const kind = requestKindFor(procedure, first);
      if (kind) addAction(actions, { kind: 'start-request', requestKind: kind });
    }
    if (first === ASK_CLAUSE || verdict === 'unknown') addAction(actions, { kind: 'ask-communications' });
    return actions;
  }

  function fromEntry(entry: KnowledgeEntry, confidence: number, extraClause?: string): Answer {
    const clauses = [...entry.clauses];
    if (extraClause && !clauses.some((id) => sameRule(procedure, id, extraClause))) clauses.push(extraClause);
    return {
      verdict: entry.verdict,
      clauses,
      answer: entry.answer.trim(),
      quotes: quotesFor(clauses),
      confidence,
      actions: actionsFor(entry.verdict, clauses, entry),
      matched: entry.id,
    };
  }

  function notSure(confidence: number, near: string[]): Answer {
    const closest = near.filter((id) => id !== ASK_CLAUSE).slice(0, 2);
    const clauses = askQuote ? [ASK_CLAUSE, ...closest] : closest;
    const pointer = closest.length ? ` The closest parts of ${procedure.number} are ${closest.join(' and ')}.` : '';
    return {
      verdict: 'unknown',
      clauses,
      answer:
        `I'm not sure ${procedure.number} answers that. If it is about posting or social media, ask your principal ` +
        `or the Communications department before you go ahead (${ASK_CLAUSE}).${pointer}`,
      quotes: quotesFor(clauses),
      confidence,
      actions: [{ kind: 'ask-communications' }],
    };
  }

  function clauseReference(question: string): string | undefined {
    const section = SECTION_REF.exec(question);
    if (section && procedure.byId.has(`${section[1]}.0`)) return `${section[1]}.0`;
    const m = CLAUSE_REF.exec(question);
    if (!m) return undefined;
    const letter = (m[2] ?? m[3])?.toLowerCase();
    const withLetter = letter ? `${m[1]}(${letter})` : undefined;
    if (withLetter && procedure.byId.has(withLetter)) return withLetter;
    return procedure.byId.has(m[1]!) ? m[1] : undefined;
  }

  function clauseAnswer(ref: string, confidence: number): Answer {
    const entry = leadingEntry(ref);
    const clauses = [ref];
    return {
      verdict: 'info',
      clauses,
      answer: entry ? entry.answer.trim() : `Here is what ${ref} of ${procedure.number} says.`,
      quotes: quotesFor(clauses),
      confidence,
      actions: actionsFor('info', clauses, entry),
      ...(entry ? { matched: entry.id } : {}),
    };
  }

  function answer(question: string): Answer {
    const ref = clauseReference(question);
    if (ref) {
      const rest = words(question.replace(CLAUSE_REF, ' ').replace(SECTION_REF, ' ')).filter(
        (w) => !POINTING_WORDS.has(w),
      );
      // "What does 4.7 say?": the clause itself is the answer.
      if (retriever.analyzer.query(rest.join(' ')).content.length === 0) {
        return clauseAnswer(ref, CLAUSE_ONLY_CONFIDENCE);
      }
    }

    const retrieval = retriever.retrieve(question);
    let candidates = retrieval.candidates;
    if (ref) {
      // A clause the user names outweighs wording: favour answers that rest on it.
      candidates = candidates
        .map((c) => (c.clauses.some((id) => sameRule(procedure, id, ref)) ? { ...c, score: c.score * 1.5 } : c))
        .sort((a, b) => b.score - a.score);
    }
    candidates = withCaution(candidates);
    const top = candidates[0];
    const near = nearestClauses(candidates, retrieval.clauseRanking);
    const restsOnRef = (c: Candidate | undefined) =>
      !!ref && !!c && c.clauses.some((id) => sameRule(procedure, id, ref));
    if (ref && !candidates.slice(0, 3).some(restsOnRef)) return clauseAnswer(ref, NAMED_CLAUSE_CONFIDENCE);
    if (!top || retrieval.selfScore <= 0) return notSure(0, near);

    const topicality = retrieval.topical ? 1 : offTopicFactor;
    const evidence = evidenceFor(top, candidates, retrieval.selfScore) * topicality;
    // Naming the clause is strong evidence in itself.
    const confidence = restsOnRef(top) ? Math.max(reported(evidence), NAMED_CLAUSE_CONFIDENCE) : reported(evidence);
    if (top.kind === 'out-of-scope' || confidence < 0.5) {
      const inScope = candidates.find((c) => c.kind !== 'out-of-scope');
      const nearest = inScope ? reported(evidenceFor(inScope, candidates, retrieval.selfScore) * topicality) : 0;
      return notSure(Math.min(nearest, 0.49), near);
    }
    if (top.kind === 'clause') {
      const clauses = [top.id];
      return {
        verdict: 'info',
        clauses,
        answer: `${procedure.number} speaks to this in ${top.id}; its words are quoted below.`,
        quotes: quotesFor(clauses),
        confidence,
        actions: actionsFor('info', clauses),
      };
    }
    return fromEntry(entries.get(top.id)!, confidence, ref);
  }

  /**
   * The margin between the best answer and the best rival that would say something
   * different (another rule or another verdict), softened; then scaled by how much of the
   * question the best answer accounts for, so that a lone shared word ("school", "day")
   * cannot carry an off-topic question however far ahead it puts one entry.
   */
  function evidenceFor(top: Candidate, candidates: Candidate[], selfScore: number): number {
    const differs = (c: Candidate) =>
      c !== top &&
      (c.kind === 'out-of-scope' ||
        c.verdict !== top.verdict ||
        !sameRule(procedure, c.clauses[0] ?? c.id, top.clauses[0] ?? top.id));
    const rival = candidates.find(differs);
    const s1 = top.score / selfScore;
    const s2 = rival ? rival.score / selfScore : 0;
    const margin = 1 / (1 + Math.exp(-(s1 - s2) / temperature));
    return clamp01(margin * top.explained ** explainExponent);
  }

  /** Puts a close "no" or "ask first" ahead of a "yes" (see AnswererOptions.cautionRatio). */
  function withCaution(candidates: Candidate[]): Candidate[] {
    const top = candidates[0];
    if (!top || top.verdict !== 'allowed') return candidates;
    const cautious = candidates.find(
      (c) => (c.verdict === 'not-allowed' || c.verdict === 'needs-permission') && c.score >= top.score * cautionRatio,
    );
    if (!cautious) return candidates;
    return [{ ...cautious, score: top.score }, ...candidates.filter((c) => c !== cautious)];
  }

  function nearestClauses(candidates: Candidate[], clauseRanking: string[]): string[] {
    const out: string[] = [];
    const fromCandidates = candidates.filter((c) => c.kind !== 'out-of-scope').map((c) => c.clauses[0]!);
    for (const id of [...fromCandidates, ...clauseRanking]) {
      if (!id || out.some((o) => sameRule(procedure, o, id))) continue;
      out.push(id);
      if (out.length >= 3) break;
    }
    return out;
  }

  return { answer };
}

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.max(0, Math.min(1, x)) : 0);

/** The answerer over the district's own procedure and knowledge base. */
export function createDefaultAnswerer(options?: AnswererOptions): Answerer {
  const procedure = loadProcedure();
  return createAnswerer(procedure, loadKnowledge(procedure), options);
}
