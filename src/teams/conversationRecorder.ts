import { Middleware, TurnContext } from 'botbuilder';
import type { ConversationRepository } from '../store/conversations';
import type { Log } from '../log';
import { rememberBounded } from '../bounded';

/** How long a saved reference is trusted before the same one is written again (keeps updated_at fresh). */
const RESAVE_AFTER_MS = 10 * 60_000;
/** Conversations remembered per instance; beyond it the oldest is forgotten (and simply saved again next time). */
const REMEMBERED = 20_000;

/**
 * Saves the conversation reference of every inbound activity, so that the
 * bot can reach people proactively (approval cards, written permission)
 * even after a restart. A failure to save is logged, never fatal to the turn.
 *
 * The reference is kept without the inbound message's id: it is an address
 * for reaching the conversation later (botbuilder gives each proactive turn
 * its own id), and without it consecutive activities' addresses compare equal.
 *
 * Most activities in a conversation carry the same address, so the instance
 * remembers what it last saved for each conversation and skips rewriting an
 * identical reference for ten minutes: the stored row always holds the
 * latest address this instance has seen, and a quiet person's personal chat
 * is not rewritten on every message of a busy morning. (With several
 * instances, another one may have written a different address in between;
 * both are addresses Teams has just used, and the row is rewritten within
 * ten minutes.)
 */
export function conversationRecorder(conversations: ConversationRepository, log: Log, now: () => Date): Middleware {
  const saved = new Map<string, { json: string; at: number }>();
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const a = context.activity;
      if (a.conversation?.id && a.serviceUrl) {
        const { activityId: _lastMessage, ...reference } = TurnContext.getConversationReference(a);
        const type = a.conversation.conversationType ?? 'personal';
        const row = {
          conversationId: a.conversation.id,
          conversationType: type,
          userAadId: type === 'personal' ? (a.from?.aadObjectId ?? null) : null,
          tenantId: a.conversation.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? null,
          serviceUrl: a.serviceUrl,
          reference,
        };
        const json = JSON.stringify(row);
        const at = now().getTime();
        const last = saved.get(row.conversationId);
        if (!last || last.json !== json || at - last.at >= RESAVE_AFTER_MS) {
          try {
            await conversations.save({ ...row, updatedAt: new Date(at).toISOString() });
            rememberBounded(saved, row.conversationId, { json, at }, REMEMBERED);
          } catch (err) {
            saved.delete(row.conversationId);
            log.warn({ err: err instanceof Error ? err.message : String(err), conversationId: a.conversation.id }, 'could not save conversation reference');
          }
        }
      }
      await next();
    },
  };
}
