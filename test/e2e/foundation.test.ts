import { startTestBot, TestBot } from '../support/harness';
import { testDatabases } from '../support/databases';
import * as A from '../support/activities';
import { cardText, cardActions } from '../support/cardCheck';
import { stranger, TestUser } from '../support/people';
import { ConnectorStandIn } from '../support/connector';
import { openStore } from '../../src/store/db';
import { TestClock } from './requests-helpers';

const teacher: TestUser = { aadId: '0f1e2d3c-0000-4000-8000-00000000aa01', name: 'Jordan Teacher' };

describe.each(testDatabases())('the bot over HTTP ($name)', (database) => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ databaseUrl: database.fresh() });
  });
  afterAll(async () => {
    await bot?.close();
    await database.cleanup();
  });
  beforeEach(() => bot.connector.clear());

  it('answers hello with the welcome card in the same chat', async () => {
    const activity = A.message(teacher, bot.connector.url, 'hello');
    const res = await bot.post(activity);
    expect(res.status).toBe(200);
    const sent = await bot.connector.waitFor(() => bot.connector.sentTo(A.personalConversationId(teacher))[0]);
    expect(sent.targetId).toBe(activity.id); // a reply to the message, as Teams threads it
    const card = sent.activity.attachments[0].content;
    expect(cardText(card)).toContain('PR.708.IT Social Media Helper');
    expect(cardText(card)).toMatch(/Paste a draft post/);
    expect(cardActions(card).map((a) => a.title)).toEqual(expect.arrayContaining(['Check a post', 'Request permission', 'My requests']));
  });

  it('welcomes once on install even though Teams sends two events', async () => {
    await bot.post(A.installationAdd(stranger, bot.connector.url));
    await bot.post(A.installationAdd(stranger, bot.connector.url));
    await bot.connector.waitFor(() => bot.connector.sentTo(A.personalConversationId(stranger))[0]);
    await new Promise((r) => setTimeout(r, 200));
    expect(bot.connector.sentTo(A.personalConversationId(stranger))).toHaveLength(1);
  });

  it('welcomes a team when added to it', async () => {
    await bot.post(A.botAddedToTeam(teacher, bot.connector.url, '19:staffroom@thread.tacv2'));
    const sent = await bot.connector.waitFor(() => bot.connector.sentTo('19:staffroom@thread.tacv2')[0]);
    expect(cardText(sent.activity.attachments[0].content)).toContain('PR.708.IT Social Media Helper');
  });

  it('answers help after an @mention in a channel', async () => {
    const activity = A.channelMention(teacher, bot.connector.url, '19:general@thread.tacv2', 'help');
    await bot.post(activity);
    const sent = await bot.connector.waitFor(() => bot.connector.sentTo(activity.conversation.id as string)[0]);
    expect(cardText(sent.activity.attachments[0].content)).toContain('PR.708.IT Social Media Helper');
  });

  it('refuses a malformed activity with a 400 that says what is wrong, and keeps serving', async () => {
    const noConversation = { ...A.message(teacher, bot.connector.url, 'hi'), conversation: undefined };
    const res = await bot.post(noConversation);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/conversation/);
    const notJson = await bot.post('{"type": "message", ');
    expect(notJson.status).toBe(400);
    expect((await bot.post(A.message(teacher, bot.connector.url, 'hi'))).status).toBe(200);
  });

  it('answers a question with NUL characters pasted in, on every store, and keeps it without them', async () => {
    // PostgreSQL refuses NUL in text; SQLite takes it. The same paste must work on both.
    const res = await bot.post(A.message(teacher, bot.connector.url, 'can I accept a friend\u0000 request from a student\u0000?'));
    expect(res.status).toBe(200);
    const sent = await bot.connector.waitFor(() => bot.connector.sentTo(A.personalConversationId(teacher))[0]);
    const text = cardText(sent.activity.attachments[0].content);
    expect(text).toContain('You asked: can I accept a friend request from a student?');
    expect(text).not.toMatch(/something went wrong/i);
  });

  it('apologises with a reference when a turn fails, logs it, and stays up', async () => {
    // 403 is not retried by the connector client, so the reply really fails.
    bot.connector.failNext({ status: 403 });
    const res = await bot.post(A.message(teacher, bot.connector.url, 'help'));
    expect(res.status).toBe(200);
    const apology = await bot.connector.waitFor(() => bot.connector.sentTo(A.personalConversationId(teacher)).find((a) => /something went wrong/.test(a.activity.text ?? '')));
    const reference = /reference to support: (\w+)/.exec(apology.activity.text)![1];
    expect(bot.logs.some((l) => l.msg === 'turn failed' && l.correlationId === reference)).toBe(true);
    const health = await fetch(`${bot.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('reports liveness and readiness', async () => {
    expect(await (await fetch(`${bot.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${bot.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ database: 'reachable' });
  });

  it('reaches a person proactively after a restart, through the saved conversation', async () => {
    await bot.post(A.message(teacher, bot.connector.url, 'hi'));
    await bot.connector.waitFor(() => bot.connector.sentTo(A.personalConversationId(teacher))[0]);
    await bot.restart();
    bot.connector.clear();
    await bot.app.services.messenger.sendToPerson(teacher.aadId, { text: 'Your logo request was approved.' });
    const sent = await bot.connector.waitFor(() => bot.connector.sentTo(A.personalConversationId(teacher))[0]);
    expect(sent.activity.text).toBe('Your logo request was approved.');
    expect(bot.connector.conversations).toHaveLength(0);
  });

  it('sends each reply to the service URL its own activity came from, and reaches people at the newest one', async () => {
    // The adapter keeps one connector client per service URL; a client kept under the wrong
    // key would send a reply to another region's connector.
    const other = new ConnectorStandIn();
    await other.start();
    try {
      const id = A.personalConversationId(teacher);
      for (const [connector, elsewhere, text] of [[bot.connector, other, 'hello'], [other, bot.connector, 'help'], [bot.connector, other, 'hi']] as const) {
        connector.clear();
        elsewhere.clear();
        await bot.post(A.message(teacher, connector.url, text));
        await connector.waitFor(() => connector.sentTo(id)[0]);
        expect(connector.sentTo(id)).toHaveLength(1);
        expect(elsewhere.sentTo(id)).toHaveLength(0);
      }

      // The saved address follows the newest service URL at once, even within the minutes
      // in which an unchanged address is not rewritten.
      await bot.post(A.message(teacher, other.url, 'help'));
      await other.waitFor(() => other.sentTo(id)[0]);
      other.clear();
      bot.connector.clear();
      await bot.app.services.messenger.sendToPerson(teacher.aadId, { text: 'Your request was approved.' });
      expect((await other.waitFor(() => other.sentTo(id)[0])).activity.text).toBe('Your request was approved.');
      expect(bot.connector.sentTo(id)).toHaveLength(0);
    } finally {
      await other.stop();
      // Leave the newest address on the connector the other tests use.
      await bot.post(A.message(teacher, bot.connector.url, 'hi'));
    }
  });

  it('starts a 1:1 chat with someone who never wrote, by Entra object id', async () => {
    const principal = { aadId: '0f1e2d3c-0000-4000-8000-00000000bb02', name: 'Pat Principal' };
    await bot.app.services.messenger.sendToPerson(principal.aadId, { text: 'A request awaits your decision.' });
    const created = await bot.connector.waitFor(() => bot.connector.conversations[0]);
    expect(created.params.members).toEqual([expect.objectContaining({ id: principal.aadId })]);
    expect(created.params.tenantId).toBe('11111111-2222-3333-4444-555555555555');
    const sent = await bot.connector.waitFor(() => bot.connector.sentTo(created.id)[0]);
    expect(sent.activity.text).toBe('A request awaits your decision.');
  });

  it('drains a turn in flight before closing', async () => {
    const local = await startTestBot({ databaseUrl: database.fresh() });
    try {
      local.connector.setDelay(400);
      const pending = local.post(A.message(teacher, local.connector.url, 'help'));
      await new Promise((r) => setTimeout(r, 100));
      const closing = local.app.close();
      const res = await pending;
      await closing;
      expect(res.status).toBe(200);
      expect(local.connector.sentTo(A.personalConversationId(teacher))).toHaveLength(1);
    } finally {
      local.connector.setDelay(0);
      await local.close();
    }
  });
});

