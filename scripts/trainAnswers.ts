import fs from 'node:fs';
import { ANSWER_INDEX_PATH, answerIndexFile } from '../src/policy/answerIndex';
import { loadKnowledge } from '../src/policy/knowledge';
import { loadLearned } from '../src/policy/learned';
import { loadProcedure } from '../src/policy/procedure';
import { DEFAULT_WEIGHTS, Retriever } from '../src/policy/retrieval';

/**
 * `npm run train:answers` (also the last step of `npm run learn`): computes the answerer's
 * indices and classifier from the procedure, knowledge.yaml, learned-questions.json and the
 * staff vocabulary, and writes src/policy/answer-index.json, which start-up loads instead
 * of training. Run it after editing any of those; a unit test says when it is stale.
 */
export function trainAnswers(): { path: string; bytes: number } {
  const procedure = loadProcedure();
  const knowledge = loadKnowledge(procedure);
  const learned = loadLearned();
  const retriever = new Retriever(procedure, knowledge, DEFAULT_WEIGHTS, undefined, learned);
  const text = `${JSON.stringify(answerIndexFile({ procedure, knowledge, learned, weights: DEFAULT_WEIGHTS }, retriever.state()))}\n`;
  fs.writeFileSync(ANSWER_INDEX_PATH, text);
  return { path: ANSWER_INDEX_PATH, bytes: Buffer.byteLength(text) };
}

if (require.main === module) {
  const { path, bytes } = trainAnswers();
  process.stdout.write(`wrote ${path} (${Math.round(bytes / 1024)} KiB)\n`);
}
