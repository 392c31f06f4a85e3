import { loadConfig } from '../../src/config';
import { startApp, App } from '../../src/app';
import { createLogger } from '../../src/log';
import { ConnectorStandIn } from './connector';
import { cardProblems } from './cardCheck';
import { Writable } from 'node:stream';

/**
 * The Teams-shaped test channel: the real app on a free port, a local Bot
 * Connector stand-in that records what it sends, and helpers to post
 * activities over HTTP exactly as Teams does. Every card the bot sends, in a
 * message or an invoke response, is checked as an Adaptive Card (≤1.5, <28 KB).
 */
export interface TestBot {
  url: string;
  app: App;
  connector: ConnectorStandIn;
  databaseUrl: string;
  /** Log lines the app wrote, as parsed JSON. */
  logs: any[];
  post(activity: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  /** Stops the app (not the connector) and starts a new one on the same database. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface TestBotOptions {
  databaseUrl: string;
  env?: Record<string, string>;
  now?: () => Date;
  connector?: ConnectorStandIn;
}

export async function startTestBot(options: TestBotOptions): Promise<TestBot> {
  const connector = options.connector ?? new ConnectorStandIn();
  if (!connector.url) await connector.start();
  const logs: any[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line));
      cb();
    },
  });
  const boot = () =>
    startApp(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: options.databaseUrl,
        DEFAULT_SERVICE_URL: connector.url,
        OUTBOX_POLL_MS: '50',
        SHUTDOWN_GRACE_MS: '2000',
        LOG_LEVEL: 'debug',
        ...options.env,
      }),
      { log: createLogger('debug', sink), now: options.now },
    );
  let app = await boot();
  const invalidCards: string[] = [];
  /** Strings the test sent that look like template expressions: shown back, they are not template leftovers. */
  const typed = new Set<string>();
  const collectTyped = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.includes('${')) typed.add(v);
    } else if (Array.isArray(v)) v.forEach(collectTyped);
    else if (v && typeof v === 'object') Object.values(v).forEach(collectTyped);
  };
  const checkCards = () => {
    for (const card of connector.cardsIn()) {
      const problems = cardProblems(card, [...typed]);
      if (problems.length) invalidCards.push(problems.join('; '));
    }
  };
  const bot: TestBot = {
    get url() {
      return `http://127.0.0.1:${app.port}`;
    },
    get app() {
      return app;
    },
    connector,
    databaseUrl: options.databaseUrl,
    logs,
    async post(activity, headers = {}) {
      collectTyped(activity);
      const res = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof activity === 'string' ? activity : JSON.stringify(activity),
      });
      const text = await res.text();
      let body: any = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON: keep the text */
      }
      if (body?.type === 'application/vnd.microsoft.card.adaptive') {
        const problems = cardProblems(body.value, [...typed]);
        if (problems.length) invalidCards.push(problems.join('; '));
      }
      return { status: res.status, body };
    },
    async restart() {
      await app.close();
      app = await boot();
    },
    async close() {
      checkCards();
      await app.close();
      if (!options.connector) await connector.stop();
      if (invalidCards.length) throw new Error(`the bot sent invalid cards:\n${invalidCards.join('\n')}`);
    },
  };
  return bot;
}