describe('with an app id configured', () => {
  const appId = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
  const database = testDatabases()[0]!;
  let bot: TestBot;
  beforeAll(async () => {
    const { ConnectorStandIn } = await import('../support/connector');
    const connector = new ConnectorStandIn();
    await connector.start();
    bot = await startTestBot({
      databaseUrl: database.fresh(),
      connector,
      env: {
        MICROSOFT_APP_ID: appId,
        MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
        BOT_OPENID_METADATA_URL: connector.openIdMetadataUrl,
        // Nothing listens there: the Emulator's keys cannot be fetched.
        BOT_EMULATOR_OPENID_METADATA_URL: 'http://127.0.0.1:9/.well-known/openid-configuration',
      },
    });
  });
  afterAll(async () => {
    await bot?.close();
    await bot?.connector.stop();
    await database.cleanup();
  });

  const event = () => ({ ...A.message(teacher, bot.connector.url, ''), type: 'event', name: 'ping', text: undefined });

  it('answers 401 to a request without a token, and the bot never sees it', async () => {
    const res = await bot.post(A.message(teacher, bot.connector.url, 'hello'));
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(bot.connector.activities).toHaveLength(0);
  });

  it('answers 401 to a token signed by someone else, an expired one, or one for another bot', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const forger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    for (const token of [
      bot.connector.signToken(appId, { key: forger }),
      bot.connector.signToken(appId, { expiresInSeconds: -600 }),
      bot.connector.signToken('00000000-0000-4000-8000-000000000000'),
      'not.a.token',
    ]) {
      const res = await bot.post(A.message(teacher, bot.connector.url, 'hello'), { authorization: `Bearer ${token}` });
      expect(res.status).toBe(401);
    }
    expect(bot.connector.activities).toHaveLength(0);
  });

  it('answers 401, not 500, to an Emulator token whose keys cannot be fetched, and to a token without an expiry', async () => {
    const emulator = bot.connector.signToken(appId, {
      issuer: 'https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0',
      claims: { ver: '2.0', azp: appId },
    });
    const forever = bot.connector.signToken(appId, { expiresInSeconds: null });
    for (const [what, token] of [['Emulator', emulator], ['no exp', forever]] as const) {
      const res = await bot.post(event(), { authorization: `Bearer ${token}` });
      expect({ what, status: res.status }).toEqual({ what, status: 401 });
    }
    expect(bot.connector.activities).toHaveLength(0);
    // The server stays up and still lets a good token through.
    expect((await bot.post(event(), { authorization: `Bearer ${bot.connector.signToken(appId)}` })).status).toBe(200);
  });

  it('accepts a token up to five minutes past its expiry, as botframework-connector allows for clock skew, and not after', async () => {
    expect((await bot.post(event(), { authorization: `Bearer ${bot.connector.signToken(appId, { expiresInSeconds: -240 })}` })).status).toBe(200);
    expect((await bot.post(event(), { authorization: `Bearer ${bot.connector.signToken(appId, { expiresInSeconds: -360 })}` })).status).toBe(401);
  });

  it('lets a correctly signed request through to the bot', async () => {
    const res = await bot.post(event(), { authorization: `Bearer ${bot.connector.signToken(appId)}` });
    expect(res.status).toBe(200);
  });
});

