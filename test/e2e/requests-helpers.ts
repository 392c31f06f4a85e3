import { startTestBot, TestBot, TestBotOptions } from '../support/harness';
import * as A from '../support/activities';
import { cardActions, cardText } from '../support/cardCheck';
import { TENANT_ID, TestUser } from '../support/people';
import { ConnectorStandIn, type RecordedActivity } from '../support/connector';
import type { TestDatabase } from '../support/databases';

/**
 * Helpers for the permission-request suites: people from the sample
 * directory (src/directory/sample-directory.yaml), a clock tests can move,
 * and the steps a person takes in Teams, over the test channel.
 */
const person = (aadId: string, name: string): TestUser => ({ aadId, name });
export const priya = person('115fb56c-fe90-48db-baa4-3406e3066acd', 'Priya Nair'); // teacher, Maple Grove
export const liam = person('bba2d787-4870-4044-ab64-6d9c9e01652f', "Liam O'Connor"); // teacher, Maple Grove
export const amara = person('5c38ba53-d5ac-4f23-a381-cb3d6b1aea7b', 'Amara Okafor'); // principal, Maple Grove
export const daniel = person('1cafce34-9b2a-4db0-8216-006d0faf534e', 'Daniel Tremblay'); // designate, Maple Grove
export const claire = person('fcb4ca7c-72ee-4df5-9f4e-e231fc19fff5', 'Claire Donovan'); // Communications
export const andre = person('0de2d0d8-6523-4e3b-a31f-f00741094659', 'André Pelletier'); // Communications
export const emily = person('975d4220-3d8e-43a4-8205-6aacfe8b0e57', 'Emily Sanderson'); // teacher, Riverside
export const COMMS_CHANNEL = '19:comms-social-media-requests@thread.tacv2';

/** Wall time shifted to a chosen moment; moving it moves the bot's clock, which still ticks. */
export class TestClock {
  private offset = 0;
  constructor(startIso = '2026-03-02T15:00:00.000Z') {
    this.set(startIso);
  }
  readonly now = (): Date => new Date(Date.now() + this.offset);
  set(iso: string): void {
    this.offset = Date.parse(iso) - Date.now();
  }
  advanceDays(days: number): void {
    this.offset += days * 24 * 60 * 60 * 1000;
  }
  advanceMinutes(minutes: number): void {
    this.offset += minutes * 60 * 1000;
  }
}

export async function startRequestBot(options: TestBotOptions): Promise<TestBot> {
  return startTestBot({ ...options, env: { REMINDER_BUSINESS_DAYS: '2', ESCALATION_BUSINESS_DAYS: '5', ...options.env } });
}

/** Two instances of the bot on one database and one connector, for the suite: started before its tests, stopped after. */
export function twoInstances(database: TestDatabase, options: { now: () => Date; env: Record<string, string> }): { one: TestBot; two: TestBot; connector: ConnectorStandIn } {
  const pair = { one: undefined as unknown as TestBot, two: undefined as unknown as TestBot, connector: new ConnectorStandIn() };
  beforeAll(async () => {
    await pair.connector.start();
    const databaseUrl = database.fresh();
    pair.one = await startRequestBot({ databaseUrl, connector: pair.connector, ...options });
    pair.two = await startRequestBot({ databaseUrl, connector: pair.connector, ...options });
  });
  afterAll(async () => {
    await pair.one?.close();
    await pair.two?.close();
    await pair.connector.stop();
    await database.cleanup();
  });
  return pair;
}

/** Every conversation the bot holds with this person: their own 1:1 and any it started. */
export function chatsOf(bot: TestBot, user: TestUser): string[] {
  return [A.personalConversationId(user), ...bot.connector.conversations.filter((c) => c.params.members?.[0]?.id === user.aadId).map((c) => c.id)];
}

export function cardOf(a: RecordedActivity): any {
  return a.activity.attachments?.[0]?.content;
}

export function postsTo(bot: TestBot, user: TestUser): RecordedActivity[] {
  const chats = chatsOf(bot, user);
  return bot.connector.activities.filter((a) => a.method === 'POST' && chats.includes(a.conversationId));
}

