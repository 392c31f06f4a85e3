import type { ChildProcess } from 'node:child_process';
import type { TestBot } from '../support/harness';
import { testDatabases } from '../support/databases';
import { ConnectorStandIn } from '../support/connector';
import { freePort } from '../support/browser';
import { runCompiledBot, waitUntilReady } from '../support/compiledBot';
import { openStore } from '../../src/store/db';
import { amara, cardOf, cardPostedTo, cardText, postsTo, press, priya, submitLogoRequest } from './requests-helpers';

/**
 * The compiled bot killed with SIGKILL while a principal approves: after a
 * restart the decision is wholly there or wholly absent, and the written
 * permission goes out exactly once (or not at all). The kill lands at a
 * different moment on each round.
 */
interface ChildBot {
  child: ChildProcess;
  port: number;
}

async function startChild(databaseUrl: string, connector: ConnectorStandIn): Promise<ChildBot> {
  const port = await freePort();
  const bot = runCompiledBot({ PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, DEFAULT_SERVICE_URL: connector.url, OUTBOX_POLL_MS: '50', LOG_LEVEL: 'silent' }, process.cwd());
  await waitUntilReady(bot, port, 20_000);
  return { child: bot.child, port };
}

function asTestBot(bot: ChildBot, connector: ConnectorStandIn, databaseUrl: string): TestBot {
  return {
    url: `http://127.0.0.1:${bot.port}`,
    connector,
    databaseUrl,
    async post(activity: unknown) {
      const res = await fetch(`http://127.0.0.1:${bot.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
  } as unknown as TestBot;
}

const kill = (bot: ChildBot) =>
  new Promise<void>((resolve) => {
    if (bot.child.exitCode !== null || bot.child.signalCode !== null) return resolve();
    bot.child.once('exit', () => resolve());
    bot.child.kill('SIGKILL');
  });

describe.each(testDatabases())('SIGKILL during a decision ($name)', (database) => {
  jest.setTimeout(120_000);
  const connector = new ConnectorStandIn();
  beforeAll(() => connector.start());
  afterAll(async () => {
    await connector.stop();
    await database.cleanup();
  });

  it.each([0, 2, 5, 10, 25])('kill %i ms into the approval: all or nothing, and one written permission at most', async (delayMs) => {
    const databaseUrl = database.fresh();
    connector.clear();
    let bot = await startChild(databaseUrl, connector);
    try {
      const { requestId, res } = await submitLogoRequest(asTestBot(bot, connector, databaseUrl));
      expect(requestId).toBeTruthy();
      const number = /WP-\d{4}-\d{4}/.exec(cardText(res.card))![0];
      const toAmara = cardOf(await cardPostedTo(asTestBot(bot, connector, databaseUrl), amara, new RegExp(number)));

      const approving = press(asTestBot(bot, connector, databaseUrl), amara, toAmara, 'Approve', { comment: 'Fine for the concert.' }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, delayMs));
      await kill(bot);
      await approving;

      bot = await startChild(databaseUrl, connector);
      // Give the restarted outbox time to deliver whatever was committed.
      await new Promise((r) => setTimeout(r, 1500));

      const store = await openStore(databaseUrl);
      let approved: boolean;
      try {
        const row = await store.db.selectFrom('requests').select(['state', 'version']).where('id', '=', requestId).executeTakeFirstOrThrow();
        const approvals = await store.db.selectFrom('request_events').select('id').where('request_id', '=', requestId).where('action', '=', 'approve').execute();
        approved = row.state === 'approved';
        // Wholly there (state, version and one event) or wholly absent.
        expect(approvals).toHaveLength(approved ? 1 : 0);
        expect(row.state).toBe(approved ? 'approved' : 'awaiting-decision');
      } finally {
        await store.close();
      }
      const permissions = () => postsTo(asTestBot(bot, connector, databaseUrl), priya).filter((a) => cardOf(a) && /Written permission/i.test(cardText(cardOf(a))) && cardText(cardOf(a)).includes(number));
      if (approved) await connector.waitFor(() => permissions().length >= 1, 10_000, 'the written permission');
      await new Promise((r) => setTimeout(r, 500));
      expect(permissions()).toHaveLength(approved ? 1 : 0);
    } finally {
      await kill(bot);
    }
  });
});
