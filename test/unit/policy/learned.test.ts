import fs from 'node:fs';
import { createDefaultAnswerer } from '../../../src/policy/answer';
import { loadKnowledge } from '../../../src/policy/knowledge';
import { LEARNED_PATH, parseLearned } from '../../../src/policy/learned';
import { loadProcedure, sameRule } from '../../../src/policy/procedure';
import { sourcesDigest } from '../../../scripts/learnQuestions';
import { BATCHES_DIR, loadTrainingBatches } from '../../../test/eval/corpus';

const procedure = loadProcedure();
const knowledge = loadKnowledge(procedure);
const learned = parseLearned(fs.readFileSync(LEARNED_PATH, 'utf8'));

describe('learned questions (src/policy/learned-questions.json)', () => {
  it('is up to date with the labelled batches and the knowledge base (else run `npm run learn`)', () => {
    const batchFiles = loadTrainingBatches()
      .map((b) => b.name)
      .filter((name) => fs.existsSync(`${BATCHES_DIR}/${name}/questions.jsonl`))
      .map((name) => `test/eval/batches/${name}/questions.jsonl`)
      .sort();
    // A file written with --without (for leave-one-batch-out) is not the one to ship.
    expect([...learned.sources].sort()).toEqual(batchFiles);
    expect(sourcesDigest(learned.sources, knowledge)).toBe(learned.sourcesSha256);
  });

  it('only teaches entries and topics the knowledge base has', () => {
    const ids = new Set([...knowledge.entries, ...knowledge.outOfScope].map((e) => e.id));
    expect(learned.questions.filter((q) => !ids.has(q.entry))).toEqual([]);
  });
});

describe('questions in staff words, English and French', () => {
  const bot = createDefaultAnswerer();
  const ask = (q: string) => bot.answer(q);
  const rests = (clauses: string[], id: string) => sameRule(procedure, clauses[0]!, id);

  it('lets a graduate, but not a current student, add you', () => {
    const grad = ask("Une ancienne élève diplômée il y a trois ans, maintenant à l'université, veut me suivre sur Instagram. Je peux accepter?");
    expect(grad.verdict).toBe('allowed');
    expect(rests(grad.clauses, '4.7')).toBe(true);
    const current = ask("Un élève de ma classe de 9e m'a envoyé une demande d'amitié sur Facebook. Je peux accepter?");
    expect(current.verdict).toBe('not-allowed');
    expect(rests(current.clauses, '4.7')).toBe(true);
  });

  it('asks for permission before the school crest, in French too', () => {
    const a = ask("Est-ce que je peux mettre l'écusson de l'école sur la bannière de mon compte TikTok?");
    expect(a.verdict).toBe('needs-permission');
    expect(rests(a.clauses, '4.13')).toBe(true);
  });

  it('treats a scheduled drill as no emergency', () => {
    const a = ask('We practised a lockdown drill this morning, it was on the calendar. Can I post that the kids did well?');
    expect(a.verdict).toBe('allowed');
    expect(rests(a.clauses, '3.2')).toBe(true);
  });

  it('does not answer in French as if the words were misspelt English', () => {
    const a = ask('Est-ce que je peux texter un élève sur Snapchat pour lui rappeler son devoir?');
    expect(a.verdict).toBe('not-allowed');
    expect(['4.17', '4.15'].some((id) => rests(a.clauses, id))).toBe(true);
  });
});
