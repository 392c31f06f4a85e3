import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import type { TestBot } from '../support/harness';
import { ConnectorStandIn, ConnectorCall } from '../support/connector';
import { testDatabases } from '../support/databases';
import { runCompiledBot, waitUntilReady } from '../support/compiledBot';
import { freePort } from '../support/browser';
import { openStore } from '../../src/store/db';
import { OutboxRepository } from '../../src/store/outbox';
import { amara, cardOf, cardPostedTo, cardText, daniel, postsTo, press, priya, startRequestBot, submitLogoRequest, TestClock, twoInstances, A } from './requests-helpers';

/**
 * What a hostile or unlucky day does to notification delivery: a connector
 * call that hangs past the outbox lease, one slow person among many, a reply
 * the connector refuses inside a turn, and SIGTERM while a call hangs.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const numberOf = (card: any): string => /Sent as (WP-\d{4}-\d{4})/.exec(cardText(card))![1]!;
const writtenPermissions = (bot: TestBot, number: string) => postsTo(bot, priya).filter((a) => cardOf(a) && new RegExp(`Written permission ${number}`).test(a.activity.summary ?? ''));
const isWrittenPermission = (c: ConnectorCall) => c.method === 'POST' && /\/activities/.test(c.url) && /^Written permission/.test(c.body.summary ?? '');
const startsChatWith = (aadId: string) => (c: ConnectorCall) => c.method === 'POST' && /^\/v3\/conversations\/?$/.test(c.url) && c.body.members?.[0]?.id === aadId;

async function approveNewRequest(bot: TestBot): Promise<string> {
  const { res } = await submitLogoRequest(bot);
  const number = numberOf(res.card);
  const toAmara = await cardPostedTo(bot, amara, new RegExp(`${number}[\\s\\S]*asks for your decision|asks for your decision[\\s\\S]*${number}`));
  const pressed = await press(bot, amara, cardOf(toAmara), 'Approve', {}, { conversationId: toAmara.conversationId, activityId: toAmara.id });
  expect(pressed.status).toBe(200);
  return number;
}

describe.each(testDatabases())('a connector call hanging past the outbox lease, two instances ($name)', (database) => {
  const clock = new TestClock();
  // A short lease so the test runs in seconds; the connector timeout sits well inside it, as in production (15 s in 120 s).
  const bots = twoInstances(database, { now: clock.now, env: { OUTBOX_POLL_MS: '20', OUTBOX_LEASE_MS: '1500', CONNECTOR_TIMEOUT_MS: '500' } });

  it('the requester receives the written permission exactly once', async () => {
    const { one, two, connector } = bots;
    // The written permission's first post hangs 4 s, well past the 1.5 s lease.
    connector.hangWhen(isWrittenPermission, 4000);
    const number = await approveNewRequest(one);
    await cardPostedTo(one, priya, new RegExp(`Written permission ${number}`), 15_000);
    // Wait until the hung call would have been carried out, had its caller waited.
    await sleep(4500);
    expect(connector.hung).toBe(1);
    expect(writtenPermissions(one, number)).toHaveLength(1);
    const rows = (await one.app.services.outbox.list({ kind: 'written-permission' })).filter((r) => r.state === 'delivered');
    expect(rows).toHaveLength(1);
    // The cut-off call counted as an attempt and was retried; nobody marked it twice.
    const delivered = [...one.logs, ...two.logs].filter((l) => l.msg === 'notification delivered' && l.outboxId === rows[0]!.id);
    expect(delivered).toHaveLength(1);
  });
});

describe('one hung connector call among many', () => {
  const database = testDatabases()[0]!;
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startRequestBot({ databaseUrl: database.fresh(), env: { OUTBOX_POLL_MS: '20' } });
  });
  afterAll(async () => {
    await bot?.close();
    await database.cleanup();
  });

  it("other people's cards arrive while one person's call hangs", async () => {
    bot.connector.hangWhen(startsChatWith(amara.aadId), 10_000);
    const { res } = await submitLogoRequest(bot);
    const number = numberOf(res.card);
    await bot.connector.waitFor(() => bot.connector.hanging === 1, 5000, "the call to Amara hanging");
    await cardPostedTo(bot, daniel, new RegExp(number), 5000);
    // Daniel's card came while Amara's call was still hanging, not after it.
    expect(bot.connector.hanging).toBe(1);
  });

  it('a reply the connector refuses (500) inside a turn: the apology comes at once, not after the SDK retries', async () => {
    const user = { aadId: '0f1e2d3c-0000-4000-8000-00000000dd01', name: 'Robin Retry' };
    const conversationId = A.personalConversationId(user);
    // Every reply fails except the apology, so SDK retries would each fail too and add their waits.
    bot.connector.failWhen((c) => c.method === 'POST' && c.url.includes(encodeURIComponent(conversationId)) && !/Sorry, something went wrong/.test(JSON.stringify(c.body)), { status: 500 }, 10);
    const started = Date.now();
    const res = await bot.post(A.message(user, bot.connector.url, 'hello'));
    const apology = await bot.connector.waitFor(() => bot.connector.sentTo(conversationId).find((a) => /Sorry, something went wrong/.test(a.activity.text ?? '')), 5000, 'the apology');
    bot.connector.clearRules();
    expect(res.status).toBe(200);
    expect(apology.at - started).toBeLessThan(2000);
  });
});

describe('SIGTERM while a connector call hangs (the compiled bot)', () => {
  const database = testDatabases()[0]!;
  const connector = new ConnectorStandIn();
  let cwd: string;
  beforeAll(async () => {
    await connector.start();
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'pr708-sigterm-'));
  });
  afterAll(async () => {
    await connector.stop();
    await database.cleanup();
    fs.rmSync(cwd, { recursive: true, force: true });
  });

  it('ends within the grace period and gives the hung row back; another instance delivers it', async () => {
    const databaseUrl = database.fresh();
    // Decision cards queued (a request submitted) by an instance whose outbox does not poll again for an hour.
    const queuing = await startRequestBot({ databaseUrl, connector, env: { OUTBOX_POLL_MS: '3600000' } });
    const { res } = await submitLogoRequest(queuing);
    const number = numberOf(res.card);
    await queuing.close();

    connector.hangWhen(startsChatWith(amara.aadId), 30_000);
    const port = await freePort();
    const bot = runCompiledBot({ PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, DEFAULT_SERVICE_URL: connector.url, SHUTDOWN_GRACE_MS: '2000', OUTBOX_POLL_MS: '50' }, cwd);
    try {
      // Generous: on a busy shared host the compiled bot's start alone has taken 15 s.
      await waitUntilReady(bot, port, 60_000);
      await connector.waitFor(() => connector.hanging === 1, 20_000, 'the call to Amara hanging');
      const signalled = Date.now();
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
      // The grace period (2 s) and a margin for the process to exit on a busy host.
      expect(Date.now() - signalled).toBeLessThan(2000 + 2500);
      expect(bot.out()).toContain('bot stopped');
    } finally {
      bot.child.kill('SIGKILL');
    }

    const store = await openStore(databaseUrl);
    try {
      const toAmara = (await new OutboxRepository(store.db, store.dialect).list({ kind: 'decision-card' })).find((r) => r.target.type === 'person' && r.target.aadId === amara.aadId)!;
      expect(toAmara).toMatchObject({ state: 'pending', claimedBy: null, claimedUntil: null });
    } finally {
      await store.close();
    }

    const next = await startRequestBot({ databaseUrl, connector, env: { OUTBOX_POLL_MS: '20' } });
    try {
      await cardPostedTo(next, amara, new RegExp(number), 10_000);
    } finally {
      await next.close();
    }
  }, 120_000);
});
