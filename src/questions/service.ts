import { randomUUID } from 'node:crypto';
import type { Answer, Answerer } from '../policy/answer';
import type { QuestionRepository, StoredQuestion } from '../store/questions';

/**
 * Asking the bot: answer from the procedure, keep the question (with the
 * verdict and, later, whether it helped), so Communications can see what
 * staff ask and what the bot could not answer.
 */
export const QUESTION_MAX_CHARS = 2000;

export type AskOutcome =
  | { ok: true; question: StoredQuestion; answer: Answer }
  | { ok: false; reason: 'empty' | 'too-long'; message: string };

export interface Asker {
  id: string;
  name: string;
  conversationId: string;
}

export class QuestionService {
  constructor(
    private readonly answerer: Answerer,
    private readonly questions: QuestionRepository,
    private readonly now: () => Date,
  ) {}

  async ask(asker: Asker, rawText: string): Promise<AskOutcome> {
    const text = rawText.trim();
    if (text === '') return { ok: false, reason: 'empty', message: 'What would you like to know? Ask in your own words, for example: "can I accept a friend request from a student?"' };
    if (text.length > QUESTION_MAX_CHARS) {
      return {
        ok: false,
        reason: 'too-long',
        message: `That is ${text.length.toLocaleString('en-CA')} characters; I answer questions up to ${QUESTION_MAX_CHARS.toLocaleString('en-CA')}. Ask it in a sentence or two, or type **check** to check a draft post.`,
      };
    }
    const answer = this.answerer.answer(text);
    const at = this.now().toISOString();
    const question: StoredQuestion = {
      id: randomUUID(),
      askerId: asker.id,
      askerName: asker.name,
      conversationId: asker.conversationId,
      text,
      verdict: answer.verdict,
      clauses: answer.clauses,
      confidence: answer.confidence,
      matched: answer.matched ?? null,
      helpful: null,
      status: 'answered-by-bot',
      answer: null,
      answeredBy: null,
      answeredAt: null,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    await this.questions.insert(question);
    return { ok: true, question, answer };
  }

  /** Re-answers a stored question: the answerer is deterministic, so the card is the same one. */
  answerFor(question: StoredQuestion): Answer {
    return this.answerer.answer(question.text);
  }

  async get(id: string): Promise<StoredQuestion | undefined> {
    return this.questions.get(id);
  }

  /** "Was this helpful?" Only the asker's click counts. */
  async helpful(id: string, actorId: string, helpful: boolean): Promise<StoredQuestion | { refused: string }> {
    const question = await this.questions.get(id);
    if (!question) return { refused: "I can't find that question any more. Ask it again and I'll answer it." };
    const ok = await this.questions.setHelpful(id, actorId, helpful, this.now().toISOString());
    if (!ok) return { refused: 'Only the person who asked can rate this answer.' };
    return (await this.questions.get(id))!;
  }
}
