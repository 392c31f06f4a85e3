import { renderCard, Card } from '../../cardTemplates';
import { answerCardData } from '../../questions/answerCard';
import type { StoredQuestion } from '../../store/questions';
import type { Answer } from '../../policy/answer';
import { communicationsCardData, communicationsLine } from '../../questions/communicationsCard';
import { COMMUNICATIONS_ANSWER_MAX } from '../../questions/service';
import { withCrisisNotice } from '../../oversight/crisisNotice';
import { asLang, chooseLanguage, type Lang } from '../../i18n/language';
import { fill, strings } from '../../i18n/strings';
import type { Services } from '../../services';
import type { Actor, RouteSet } from '../bot';

/**
 * Questions in Teams: any message that is not a command is a question (in
 * channels and group chats, after an @mention). The answer comes back as a
 * card with the verdict, the quoted clauses and follow-up buttons, in the
 * language of the question (or of the person's Teams client when the text
 * does not settle it).
 */
/** `answer` is passed when the turn has just computed it; a stored question is re-answered (deterministically). */
export function questionCard(services: Services, question: StoredQuestion, lang: Lang, answer: Answer = services.questions.answerFor(question)): Card {
  const card = renderCard(
    'answer',
    answerCardData(
      services.procedure,
      answer,
      { questionId: question.id, question: question.text, helpful: question.helpful, communications: communicationsLine(question, lang) },
      { lang, french: services.french },
    ),
  );
  // In crisis mode, an answer about the event first says that Communications speaks for it (3.2).
  return withCrisisNotice(card, services.oversight.crisis.current(), question.text, answer.clauses);
}

/**
 * The language a stored question's card is redrawn in. The card carries the language it was
 * drawn in, so a redrawn card (after "Helpful") stays in it; a card from before languages
 * existed is given the language of its question as it would be now.
 */
function redrawLanguage(data: Record<string, unknown>, question: StoredQuestion, actor: Actor): Lang {
  return data.lang === 'en' || data.lang === 'fr' ? asLang(data.lang) : chooseLanguage(question.text, actor.locale);
}

export function questionRoutes(services: Services): RouteSet {
  return {
    messages: {
      ask: async (cmd, actor, reply) => {
        const lang = chooseLanguage(cmd.question, actor.locale);
        const limit = services.limits.questions.take(actor.aadId);
        if (!limit.allowed) {
          services.metrics.rateLimited.inc({ what: 'question' });
          // Told once per window: a reply to every refused question would get the bot throttled by Teams.
          if (!limit.notice) return;
          return reply.text(fill(strings(lang).answer.rateLimited, { seconds: limit.retryAfterSeconds }));
        }
        const outcome = await services.questions.ask({ id: actor.aadId, name: actor.name, conversationId: actor.conversationId }, cmd.question);
        if (!outcome.ok) return reply.text(outcome.message);
        services.metrics.answers.inc({ verdict: outcome.answer.verdict });
        services.log.info({ questionId: outcome.question.id, verdict: outcome.answer.verdict, clauses: outcome.answer.clauses.slice(0, 3), confidence: outcome.answer.confidence, lang }, 'question answered');
        await reply.card(questionCard(services, outcome.question, lang, outcome.answer), `${outcome.answer.verdict}: ${outcome.answer.clauses.slice(0, 2).join(', ')}`);
      },
    },
    executes: {
      'question.askCommunications': async (data, actor) => {
        const outcome = await services.questions.askCommunications(typeof data.questionId === 'string' ? data.questionId : '', actor.aadId);
        if (!outcome.ok) return { message: outcome.message };
        services.log.info({ questionId: outcome.question.id, repeated: outcome.repeated }, 'question sent to Communications');
        return { card: questionCard(services, outcome.question, redrawLanguage(data, outcome.question, actor)) };
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
        return { card: questionCard(services, result, redrawLanguage(data, result, actor)) };
      },
    },
  };
}
