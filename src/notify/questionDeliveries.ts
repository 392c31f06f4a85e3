import { renderCard } from '../cardTemplates';
import { answeredCardData, communicationsCardData } from '../questions/communicationsCard';
import type { QuestionRepository } from '../store/questions';
import type { OutboxRow } from '../store/outbox';
import type { Deliver } from './outbox';
import { DeliveryError, type Messenger } from './messenger';

/**
 * Delivers the notifications of clause 4.4: a question to Communications,
 * and their answer to the person who asked. Cards are drawn at delivery from
 * the question as it stands; summaries name no one's words.
 */
export function questionDeliverer(deps: { questions: QuestionRepository; messenger: Messenger }): Deliver {
  return async (row, signal) => {
    const id = row.payload.questionId;
    const question = id ? await deps.questions.get(id) : undefined;
    if (!question) throw new DeliveryError(`question ${id ?? '?'} not found`, undefined, undefined, true);
    switch (row.kind) {
      case 'question-to-communications': {
        const message = { card: renderCard('question-communications', communicationsCardData(question)), summary: `A question for Communications from ${question.askerName}` };
        if (row.target.type === 'channel') await deps.messenger.sendToChannel(row.target.channel.teamId, row.target.channel.channelId, message, { signal });
        else if (row.target.type === 'person') await deps.messenger.sendToPerson(row.target.aadId, message, { signal });
        else throw new DeliveryError('a question goes to a channel or a person', undefined, undefined, true);
        return {};
      }
      case 'question-answer': {
        if (row.target.type !== 'person') throw new DeliveryError('an answer goes to the person who asked', undefined, undefined, true);
        await deps.messenger.sendToPerson(row.target.aadId, { card: renderCard('question-answered', answeredCardData(question)), summary: 'Communications answered your question' }, { signal });
        return {};
      }
      default:
        throw new DeliveryError(`${row.kind} is not a question notification`, undefined, undefined, true);
    }
  };
}
