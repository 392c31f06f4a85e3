import { unreachableFrom } from '../../../src/teams/messenger';

/** Which connector refusals mean a person cannot be reached, and why, in Teams' own error codes and messages. */
describe("reading Teams' refusals", () => {
  it.each([
    [403, 'BotNotInConversationRoster', 'The bot is not part of the conversation roster.', true, 'not-installed'],
    [403, 'ForbiddenOperationException', "Bot is not installed in user's personal scope", true, 'not-installed'],
    [403, 'ConversationBlockedByUser', 'User blocked the conversation with the bot.', false, 'blocked'],
    [403, 'BotDisabledByAdmin', 'The tenant admin disabled this bot', false, 'disabled-by-admin'],
    [403, 'Failure', 'stand-in failure 403', false, 'refused'],
    [404, 'ConversationNotFound', 'Conversation not found.', false, 'conversation-not-found'],
    [404, 'NotFound', 'User not found', true, 'user-not-found'],
    [404, undefined, undefined, true, 'user-not-found'],
    [404, undefined, undefined, false, 'conversation-not-found'],
    [500, 'ServiceError', 'Internal error', false, undefined],
    [429, undefined, undefined, false, undefined],
  ])('%i %s, starting a chat: %s → %s', (status, code, message, creating, expected) => {
    expect(unreachableFrom(status, code, message, creating)).toBe(expected);
  });
});
