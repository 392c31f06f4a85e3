import { Activity, CardFactory, CloudAdapter, ConversationParameters, ConversationReference, MessageFactory, TurnContext } from 'botbuilder';
import type { Config } from '../config';
import type { ConversationRepository } from '../store/conversations';
import { CallOptions, Delivered, DeliveryError, Messenger, OutboundMessage } from '../notify/messenger';
import type { Unreachable } from '../requests/unreachableDecider';

/**
 * Proactive messages through the Bot Connector: continue a saved
 * conversation, or create a 1:1 chat with a person by Entra object id (Teams
 * allows this in personal scope once the app is installed for them), or a new
 * post in a channel. Conversations the bot creates are saved like the ones it
 * is spoken to in, so their messages can be updated later.
 *
 * The connector client's own retries are off (src/teams/adapter.ts): the
 * outbox retries with backoff and Retry-After, counts every attempt and keeps
 * the last error visible. Every call here is aborted after
 * CONNECTOR_TIMEOUT_MS, or sooner when the caller's signal says so (shutdown,
 * the outbox lease running short): a hung connector must not hold a row past
 * its lease. So the connector client is called directly with the abort
 * signal rather than through TurnContext.sendActivity, which takes none.
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

  async sendToPerson(aadId: string, message: OutboundMessage, options: CallOptions = {}): Promise<Delivered> {
    const saved = await this.conversations.personalChatOf(aadId);
    if (saved) return this.post(saved.reference as ConversationReference, message, options);
    const { serviceUrl, tenantId } = await this.endpoint();
    const params = {
      isGroup: false,
      bot: this.bot,
      members: [{ id: aadId, name: '' }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    } as unknown as ConversationParameters;
    const created = await this.create(serviceUrl, params, options);
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
    return this.post(reference, message, options);
  }

  async sendToConversation(conversationId: string, message: OutboundMessage, options: CallOptions = {}): Promise<Delivered> {
    const saved = await this.conversations.byConversationId(conversationId);
    if (!saved) throw new DeliveryError(`no saved conversation ${conversationId}`, undefined, undefined, true);
    return this.post(saved.reference as ConversationReference, message, options);
  }

  async sendToChannel(teamId: string, channelId: string, message: OutboundMessage, options: CallOptions = {}): Promise<Delivered> {
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
    const created = await this.create(serviceUrl, params, options);
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

  async update(conversationId: string, activityId: string, message: OutboundMessage, options: CallOptions = {}): Promise<void> {
    const saved = await this.conversations.byConversationId(conversationId);
    let reference = saved?.reference as Partial<ConversationReference> | undefined;
    if (!reference) {
      const { serviceUrl, tenantId } = await this.endpoint();
      reference = { channelId: 'msteams', serviceUrl, bot: this.bot, conversation: { id: conversationId, tenantId, isGroup: false, name: '', conversationType: '' } };
    }
    await this.withConnector(reference, options, async (context, client, abortSignal) => {
      const activity = TurnContext.applyConversationReference(toActivity(message), reference);
      activity.id = activityId;
      await client.conversations.updateActivity(context.activity.conversation.id, activityId, activity as Activity, { abortSignal });
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

  private async post(reference: Partial<ConversationReference>, message: OutboundMessage, options: CallOptions): Promise<Delivered> {
    let delivered: Delivered | undefined;
    await this.withConnector(reference, options, async (context, client, abortSignal) => {
      const conversationId = context.activity.conversation.id;
      const activity = TurnContext.applyConversationReference(toActivity(message), reference);
      const response = await client.conversations.sendToConversation(conversationId, activity as Activity, { abortSignal });
      delivered = { conversationId, activityId: response?.id ?? '' };
    });
    if (!delivered) throw new DeliveryError('the connector did not take the message', undefined, undefined, false);
    return delivered;
  }

  /** Creates a conversation and returns the connector's answer, including the first post's id when it made one. */
  private async create(serviceUrl: string, params: ConversationParameters, options: CallOptions): Promise<{ id: string; activityId?: string }> {
    let created: { id: string; activityId?: string } | undefined;
    // An empty conversation id: the turn exists only to lend us a connector client.
    const reference: Partial<ConversationReference> = { channelId: 'msteams', serviceUrl, bot: this.bot, conversation: { id: '', isGroup: params.isGroup, name: '', conversationType: '' } };
    await this.withConnector(reference, { ...options, creating: true }, async (_context, client, abortSignal) => {
      const result = await client.conversations.createConversation(params, { abortSignal });
      created = { id: result.id ?? '', ...(result.activityId ? { activityId: result.activityId } : {}) };
    });
    if (!created?.id) throw new DeliveryError('the connector did not start a conversation', undefined, undefined, false);
    return created;
  }

  private async withConnector(
    reference: Partial<ConversationReference>,
    options: CallOptions & { creating?: boolean },
    logic: (context: TurnContext, client: ConnectorLike, abortSignal: AbortSignal) => Promise<void>,
  ): Promise<void> {
    const timeout = AbortSignal.timeout(this.config.bot.connectorTimeoutMs);
    const abortSignal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    await guard(abortSignal, options.creating ?? false, async () => {
      // The adapter hands errors in a turn to onTurnError, which would log a failed
      // turn and try to post an apology into this conversation. A proactive send is
      // not a turn anyone waits on: keep the error and give it to the caller (the outbox).
      let failure: unknown;
      await this.adapter.continueConversationAsync(this.appId, reference as ConversationReference, async (context) => {
        try {
          const client = context.turnState.get(context.adapter.ConnectorClientKey) as ConnectorLike | undefined;
          if (!client) throw new DeliveryError('no connector client', undefined, undefined, false);
          await logic(context, client, abortSignal);
        } catch (err) {
          failure = err;
        }
      });
      if (failure !== undefined) throw failure;
    });
  }
}

