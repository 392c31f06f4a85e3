import fs from 'node:fs';
import { fromRoot } from '../src/paths';
import type { Account, DraftContext } from '../src/policy/detectors/types';

/**
 * The labelled inputs under test/eval, read as plain data: the bench only needs their text
 * (and a draft's account and image answers), not their labels.
 */
export interface EvalQuestion {
  id: string;
  text: string;
}

export interface EvalDraft {
  id: string;
  text: string;
  account: Account;
  image?: DraftContext['image'];
}

function jsonLines<T>(file: string): T[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** Every test/eval/questions*.jsonl (the scored set and the tune batches), as `npm run eval` reads them. */
export function loadEvalQuestions(): { questions: EvalQuestion[]; files: string[] } {
  const dir = fromRoot('test', 'eval');
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^questions.*\.jsonl$/.test(f))
    .sort();
  const seen = new Set<string>();
  const questions: EvalQuestion[] = [];
  for (const f of files) {
    for (const q of jsonLines<EvalQuestion>(`${dir}/${f}`)) {
      if (typeof q.text !== 'string' || seen.has(q.text)) continue;
      seen.add(q.text);
      questions.push({ id: q.id, text: q.text });
    }
  }
  if (questions.length === 0) throw new Error('no eval questions found under test/eval');
  return { questions, files };
}

export function loadEvalDrafts(): EvalDraft[] {
  const drafts = jsonLines<EvalDraft>(fromRoot('test', 'eval', 'drafts.jsonl')).filter((d) => typeof d.text === 'string');
  if (drafts.length === 0) throw new Error('no eval drafts found in test/eval/drafts.jsonl');
  return drafts.map((d) => ({ id: d.id, text: d.text, account: d.account, ...(d.image ? { image: d.image } : {}) }));
}
