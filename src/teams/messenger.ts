import { Activity, CardFactory, CloudAdapter, ConversationParameters, ConversationReference, MessageFactory, TurnContext } from 'botbuilder';
import type { Config } from '../config';
import type { ConversationRepository } from '../store/conversations';
import { Delivered, DeliveryError, Messenger, OutboundMessage } from '../notify/messenger';

/**
 * Proactive messages through the Bot Connector: continue a saved
 * conversation, or create a 1:1 chat with a person by Entra object id (Teams
 * allows this in personal scope once the app is installed for them), or a new
 * post in a channel. Conversations the bot creates are saved like the ones it
 * is spoken to in, so their messages can be updated later.
 *
 * The connector client's own retries are switched off for these calls: the
 * outbox retries with backoff and Retry-After, counts every attempt and keeps
 * the last error visible, and a worker should not sit for a minute inside one
 * call while the SDK retries silently.
 */
export class TeamsMessenger implements Messenger {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly conversations: ConversationRepository,
    private readonly config: Config,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get appId(): string {
    return this.config.bot.appId ?? '';
  }

  private get bot() {
    return { id: this.appId ? `28:${this.appId}` : 'bot', name: 'PR.708 Helper' };
  }

  private async endpoint(): Promise<{ serviceUrl: string; tenantId: string | undefined }> {
    const latest = await this.conversations.latestEndpoint();
    return { serviceUrl: latest?.serviceUrl ?? this.config.bot.defaultServiceUrl, tenantId: latest?.tenantId ?? this.config.bot.tenantId };
  }

  async sendToPerson(aadId: string, message: OutboundMessage): Promise<Delivered> {
    const saved = await this.conversations.personalChatOf(aadId);
    if (saved) return this.post(saved.reference as ConversationReference, message);
    const { serviceUrl, tenantId } = await this.endpoint();
    const params = {
      isGroup: false,
      bot: this.bot,
      members: [{ id: aadId, name: '' }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    } as unknown as ConversationParameters;
    const created = await this.create(serviceUrl, params);
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl,
      bot: this.bot,
      // The 29: id is learnt when the person first writes; until then they are known by Entra id only.
      user: { id: '', name: '', aadObjectId: aadId } as ConversationReference['user'],
      conversation: { id: created.id, conversationType: 'personal', tenantId, isGroup: false, name: '' },
    };
    await this.conversations.save({
      conversationId: created.id,
      conversationType: 'personal',
      userAadId: aadId.toLowerCase(),
      tenantId: tenantId ?? null,
      serviceUrl,
      reference,
      updatedAt: this.now().toISOString(),
    });
    return this.post(reference, message);
  }

  async sendToConversation(conversationId: string, message: OutboundMessage): Promise<Delivered> {
    const saved = await this.conversations.byConversationId(conversationId);
    if (!saved) throw new DeliveryError(`no saved conversation ${conversationId}`, undefined, undefined, true);
    return this.post(saved.reference as ConversationReference, message);
  }

  async sendToChannel(teamId: string, channelId: string, message: OutboundMessage): Promise<Delivered> {
    // A channel the bot has been spoken in tells the right regional service URL.
    const seen = await this.conversations.byConversationId(channelId);
    const fallback = await this.endpoint();
    const serviceUrl = seen?.serviceUrl ?? fallback.serviceUrl;
    const tenantId = seen?.tenantId ?? fallback.tenantId;
    const params = {
      isGroup: true,
      bot: this.bot,
      tenantId,
      channelData: { channel: { id: channelId }, team: { id: teamId }, tenant: { id: tenantId } },
      activity: toActivity(message),
    } as unknown as ConversationParameters;
    const created = await this.create(serviceUrl, params);
    // Teams names a channel post's thread "<channel>;messageid=<id>", and the post's id is that message id.
    const activityId = created.activityId ?? /;messageid=(\d+)/.exec(created.id)?.[1] ?? '';
    await this.conversations.save({
      conversationId: created.id,
      conversationType: 'channel',
      userAadId: null,
      tenantId: tenantId ?? null,
      serviceUrl,
      reference: {
        channelId: 'msteams',
        serviceUrl,
        bot: this.bot,
        conversation: { id: created.id, conversationType: 'channel', tenantId, isGroup: true, name: '' },
      },
      updatedAt: this.now().toISOString(),
    });
    return { conversationId: created.id, activityId };
  }

