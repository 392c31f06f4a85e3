import crypto from 'node:crypto';
import fs from 'node:fs';
import { fromRoot } from '../paths';
import type { ClassifierOptions } from './classifier';
import type { Knowledge } from './knowledge';
import type { LearnedQuestion } from './learned';
import type { Procedure } from './procedure';
import type { RetrievalWeights, RetrieverState } from './retrieval';
import { STOP_WORDS } from './text';
import { STAFF_VOCABULARY } from './vocabulary';

/**
 * The answer index: the Retriever's indices, its vocabulary and its trained classifier,
 * computed by `npm run train:answers` (scripts/trainAnswers.ts) and checked in as
 * src/policy/answer-index.json, because computing them at start-up took seconds. It is
 * used only when the sha256 of everything it was computed from matches; otherwise the
 * answerer computes the same thing itself, so an edit to the knowledge base still works
 * before anyone retrains (only slower to start).
 */

export const ANSWER_INDEX_PATH = fromRoot('src', 'policy', 'answer-index.json');

/** Bumped when the index's form or the code that computes it changes meaning. */
const FORMAT = 1;

export interface AnswerIndexFile {
  generatedBy: string;
  format: number;
  /** sha256 over the inputs (see answerIndexDigest). */
  sourcesSha256: string;
  retriever: RetrieverState;
}

export interface AnswerIndexInputs {
  procedure: Procedure;
  knowledge: Knowledge;
  learned: readonly LearnedQuestion[];
  weights: RetrievalWeights;
  classifier?: ClassifierOptions;
}

/** Everything the index is derived from; answer wording in French and actions are not. */
export function answerIndexDigest(inputs: AnswerIndexInputs): string {
  return crypto
    .createHash('sha256')
    .update(
      JSON.stringify({
        format: FORMAT,
        clauses: inputs.procedure.clauses.map((c) => [c.id, c.heading ?? null, c.term ?? null, c.text, c.children ?? null]),
        entries: inputs.knowledge.entries.map((e) => [e.id, e.clauses, e.verdict, e.questions, e.answer, e.conditions ?? null]),
        outOfScope: inputs.knowledge.outOfScope.map((t) => [t.id, t.questions]),
        learned: inputs.learned.map((l) => [l.entry, l.text]),
        vocabulary: STAFF_VOCABULARY,
        stopWords: [...STOP_WORDS],
        weights: inputs.weights,
        classifier: inputs.classifier ?? null,
      }),
    )
    .digest('hex');
}

export function answerIndexFile(inputs: AnswerIndexInputs, retriever: RetrieverState): AnswerIndexFile {
  return { generatedBy: 'npm run train:answers', format: FORMAT, sourcesSha256: answerIndexDigest(inputs), retriever };
}

let fileRead: { file?: AnswerIndexFile; problem?: string } | undefined;
let warned = false;

/**
 * The checked-in index when it was computed from exactly these inputs. When the inputs are
 * the bot's own (`warn` given) and the index is missing or stale, says so once per process.
 */
export function checkedInAnswerIndex(inputs: AnswerIndexInputs, warn?: (message: string) => void): RetrieverState | undefined {
  if (!fileRead) {
    try {
      fileRead = { file: JSON.parse(fs.readFileSync(ANSWER_INDEX_PATH, 'utf8')) as AnswerIndexFile };
    } catch (e) {
      fileRead = { problem: `${ANSWER_INDEX_PATH} could not be read (${(e as Error).message.split('\n')[0]})` };
    }
  }
  const file = fileRead.file;
  if (file && file.format === FORMAT && file.sourcesSha256 === answerIndexDigest(inputs)) return file.retriever;
  if (warn && !warned) {
    warned = true;
    warn(
      `${fileRead.problem ?? 'src/policy/answer-index.json is stale (its inputs changed)'}; ` +
        'training the answerer at start-up instead, which is slower: run `npm run train:answers`',
    );
  }
  return undefined;
}
