import { randomUUID } from 'node:crypto';
import { TENANT_ID, TestUser } from './people';

/**
 * Teams-shaped activities, as the Teams channel sends them: a `29:` user id
 * with the Entra object id beside it, the tenant in channelData, and a
 * serviceUrl (here, the local Bot Connector stand-in).
 */
export const BOT = { id: '28:pr708-bot', name: 'PR.708 Helper' };

export function personalConversationId(user: TestUser): string {
  return `a:personal-${user.aadId}`;
}

function base(user: TestUser, serviceUrl: string, conversation: Record<string, unknown>) {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: `29:${user.aadId}`, aadObjectId: user.aadId, name: user.name },
    recipient: BOT,
    conversation,
    channelData: { tenant: { id: TENANT_ID } },
    locale: 'en-CA',
  };
}

function personal(user: TestUser) {
  return { id: personalConversationId(user), conversationType: 'personal', tenantId: TENANT_ID };
}

export function message(user: TestUser, serviceUrl: string, text: string, extra: Record<string, unknown> = {}) {
  return { ...base(user, serviceUrl, personal(user)), type: 'message', text, textFormat: 'plain', ...extra };
}

export function channelMention(user: TestUser, serviceUrl: string, channelId: string, text: string) {
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...base(user, serviceUrl, { id: `${channelId};messageid=${Date.now()}`, conversationType: 'channel', tenantId: TENANT_ID, isGroup: true }),
    type: 'message',
    text: `${mention} ${text}`,
    entities: [{ type: 'mention', text: mention, mentioned: BOT }],
    channelData: { tenant: { id: TENANT_ID }, channel: { id: channelId }, team: { id: '19:team@thread.tacv2' } },
  };
}

/** Action.Submit arrives as a message whose `value` is the card's data merged with its inputs. */
export function submit(user: TestUser, serviceUrl: string, value: Record<string, unknown>, conversation = personal(user)) {
  return { ...base(user, serviceUrl, conversation), type: 'message', value, replyToId: randomUUID() };
}

/** Action.Execute arrives as an adaptiveCard/action invoke answered in the HTTP response. */
export function execute(user: TestUser, serviceUrl: string, verb: string, data: Record<string, unknown>, conversation = personal(user)) {
  return {
    ...base(user, serviceUrl, conversation),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

export function invoke(user: TestUser, serviceUrl: string, name: string, value: unknown, conversation = personal(user)) {
  return { ...base(user, serviceUrl, conversation), type: 'invoke', name, value };
}

export function installationAdd(user: TestUser, serviceUrl: string, conversation: Record<string, unknown> = personal(user)) {
  return { ...base(user, serviceUrl, conversation), type: 'installationUpdate', action: 'add' };
}

export function botAddedToTeam(user: TestUser, serviceUrl: string, teamConversationId: string) {
  return {
    ...base(user, serviceUrl, { id: teamConversationId, conversationType: 'channel', tenantId: TENANT_ID, isGroup: true }),
    type: 'conversationUpdate',
    membersAdded: [BOT],
    channelData: { tenant: { id: TENANT_ID }, eventType: 'teamMemberAdded', team: { id: teamConversationId } },
  };
}
