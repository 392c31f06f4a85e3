import { randomUUID } from 'node:crypto';
import type { Answer, Answerer } from '../policy/answer';
import type { Kysely } from 'kysely';
import type { QuestionRepository, StoredQuestion } from '../store/questions';
import type { Database } from '../store/schema';
import type { Directory } from '../directory/types';
import type { NewNotification } from '../requests/ports';
import { insertNotifications } from '../store/outbox';

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

/** What happened when someone sent a question to Communications or answered it. */
export type EscalationOutcome =
  | { ok: true; question: StoredQuestion; repeated: boolean }
  | {
      ok: false;
      reason: 'not-found' | 'not-asker' | 'not-communications' | 'already-answered' | 'not-asked' | 'answer-required' | 'too-long';
      message: string;
      /**
       * The question as it stands, only when the person refused may see it (a
       * Communications member, on a question sent to Communications), so a
       * caller can redraw the card. Anyone else learns nothing of it: not its
       * text, not who asked.
       */
      question?: StoredQuestion;
    };

export const COMMUNICATIONS_ANSWER_MAX = 2000;
/** A draft sent to Communications is stored as the question; drafts are shorter than this (the check card's limit). */
const DRAFT_QUESTION_MAX = 6000;

export interface QuestionServiceDeps {
  answerer: Answerer;
  questions: QuestionRepository;
  db: Kysely<Database>;
  directory: Directory;
  now: () => Date;
}

export class QuestionService {
  private readonly answerer: Answerer;
  private readonly questions: QuestionRepository;
  private readonly now: () => Date;

  constructor(private readonly deps: QuestionServiceDeps) {
    this.answerer = deps.answerer;
    this.questions = deps.questions;
    this.now = deps.now;
  }

  /**
   * Clause 4.4: staff may ask Communications whether something is appropriate.
   * The question is marked and the card for Communications is queued in one
   * transaction, so it is sent exactly when the change is committed.
   * Only the asker can send their own question; a second click changes nothing.
   */
  async askCommunications(questionId: string, actorId: string): Promise<EscalationOutcome> {
    const question = await this.questions.get(questionId);
    if (!question) return { ok: false, reason: 'not-found', message: "I can't find that question any more. Ask it again and I'll answer it." };
    if (question.askerId !== actorId) return { ok: false, reason: 'not-asker', message: 'Only the person who asked can send this question to Communications.' };
    if (question.status !== 'answered-by-bot') return { ok: true, question, repeated: true };
    const at = this.now().toISOString();
    const moved = await this.deps.db.transaction().execute(async (trx) => {
      if (!(await this.questions.transition(question.id, question.version, { status: 'asked-communications' }, at, trx))) return false;
      await insertNotifications(trx, this.toCommunications(question), at);
      return true;
    });
    const current = (await this.questions.get(question.id))!;
    return { ok: true, question: current, repeated: !moved };
  }

  /** "Ask Communications" on a draft check: the draft becomes the question, stored because the person chose to send it. */
  async askAboutDraft(asker: Asker, draft: string, account: string): Promise<EscalationOutcome> {
    const at = this.now().toISOString();
    const text = `Is this OK to post on ${account === 'personal' ? 'my personal account' : `a ${account} account`}?\n\n${draft.trim().slice(0, DRAFT_QUESTION_MAX)}`;
    const question: StoredQuestion = {
      id: randomUUID(), askerId: asker.id, askerName: asker.name, conversationId: asker.conversationId, text,
      verdict: 'unknown', clauses: ['4.4'], confidence: 0, matched: 'draft-check', helpful: null, status: 'asked-communications',
      answer: null, answeredBy: null, answeredAt: null, version: 1, createdAt: at, updatedAt: at,
    };
    await this.deps.db.transaction().execute(async (trx) => {
      await this.questions.insert(question, trx);
      await insertNotifications(trx, this.toCommunications(question), at);
    });
    return { ok: true, question, repeated: false };
  }

  /** A Communications member answers from the card; the answer goes to the asker's chat. */
  async answerAsCommunications(questionId: string, seenVersion: number, actorId: string, rawAnswer: unknown): Promise<EscalationOutcome> {
    const question = await this.questions.get(questionId);
    if (!question) return { ok: false, reason: 'not-found', message: 'That question is no longer on record.' };
    if (!this.deps.directory.communications().members.includes(actorId)) {
      return { ok: false, reason: 'not-communications', message: 'Only members of Communications can answer questions sent to them. Nothing was changed.' };
    }
    if (question.status === 'answered-by-communications') {
      return { ok: false, reason: 'already-answered', message: `${question.answeredBy ?? 'Someone'} already answered this question.`, question };
    }
    // A question the asker kept to themselves is not Communications' to read.
    if (question.status !== 'asked-communications') return { ok: false, reason: 'not-asked', message: 'This question was not sent to Communications.' };
    const answer = typeof rawAnswer === 'string' ? rawAnswer.trim() : '';
    if (answer === '') return { ok: false, reason: 'answer-required', message: 'Write an answer before sending.', question };
    if (answer.length > COMMUNICATIONS_ANSWER_MAX) {
      return { ok: false, reason: 'too-long', message: `Your answer is ${answer.length.toLocaleString('en-CA')} characters; please keep it under ${COMMUNICATIONS_ANSWER_MAX.toLocaleString('en-CA')}.`, question };
    }
    const at = this.now().toISOString();
    const answeredBy = this.deps.directory.person(actorId)?.name ?? 'Communications';
    const version = Number.isInteger(seenVersion) ? seenVersion : question.version;
    const moved = await this.deps.db.transaction().execute(async (trx) => {
      if (!(await this.questions.transition(question.id, version, { status: 'answered-by-communications', answer, answered_by: answeredBy, answered_at: at }, at, trx))) return false;
      const toAsker: NewNotification = { dedupeKey: `question-answer:${question.id}`, kind: 'question-answer', target: { type: 'person', aadId: question.askerId }, payload: { questionId: question.id } };
      await insertNotifications(trx, [toAsker], at);
      return true;
    });
    const current = (await this.questions.get(question.id))!;
    if (!moved) {
      return current.status === 'answered-by-communications'
        ? { ok: false, reason: 'already-answered', message: `${current.answeredBy ?? 'Someone'} already answered this question.`, question: current }
        : { ok: false, reason: 'not-asked', message: 'This question changed while you were answering; here it is as it stands now.', question: current };
    }
    return { ok: true, question: current, repeated: false };
  }

  /** The Communications channel when there is one, otherwise each member in a 1:1 chat. */
  private toCommunications(question: StoredQuestion): NewNotification[] {
    const comms = this.deps.directory.communications();
    if (comms.channel) {
      return [{ dedupeKey: `question-to-communications:${question.id}:channel`, kind: 'question-to-communications', target: { type: 'channel', channel: comms.channel }, payload: { questionId: question.id } }];
    }
    return comms.members.map((aadId) => ({
      dedupeKey: `question-to-communications:${question.id}:${aadId}`,
      kind: 'question-to-communications' as const,
      target: { type: 'person' as const, aadId },
      payload: { questionId: question.id },
    }));
  }

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
    await this.questions.record(question);
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
