import { Middleware, TurnContext } from 'botbuilder';
import type { ConversationRepository } from '../store/conversations';
import type { Log } from '../log';

/**
 * Saves the conversation reference of every inbound activity, so that the
 * bot can reach people proactively (approval cards, written permission)
 * even after a restart. A failure to save is logged, never fatal to the turn.
 */
export function conversationRecorder(conversations: ConversationRepository, log: Log, now: () => Date): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const a = context.activity;
      if (a.conversation?.id && a.serviceUrl) {
        const reference = TurnContext.getConversationReference(a);
        const type = a.conversation.conversationType ?? 'personal';
        try {
          await conversations.save({
            conversationId: a.conversation.id,
            conversationType: type,
            userAadId: type === 'personal' ? (a.from?.aadObjectId ?? null) : null,
            tenantId: a.conversation.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? null,
            serviceUrl: a.serviceUrl,
            reference,
            updatedAt: now().toISOString(),
          });
        } catch (err) {
          log.warn({ err: err instanceof Error ? err.message : String(err), conversationId: a.conversation.id }, 'could not save conversation reference');
        }
      }
      await next();
    },
  };
}