describe.each(testDatabases())('saved conversation addresses ($name)', (database) => {
  let bot: TestBot;
  const clock = new TestClock('2026-11-02T14:00:00.000Z');
  beforeAll(async () => {
    bot = await startTestBot({ databaseUrl: database.fresh(), now: clock.now });
  });
  afterAll(async () => {
    await bot?.close();
    await database.cleanup();
  });

  const savedAt = async () => {
    const store = await openStore(bot.databaseUrl);
    try {
      const row = await store.db.selectFrom('conversation_refs').select(['updated_at', 'reference']).where('conversation_id', '=', A.personalConversationId(teacher)).executeTakeFirstOrThrow();
      return { at: row.updated_at, reference: JSON.parse(row.reference) as Record<string, unknown> };
    } finally {
      await store.close();
    }
  };

  it('rewrites an unchanged address at most every ten minutes, without the message id', async () => {
    await bot.post(A.message(teacher, bot.connector.url, 'hello'));
    const first = await savedAt();
    expect(first.reference.activityId).toBeUndefined();
    expect(first.reference.serviceUrl).toBe(bot.connector.url);
    clock.advanceMinutes(9);
    await bot.post(A.message(teacher, bot.connector.url, 'help'));
    expect((await savedAt()).at).toBe(first.at);
    clock.advanceMinutes(2);
    await bot.post(A.message(teacher, bot.connector.url, 'help'));
    expect(Date.parse((await savedAt()).at) - Date.parse(first.at)).toBeGreaterThanOrEqual(11 * 60_000);
  });
});
