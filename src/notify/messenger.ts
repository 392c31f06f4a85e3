import type { Card } from '../cardTemplates';
import type { Unreachable } from '../requests/unreachableDecider';

/**
 * What the core needs to reach people outside the current turn. The Teams
 * layer implements it with proactive messages; the core never sees botbuilder.
 */
export interface OutboundMessage {
  text?: string;
  card?: Card;
  /** Short text for notifications and screen readers when a card is sent. */
  summary?: string;
}

export interface Delivered {
  conversationId: string;
  activityId: string;
}

/** `signal` aborts the call (shutdown, or the outbox lease running short); each call also has its own timeout. */
export interface CallOptions {
  signal?: AbortSignal;
}

export interface Messenger {
  /** A 1:1 chat with a person, by Entra object id; starts the chat if none is saved. */
  sendToPerson(aadId: string, message: OutboundMessage, options?: CallOptions): Promise<Delivered>;
  /** A chat or channel the bot already knows (a saved conversation reference). */
  sendToConversation(conversationId: string, message: OutboundMessage, options?: CallOptions): Promise<Delivered>;
  /** Replaces a message the bot sent earlier (e.g. every copy of an approval card). */
  update(conversationId: string, activityId: string, message: OutboundMessage, options?: CallOptions): Promise<void>;
  /** Starts a new post in a Teams channel (e.g. Communications' escalations), whether or not the bot has seen it. */
  sendToChannel(teamId: string, channelId: string, message: OutboundMessage, options?: CallOptions): Promise<Delivered>;
  /**
   * The Teams user ids (29:…) of people who have chatted with the bot, by Entra
   * object id, for the user-specific views of a card; people never seen are left out.
   */
  teamsUserIdsOf(aadIds: readonly string[]): Promise<Record<string, string>>;
}

/** The connector refused or failed; `retryAfterMs` is set when it said when to come back (429); `unreachable` when it refused the person for good. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryAfterMs: number | undefined,
    readonly permanent: boolean,
    readonly unreachable?: Unreachable,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
