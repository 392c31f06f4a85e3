import {
  AdaptiveCardInvokeResponse,
  AdaptiveCardInvokeValue,
  CardFactory,
  MessageFactory,
  MessagingExtensionAction,
  MessagingExtensionActionResponse,
  TeamsActivityHandler,
  TurnContext,
} from 'botbuilder';
import { parseCommand, Command } from '../commands';
import type { Card } from '../cardTemplates';
import type { Log } from '../log';
import type { KeyValueRepository } from '../store/keyValue';
import { waitWords, type RateLimitDecision } from '../rateLimit';

/**
 * What a handler can do within a turn, without touching botbuilder: reply
 * with text or a card. Handlers live beside this file, one per feature.
 */
export interface Reply {
  text(text: string): Promise<void>;
  card(card: Card, summary?: string): Promise<void>;
}

export interface Actor {
  /** Entra object id; every permission check uses it. */
  aadId: string;
  /** The Teams user id (29:…), used for card refresh lists. */
  teamsId: string;
  name: string;
  conversationId: string;
  conversationType: string;
  /**
   * On a card action, the id of the message holding the card (Teams sets
   * replyToId), so a feature can record where a card it answers in place lives
   * and update it later.
   */
  replyToId?: string;
  /** The Teams client's locale (e.g. fr-CA): the answer's language when the text does not settle it. */
  locale?: string;
}

export type MessageHandler<C extends Command['kind']> = (cmd: Extract<Command, { kind: C }>, actor: Actor, reply: Reply) => Promise<void>;
export type SubmitHandler = (data: Record<string, unknown>, actor: Actor, reply: Reply) => Promise<void>;
/** Universal Actions: the handler returns the card that replaces the one clicked, or a message. */
export type ExecuteHandler = (data: Record<string, unknown>, actor: Actor) => Promise<{ card: Card } | { message: string }>;

/**
 * An action-based message extension command ("Check this post"): fetch opens
 * the dialog, submit answers it with another card (or closes it).
 */
export interface DialogRoute {
  title: string;
  fetch(actor: Actor, initialText: string): Promise<Card>;
  submit(actor: Actor, data: Record<string, unknown>): Promise<{ card: Card } | { close: true }>;
}

/**
 * The merged route tables. Every key is outside input (a card's verb, a
 * message extension's command id), so they are Maps: a plain object would
 * answer `constructor`, `toString` or `__proto__` from its prototype and run
 * that as a handler.
 */
export interface BotRoutes {
  welcome(actor: Actor | undefined): Promise<Card>;
  /** Message extension commands by command id (manifest composeExtensions). */
  dialogs: ReadonlyMap<string, DialogRoute>;
  messages: ReadonlyMap<Command['kind'], MessageHandler<Command['kind']>>;
  /** Action.Submit verbs (arrive as a message with `value`). */
  submits: ReadonlyMap<string, SubmitHandler>;
  /** Action.Execute verbs (arrive as an adaptiveCard/action invoke). */
  executes: ReadonlyMap<string, ExecuteHandler>;
}

/** A feature's share of the routes, written as object literals; app.ts merges them, and a verb claimed twice fails start-up. */
export interface RouteSet {
  welcome?: BotRoutes['welcome'];
  dialogs?: Record<string, DialogRoute>;
  messages?: { [C in Command['kind']]?: MessageHandler<C> };
  submits?: Record<string, SubmitHandler>;
  executes?: Record<string, ExecuteHandler>;
}

/** Copies a feature's own keys (Object.entries never yields inherited ones) into a Map, refusing a key claimed twice. */
function mergeInto<V>(target: Map<string, V>, part: Record<string, V> | undefined, what: string): void {
  for (const [key, value] of Object.entries(part ?? {})) {
    if (target.has(key)) throw new Error(`${what} ${key} handled twice`);
    target.set(key, value);
  }
}

export function mergeRoutes(parts: RouteSet[]): BotRoutes {
  let welcome: BotRoutes['welcome'] = async () => {
    throw new Error('no welcome card registered');
  };
  const dialogs = new Map<string, DialogRoute>();
  const messages = new Map<string, MessageHandler<Command['kind']>>();
  const submits = new Map<string, SubmitHandler>();
  const executes = new Map<string, ExecuteHandler>();
  for (const part of parts) {
    if (part.welcome) welcome = part.welcome;
    mergeInto(dialogs, part.dialogs, 'message extension command');
    mergeInto(messages, part.messages as Record<string, MessageHandler<Command['kind']>> | undefined, 'command');
    mergeInto(submits, part.submits, 'card verb');
    mergeInto(executes, part.executes, 'card verb');
  }
  return { welcome, dialogs, messages: messages as BotRoutes['messages'], submits, executes };
}

/** What a verb or command id the bot has no route for is told, on every entry point. */
export const UNKNOWN_ACTION = "I don't know that action: it may be from a card I no longer understand. Type help to start again.";
/** Verbs and command ids are outside input: logged for diagnosis, but never at any length. */
const LOGGED_NAME_MAX = 64;

const WELCOME_WINDOW_MS = 60_000;

/**
 * The per-person limit on every turn a person starts (messages, card buttons,
 * message-extension calls), checked before any route runs. `refused` counts
 * what was turned away.
 */
export interface TurnLimit {
  take(personId: string): RateLimitDecision;
  refused(): void;
}

const tooFast = (limit: RateLimitDecision) =>
  `You're sending me more than I can keep up with. Please wait ${waitWords(limit.retryAfterSeconds)}; nothing you sent in the meantime was acted on.`;

