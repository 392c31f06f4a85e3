import { renderCard, Card } from '../../cardTemplates';
import { answerCardData } from '../../questions/answerCard';
import type { StoredQuestion } from '../../store/questions';
import type { Answer } from '../../policy/answer';
import { communicationsCardData, communicationsLine } from '../../questions/communicationsCard';
import { COMMUNICATIONS_ANSWER_MAX } from '../../questions/service';
import { withCrisisNotice } from '../../oversight/crisisNotice';
import type { Services } from '../../services';
import type { RouteSet } from '../bot';

/**
 * Questions in Teams: any message that is not a command is a question (in
 * channels and group chats, after an @mention). The answer comes back as a
 * card with the verdict, the quoted clauses and follow-up buttons.
 */
/** `answer` is passed when the turn has just computed it; a stored question is re-answered (deterministically). */
export function questionCard(services: Services, question: StoredQuestion, communications: string | null = null, answer: Answer = services.questions.answerFor(question)): Card {
  const card = renderCard(
    'answer',
    answerCardData(services.procedure, answer, { questionId: question.id, question: question.text, helpful: question.helpful, communications }),
  );
  // In crisis mode, an answer about the event first says that Communications speaks for it (3.2).
  return withCrisisNotice(card, services.oversight.crisis.current(), question.text, answer.clauses);
}

export function questionRoutes(services: Services): RouteSet {
  return {
    messages: {
      ask: async (cmd, actor, reply) => {
        const limit = services.limits.questions.take(actor.aadId);
        if (!limit.allowed) {
          services.metrics.rateLimited.inc({ what: 'question' });
          // Told once per window: a reply to every refused question would get the bot throttled by Teams.
          if (!limit.notice) return;
          return reply.text(`You're asking faster than I can keep up with. Please wait ${limit.retryAfterSeconds} seconds and ask again; your question is still above.`);
        }
        const outcome = await services.questions.ask({ id: actor.aadId, name: actor.name, conversationId: actor.conversationId }, cmd.question);
        if (!outcome.ok) return reply.text(outcome.message);
        services.metrics.answers.inc({ verdict: outcome.answer.verdict });
        services.log.info({ questionId: outcome.question.id, verdict: outcome.answer.verdict, clauses: outcome.answer.clauses.slice(0, 3), confidence: outcome.answer.confidence }, 'question answered');
        await reply.card(questionCard(services, outcome.question, null, outcome.answer), `${outcome.answer.verdict}: ${outcome.answer.clauses.slice(0, 2).join(', ')}`);
      },
    },
    executes: {
      'question.askCommunications': async (data, actor) => {
        const outcome = await services.questions.askCommunications(typeof data.questionId === 'string' ? data.questionId : '', actor.aadId);
        if (!outcome.ok) return { message: outcome.message };
        services.log.info({ questionId: outcome.question.id, repeated: outcome.repeated }, 'question sent to Communications');
        return { card: questionCard(services, outcome.question, communicationsLine(outcome.question)) };
      },
      'question.answer': async (data, actor) => {
        const id = typeof data.questionId === 'string' ? data.questionId : '';
        const outcome = await services.questions.answerAsCommunications(id, Number(data.version), actor.aadId, data.answer);
        if (outcome.ok) {
          services.log.info({ questionId: id }, 'Communications answered a question');
          return { card: renderCard('question-communications', communicationsCardData(outcome.question)) };
        }
        if (!outcome.question) return { message: outcome.message };
        // Refused: the same card comes back with the reason and whatever was typed.
        const typed = typeof data.answer === 'string' ? data.answer.slice(0, COMMUNICATIONS_ANSWER_MAX) : '';
        return { card: renderCard('question-communications', communicationsCardData(outcome.question, { notice: outcome.message, typed })) };
      },
      'question.helpful': async (data, actor) => {
        const id = typeof data.questionId === 'string' ? data.questionId : '';
        const result = await services.questions.helpful(id, actor.aadId, data.helpful === true);
        if ('refused' in result) return { message: result.refused };
        return { card: questionCard(services, result, communicationsLine(result)) };
      },
    },
  };
}
