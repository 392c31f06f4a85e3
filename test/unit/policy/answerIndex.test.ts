import fs from 'node:fs';
import path from 'node:path';
import { createAnswerer } from '../../../src/policy/answer';
import { ANSWER_INDEX_PATH, answerIndexDigest, type AnswerIndexFile } from '../../../src/policy/answerIndex';
import { loadKnowledge } from '../../../src/policy/knowledge';
import { loadLearned } from '../../../src/policy/learned';
import { loadProcedure } from '../../../src/policy/procedure';
import { DEFAULT_WEIGHTS, Retriever } from '../../../src/policy/retrieval';
import { ROOT } from '../../../src/paths';

const procedure = loadProcedure();
const knowledge = loadKnowledge(procedure);
const learned = loadLearned();
const checkedIn = JSON.parse(fs.readFileSync(ANSWER_INDEX_PATH, 'utf8')) as AnswerIndexFile;

/** Every labelled question outside the blind set: test/eval/questions*.jsonl and the batches'. */
function labelledQuestions(): string[] {
  const evalDir = path.join(ROOT, 'test', 'eval');
  const batches = path.join(evalDir, 'batches');
  const files = [
    ...fs.readdirSync(evalDir).filter((f) => /^questions.*\.jsonl$/.test(f)).map((f) => path.join(evalDir, f)),
    ...fs.readdirSync(batches).map((b) => path.join(batches, b, 'questions.jsonl')).filter((f) => fs.existsSync(f)),
  ];
  return files.flatMap((f) =>
    fs.readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { text: string }).text),
  );
}

describe('the answer index (src/policy/answer-index.json)', () => {
  it('was computed from the current procedure, knowledge, learned questions and vocabulary (else run `npm run train:answers`)', () => {
    expect(checkedIn.sourcesSha256).toBe(answerIndexDigest({ procedure, knowledge, learned, weights: DEFAULT_WEIGHTS }));
  });

  it('is what training computes today (a change to the analysis code also makes it stale)', () => {
    const fresh = new Retriever(procedure, knowledge, DEFAULT_WEIGHTS, undefined, learned).state();
    // Compared as text: the index is a few megabytes, and equal text is what reloading needs.
    expect(JSON.stringify(fresh) === JSON.stringify(checkedIn.retriever)).toBe(true);
  });

  it('gives byte-identical answers to a freshly trained answerer on every labelled question', () => {
    const loaded = createAnswerer(procedure, knowledge);
    const trained = createAnswerer(procedure, knowledge, { index: 'train' });
    const questions = labelledQuestions();
    expect(questions.length).toBeGreaterThan(500);
    const differing = questions.filter((q) => JSON.stringify(loaded.answer(q)) !== JSON.stringify(trained.answer(q)));
    expect(differing).toEqual([]);
  });

  it('is not used for other inputs, and says once why the answerer trains instead', () => {
    const warnings: string[] = [];
    const edited = { ...knowledge, entries: knowledge.entries.map((e, i) => (i === 0 ? { ...e, questions: [...e.questions, 'a brand new phrasing'] } : e)) };
    const a = createAnswerer(procedure, edited, { onStaleIndex: (m) => warnings.push(m) });
    createAnswerer(procedure, edited, { onStaleIndex: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/stale.*npm run train:answers/);
    expect(a.answer('a brand new phrasing').matched).toBe(knowledge.entries[0]!.id);
  });
});