export class ProcedureBot extends TeamsActivityHandler {
  constructor(
    private readonly routes: BotRoutes,
    private readonly kv: KeyValueRepository,
    private readonly log: Log,
    private readonly now: () => Date,
    private readonly turnLimit?: TurnLimit,
  ) {
    super();

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
      if (botAdded) await this.welcomeOnce(context);
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcomeOnce(context);
      await next();
    });
  }

  /**
   * Teams sends both installationUpdate and conversationUpdate when the app
   * is installed; greet once per conversation within a minute.
   */
  private async welcomeOnce(context: TurnContext): Promise<void> {
    const key = `welcomed:${context.activity.conversation.id}`;
    const previous = (await this.kv.read([key])).get(key);
    const at = (previous?.data as { at?: string } | undefined)?.at;
    if (at && this.now().getTime() - Date.parse(at) < WELCOME_WINDOW_MS) return;
    await this.kv.write(key, { at: this.now().toISOString() }, '*', this.now().toISOString());
    await replyFor(context).card(await this.routes.welcome(actorOf(context)), 'Welcome to the PR.708.IT Social Media Helper');
  }

  /** Undefined when the person may go on; otherwise the refusal, already counted. */
  private limited(actor: Actor | undefined): RateLimitDecision | undefined {
    if (!actor || !this.turnLimit) return undefined;
    const limit = this.turnLimit.take(actor.aadId);
    if (limit.allowed) return undefined;
    this.turnLimit.refused();
    return limit;
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const actor = actorOf(context);
    const reply = replyFor(context);
    const limit = this.limited(actor);
    // A flood is told once per window; later refused messages get no reply at all.
    if (limit) return limit.notice ? reply.text(tooFast(limit)) : undefined;
    const value = context.activity.value as Record<string, unknown> | undefined;
    if (value && typeof value === 'object' && typeof value.verb === 'string') {
      const handler = this.routes.submits.get(value.verb);
      if (!handler) {
        this.log.warn({ verb: value.verb.slice(0, LOGGED_NAME_MAX) }, 'unknown card verb');
        await reply.text(UNKNOWN_ACTION);
        return;
      }
      if (!actor) return reply.text("I couldn't tell who you are from this message, so I can't act on it.");
      return handler(value, actor, reply);
    }
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    const command = parseCommand(text);
    if (command.kind === 'help' || command.kind === 'empty') {
      return reply.card(await this.routes.welcome(actor), 'How I can help');
    }
    const handler = this.routes.messages.get(command.kind);
    if (!handler || !actor) return reply.card(await this.routes.welcome(actor), 'How I can help');
    return handler(command as never, actor, reply);
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const verb = invokeValue.action?.verb ?? '';
    const data = (invokeValue.action?.data ?? {}) as Record<string, unknown>;
    const actor = actorOf(context);
    // An invoke must be answered in its response, so every refusal gets the short message.
    const limit = this.limited(actor);
    if (limit) return message(tooFast(limit));
    const handler = this.routes.executes.get(verb);
    if (!handler || !actor) {
      this.log.warn({ verb: String(verb).slice(0, LOGGED_NAME_MAX) }, 'unknown or anonymous card action');
      return message(UNKNOWN_ACTION);
    }
    const result = await handler(data, actor);
    if ('card' in result) return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: result.card };
    return message(result.message);
  }

  protected override async handleTeamsMessagingExtensionFetchTask(context: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    const route = this.routes.dialogs.get(action.commandId ?? '');
    const actor = actorOf(context);
    const limit = this.limited(actor);
    if (limit) return { task: { type: 'message', value: tooFast(limit) } } as MessagingExtensionActionResponse;
    if (!route || !actor) return unknownCommand();
    return dialog(route.title, await route.fetch(actor, messageText(action.messagePayload)));
  }

  protected override async handleTeamsMessagingExtensionSubmitAction(context: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    const route = this.routes.dialogs.get(action.commandId ?? '');
    const actor = actorOf(context);
    const limit = this.limited(actor);
    if (limit) return { task: { type: 'message', value: tooFast(limit) } } as MessagingExtensionActionResponse;
    if (!route || !actor) return unknownCommand();
    const result = await route.submit(actor, (action.data ?? {}) as Record<string, unknown>);
    if ('close' in result) return {};
    return dialog(route.title, result.card);
  }
}

/** Text of the message a "Check this post" was started on: Teams sends it as HTML. */
export function messageText(payload: MessagingExtensionAction['messagePayload']): string {
  const html = payload?.body?.content ?? '';
  if (payload?.body?.contentType !== 'html') return html;
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function dialog(title: string, card: Card): MessagingExtensionActionResponse {
  return { task: { type: 'continue', value: { title, card: CardFactory.adaptiveCard(card), width: 'large', height: 'large' } } };
}

function unknownCommand(): MessagingExtensionActionResponse {
  return { task: { type: 'message', value: UNKNOWN_ACTION } } as MessagingExtensionActionResponse;
}

function message(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text as never };
}

export function actorOf(context: TurnContext): Actor | undefined {
  const a = context.activity;
  if (!a.from?.id) return undefined;
  // Outside Teams (Emulator, some Playground set-ups) there may be no Entra id:
  // fall back to the channel's user id, which matches nobody in the directory,
  // so such a user can ask and check but never decide.
  const aadId = a.from.aadObjectId ?? a.from.id;
  return {
    aadId,
    teamsId: a.from.id,
    name: a.from.name ?? '',
    conversationId: a.conversation.id,
    conversationType: a.conversation.conversationType ?? 'personal',
    ...(a.replyToId ? { replyToId: a.replyToId } : {}),
    ...(a.locale ? { locale: a.locale } : {}),
  };
}

function replyFor(context: TurnContext): Reply {
  return {
    text: async (text) => {
      await context.sendActivity(MessageFactory.text(text));
    },
    card: async (card, summary) => {
      const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
      if (summary) activity.summary = summary;
      await context.sendActivity(activity);
    },
  };
}