/** The connector client's operations used here, each taking the abort signal. */
interface ConnectorLike {
  conversations: {
    createConversation(params: ConversationParameters, options: { abortSignal: AbortSignal }): Promise<{ id?: string; activityId?: string }>;
    sendToConversation(conversationId: string, activity: Activity, options: { abortSignal: AbortSignal }): Promise<{ id?: string }>;
    updateActivity(conversationId: string, activityId: string, activity: Activity, options: { abortSignal: AbortSignal }): Promise<unknown>;
  };
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

/**
 * Whether a refusal means Teams will never deliver to this person (or
 * channel) as things stand, and why, from the status and Teams' error code
 * and message (BotNotInConversationRoster, ConversationBlockedByUser,
 * BotDisabledByAdmin, ConversationNotFound, "User not found"…). A 404 that
 * names nothing is read from the call: starting a chat means the person is
 * unknown, posting to a saved chat means the chat is gone.
 */
export function unreachableFrom(status: number | undefined, code: string | undefined, message: string | undefined, creating: boolean): Unreachable | undefined {
  if (status !== 403 && status !== 404) return undefined;
  const said = `${code ?? ''} ${message ?? ''}`.toLowerCase();
  if (/blocked/.test(said)) return 'blocked';
  if (/disabled/.test(said)) return 'disabled-by-admin';
  if (status === 403) return /roster|not installed|notinstalled/.test(said) ? 'not-installed' : 'refused';
  if (/conversationnotfound|conversation not found/.test(said)) return 'conversation-not-found';
  if (/user|member/.test(said)) return 'user-not-found';
  return creating ? 'user-not-found' : 'conversation-not-found';
}

/** Turns connector failures into DeliveryError, keeping 429's Retry-After for the outbox; an aborted call says why. */
async function guard(signal: AbortSignal, creating: boolean, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (err) {
    if (err instanceof DeliveryError) throw err;
    if (signal.aborted) {
      const why = signal.reason instanceof Error && signal.reason.name === 'TimeoutError' ? 'the connector did not answer in time' : 'the call was cut off';
      throw new DeliveryError(why, undefined, undefined, false);
    }
    const e = err as { statusCode?: number; response?: { status?: number; headers?: { get?: (n: string) => string | null | undefined } }; message?: string; code?: string };
    const status = e.statusCode ?? e.response?.status;
    const retryAfter = e.response?.headers?.get?.('retry-after');
    const retryAfterMs = retryAfter ? Math.max(0, Number(retryAfter) * 1000 || Date.parse(retryAfter) - Date.now()) : undefined;
    const permanent = status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
    const what = status !== undefined ? `${status} ${e.message ?? ''}`.trim() : (e.code ?? e.message ?? 'delivery failed');
    throw new DeliveryError(what, status, Number.isFinite(retryAfterMs) ? retryAfterMs : undefined, permanent, unreachableFrom(status, e.code, e.message, creating));
  }
}