export function putsTo(bot: TestBot, conversationId: string, activityId?: string): RecordedActivity[] {
  return bot.connector.activities.filter((a) => a.method === 'PUT' && a.conversationId === conversationId && (activityId === undefined || a.targetId === activityId));
}

/** Waits for a card posted to this person whose text matches. */
export function cardPostedTo(bot: TestBot, user: TestUser, text: RegExp, timeoutMs = 10_000): Promise<RecordedActivity> {
  return bot.connector.waitFor(() => postsTo(bot, user).find((a) => cardOf(a) && text.test(cardText(cardOf(a)))), timeoutMs, `a card matching ${text} for ${user.name}`);
}

export interface CardAt {
  conversationId: string;
  activityId: string;
  /** Where the card is: a 1:1 chat unless said otherwise. */
  conversationType?: 'personal' | 'channel';
}

export function conversationOf(conversationId: string, conversationType: 'personal' | 'channel' = 'personal') {
  return { id: conversationId, conversationType, tenantId: TENANT_ID, ...(conversationType === 'channel' ? { isGroup: true } : {}) };
}

export const logoValues = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  logo: 'school',
  unitId: 'maple-grove',
  where: 'Instagram @maplegroveps and the concert poster',
  purpose: 'SECRET-PURPOSE-TEXT: announce the spring concert',
  startDate: '2026-03-10',
  endDate: '',
  mockupUrl: 'https://drive.example/mockup.png',
  ...over,
});

/** Types "request logo" and returns the form card and the id of the message holding it. */
export async function openForm(bot: TestBot, user: TestUser, words = 'request logo'): Promise<{ card: any; activityId: string }> {
  const before = bot.connector.sentTo(A.personalConversationId(user)).length;
  await bot.post(A.message(user, bot.connector.url, words));
  // Background deliveries (updates of earlier requests' copies) share this chat:
  // wait for the reply that is the form, not whatever lands next.
  const sent = await bot.connector.waitFor(
    () => bot.connector.sentTo(A.personalConversationId(user)).slice(before).find((a) => a.method === 'POST' && cardActions(cardOf(a) ?? {}).some((x) => x.title === 'Submit')),
    10_000,
    'the form',
  );
  return { card: cardOf(sent), activityId: sent.id };
}

/** Presses an Action.Execute button on a card, as Teams sends it (inputs merged into the data). */
export async function press(bot: TestBot, user: TestUser, card: any, title: string, inputs: Record<string, unknown> = {}, at?: CardAt): Promise<{ status: number; card?: any; message?: string; body: any }> {
  const action = cardActions(card).find((a) => a.title === title);
  if (!action) throw new Error(`no "${title}" button on the card; buttons: ${cardActions(card).map((a) => a.title).join(', ')}`);
  return execute(bot, user, action.verb!, { ...(action.data ?? {}), ...inputs }, at);
}

export async function execute(bot: TestBot, user: TestUser, verb: string, data: Record<string, unknown>, at?: CardAt) {
  const activity = {
    ...A.execute(user, bot.connector.url, verb, data, at ? conversationOf(at.conversationId, at.conversationType) : undefined),
    ...(at ? { replyToId: at.activityId } : {}),
  };
  const res = await bot.post(activity);
  const body = res.body;
  return {
    status: res.status,
    body,
    card: body?.type === 'application/vnd.microsoft.card.adaptive' ? body.value : undefined,
    message: body?.type === 'application/vnd.microsoft.activity.message' ? body.value : undefined,
  };
}

/** Submits a logo request from its form; returns the in-place answer and the request id. */
export async function submitLogoRequest(bot: TestBot, user: TestUser = priya, over: Record<string, unknown> = {}) {
  const form = await openForm(bot, user);
  const res = await press(bot, user, form.card, 'Submit', logoValues(over), { conversationId: A.personalConversationId(user), activityId: form.activityId });
  const requestId = res.card ? cardActions(res.card).find((a) => a.data?.requestId)?.data.requestId ?? (res.card.refresh?.action?.data?.requestId as string) : undefined;
  return { form, res, requestId: requestId as string };
}

/** The buttons a person sees (the refresh action is not one). */
export function buttons(card: any): string[] {
  return cardActions(card).filter((a) => a.verb !== 'request.refresh').map((a) => a.title);
}

export { cardText, cardActions, A };
