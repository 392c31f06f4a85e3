import fs from 'node:fs';
import { z } from 'zod';
import { fromRoot } from '../paths';

/**
 * Questions staff wrote in their own words, each mapped to the knowledge entry (or
 * out-of-scope topic) that answers it, by `npm run learn` (scripts/learnQuestions.ts).
 * The Retriever reads them as extra example questions, so wording that no curator
 * thought of — French above all — still finds its entry. Kept apart from
 * knowledge.yaml because it is generated: the curated file stays readable and the
 * generated one can be rebuilt at any time from its sources (hashed below).
 */
export interface LearnedQuestion {
  /** Knowledge entry id or out-of-scope topic id. */
  entry: string;
  text: string;
}

const learnedFileSchema = z
  .object({
    generatedBy: z.string(),
    /** sha256 over the labelled question files and the knowledge that decided the mapping. */
    sourcesSha256: z.string().regex(/^[0-9a-f]{64}$/),
    sources: z.array(z.string()),
    questions: z.array(z.object({ entry: z.string().regex(/^[a-z0-9-]+$/), text: z.string().min(3) }).strict()),
  })
  .strict();

export type LearnedFile = z.infer<typeof learnedFileSchema>;

export const LEARNED_PATH = fromRoot('src', 'policy', 'learned-questions.json');

export function parseLearned(json: string): LearnedFile {
  return learnedFileSchema.parse(JSON.parse(json));
}

let cached: readonly LearnedQuestion[] | undefined;

/** The learned questions, read once; none when the file has not been generated. */
export function loadLearned(): readonly LearnedQuestion[] {
  if (!cached) cached = fs.existsSync(LEARNED_PATH) ? parseLearned(fs.readFileSync(LEARNED_PATH, 'utf8')).questions : [];
  return cached;
}
