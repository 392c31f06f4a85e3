import { Activity, CardFactory, CloudAdapter, ConversationParameters, ConversationReference, MessageFactory, TurnContext } from 'botbuilder';
import type { Config } from '../config';
import type { ConversationRepository } from '../store/conversations';
import { Delivered, DeliveryError, Messenger, OutboundMessage } from '../notify/messenger';

/**
 * Proactive messages through the Bot Connector: continue a saved
 * conversation, or create a 1:1 chat with a person by Entra object id (Teams
 * allows this in personal scope once the app is installed for them).
 */
export class TeamsMessenger implements Messenger {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly conversations: ConversationRepository,
    private readonly config: Config,
  ) {}

  private get appId(): string {
    return this.config.bot.appId ?? '';
  }

  async sendToPerson(aadId: string, message: OutboundMessage): Promise<Delivered> {
    const saved = await this.conversations.personalChatOf(aadId);
    if (saved) return this.continueAndSend(saved.reference as ConversationReference, message);
    const endpoint = await this.conversations.latestEndpoint();
    const serviceUrl = endpoint?.serviceUrl ?? this.config.bot.defaultServiceUrl;
    const tenantId = endpoint?.tenantId ?? this.config.bot.tenantId;
    const params = {
      isGroup: false,
      bot: { id: this.appId ? `28:${this.appId}` : 'bot', name: 'PR.708 Helper' },
      members: [{ id: aadId, name: '' }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    } as unknown as ConversationParameters;
    let delivered: Delivered | undefined;
    await guard(() =>
      this.adapter.createConversationAsync(this.appId, 'msteams', serviceUrl, '', params, async (context) => {
        delivered = await send(context, message);
      }),
    );
    if (!delivered) throw new DeliveryError('the connector did not start a chat', undefined, undefined, false);
    return delivered;
  }

  async sendToConversation(conversationId: string, message: OutboundMessage): Promise<Delivered> {
    const saved = await this.conversations.byConversationId(conversationId);
    if (!saved) throw new DeliveryError(`no saved conversation ${conversationId}`, undefined, undefined, true);
    return this.continueAndSend(saved.reference as ConversationReference, message);
  }

  async update(conversationId: string, activityId: string, message: OutboundMessage): Promise<void> {
    const saved = await this.conversations.byConversationId(conversationId);
    if (!saved) throw new DeliveryError(`no saved conversation ${conversationId}`, undefined, undefined, true);
    await guard(() =>
      this.adapter.continueConversationAsync(this.appId, saved.reference as ConversationReference, async (context) => {
        const activity = toActivity(message);
        activity.id = activityId;
        await context.updateActivity(activity);
      }),
    );
  }

  private async continueAndSend(reference: ConversationReference, message: OutboundMessage): Promise<Delivered> {
    let delivered: Delivered | undefined;
    await guard(() =>
      this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
        delivered = await send(context, message);
      }),
    );
    return delivered!;
  }
}

async function send(context: TurnContext, message: OutboundMessage): Promise<Delivered> {
  const response = await context.sendActivity(toActivity(message));
  return { conversationId: context.activity.conversation.id, activityId: response?.id ?? '' };
}

export function toActivity(message: OutboundMessage): Partial<Activity> {
  if (message.card) {
    const activity = MessageFactory.attachment(CardFactory.adaptiveCard(message.card));
    if (message.summary) activity.summary = message.summary;
    if (message.text) activity.text = message.text;
    return activity;
  }
  return MessageFactory.text(message.text ?? '');
}

/** Turns connector failures into DeliveryError, keeping 429's Retry-After for the outbox. */
async function guard(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (err) {
    const e = err as { statusCode?: number; response?: { headers?: { get?: (n: string) => string | null | undefined } }; message?: string };
    const status = e.statusCode;
    const retryAfter = e.response?.headers?.get?.('retry-after');
    const retryAfterMs = retryAfter ? Math.max(0, Number(retryAfter) * 1000 || Date.parse(retryAfter) - Date.now()) : undefined;
    const permanent = status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
    throw new DeliveryError(e.message ?? 'delivery failed', status, Number.isFinite(retryAfterMs) ? retryAfterMs : undefined, permanent);
  }
}