  async update(conversationId: string, activityId: string, message: OutboundMessage): Promise<void> {
    const saved = await this.conversations.byConversationId(conversationId);
    let reference = saved?.reference as Partial<ConversationReference> | undefined;
    if (!reference) {
      const { serviceUrl, tenantId } = await this.endpoint();
      reference = { channelId: 'msteams', serviceUrl, bot: this.bot, conversation: { id: conversationId, tenantId, isGroup: false, name: '', conversationType: '' } };
    }
    await this.withConnector(reference, async (context) => {
      const activity = toActivity(message);
      activity.id = activityId;
      await context.updateActivity(activity);
    });
  }

  async teamsUserIdsOf(aadIds: readonly string[]): Promise<Record<string, string>> {
    const found: Record<string, string> = {};
    for (const aadId of new Set(aadIds.map((id) => id.toLowerCase()))) {
      const saved = await this.conversations.personalChatOf(aadId);
      const userId = (saved?.reference as Partial<ConversationReference> | undefined)?.user?.id;
      if (userId && userId.startsWith('29:')) found[aadId] = userId;
    }
    return found;
  }

  private async post(reference: Partial<ConversationReference>, message: OutboundMessage): Promise<Delivered> {
    let delivered: Delivered | undefined;
    await this.withConnector(reference, async (context) => {
      const response = await context.sendActivity(toActivity(message));
      delivered = { conversationId: context.activity.conversation.id, activityId: response?.id ?? '' };
    });
    if (!delivered) throw new DeliveryError('the connector did not take the message', undefined, undefined, false);
    return delivered;
  }

  /** Creates a conversation and returns the connector's answer, including the first post's id when it made one. */
  private async create(serviceUrl: string, params: ConversationParameters): Promise<{ id: string; activityId?: string }> {
    let created: { id: string; activityId?: string } | undefined;
    // An empty conversation id: the turn exists only to lend us a connector client.
    const reference: Partial<ConversationReference> = { channelId: 'msteams', serviceUrl, bot: this.bot, conversation: { id: '', isGroup: params.isGroup, name: '', conversationType: '' } };
    await this.withConnector(reference, async (context) => {
      const client = context.turnState.get(context.adapter.ConnectorClientKey) as ConnectorLike | undefined;
      if (!client) throw new DeliveryError('no connector client', undefined, undefined, false);
      const result = await client.conversations.createConversation(params);
      created = { id: result.id ?? '', ...(result.activityId ? { activityId: result.activityId } : {}) };
    });
    if (!created?.id) throw new DeliveryError('the connector did not start a conversation', undefined, undefined, false);
    return created;
  }

  private async withConnector(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await guard(async () => {
      // The adapter hands errors in a turn to onTurnError, which would log a failed
      // turn and try to post an apology into this conversation. A proactive send is
      // not a turn anyone waits on: keep the error and give it to the caller (the outbox).
      let failure: unknown;
      await this.adapter.continueConversationAsync(this.appId, reference as ConversationReference, async (context) => {
        try {
          withoutSdkRetries(context);
          await logic(context);
        } catch (err) {
          failure = err;
        }
      });
      if (failure !== undefined) throw failure;
    });
  }
}

interface ConnectorLike {
  conversations: { createConversation(params: ConversationParameters): Promise<{ id?: string; activityId?: string }> };
  client?: { pipeline?: { removePolicy(options: { phase?: string }): unknown } };
}

function withoutSdkRetries(context: TurnContext): void {
  const client = context.turnState.get(context.adapter.ConnectorClientKey) as ConnectorLike | undefined;
  client?.client?.pipeline?.removePolicy({ phase: 'Retry' });
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
    if (err instanceof DeliveryError) throw err;
    const e = err as { statusCode?: number; response?: { status?: number; headers?: { get?: (n: string) => string | null | undefined } }; message?: string; code?: string };
    const status = e.statusCode ?? e.response?.status;
    const retryAfter = e.response?.headers?.get?.('retry-after');
    const retryAfterMs = retryAfter ? Math.max(0, Number(retryAfter) * 1000 || Date.parse(retryAfter) - Date.now()) : undefined;
    const permanent = status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
    const what = status !== undefined ? `${status} ${e.message ?? ''}`.trim() : (e.code ?? e.message ?? 'delivery failed');
    throw new DeliveryError(what, status, Number.isFinite(retryAfterMs) ? retryAfterMs : undefined, permanent);
  }
}
