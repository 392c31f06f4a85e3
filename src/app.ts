import type { Config } from './config';
import { createLogger, Log } from './log';
import { openStore, Store } from './store/db';
import { ConversationRepository } from './store/conversations';
import { KeyValueRepository } from './store/keyValue';
import { createAdapter } from './teams/adapter';
import { conversationRecorder } from './teams/conversationRecorder';
import { ProcedureBot, BotRoutes } from './teams/bot';
import { TeamsMessenger } from './teams/messenger';
import { createServer, BotServer } from './server';
import { renderCard } from './cardTemplates';

/**
 * The composition root: configuration → store → services → Teams adapter →
 * server. Tests build the same app on a free port with their own database,
 * so what they exercise is what `npm start` runs.
 */
export interface App {
  port: number;
  store: Store;
  log: Log;
  messenger: TeamsMessenger;
  close(): Promise<void>;
}

export interface AppOptions {
  log?: Log;
  now?: () => Date;
}

export async function startApp(config: Config, options: AppOptions = {}): Promise<App> {
  const log = options.log ?? createLogger(config.logLevel);
  const now = options.now ?? (() => new Date());
  const store = await openStore(config.databaseUrl);
  const conversations = new ConversationRepository(store.db);
  const kv = new KeyValueRepository(store.db);

  const adapter = createAdapter(config, log);
  adapter.use(conversationRecorder(conversations, log, now));
  const messenger = new TeamsMessenger(adapter, conversations, config);

  const routes: BotRoutes = {
    welcome: async () =>
      renderCard('welcome', {
        greeting: 'I help you follow the district procedure on social media use by employees.',
        crisis: null,
        examples: ['A student sent me a friend request, can I accept?', 'Can I use the school logo on our team Instagram?'],
        procedureNumber: 'PR.708.IT',
        procedureIssued: '25 June 2024',
      }),
    messages: {},
    submits: {},
    executes: {},
  };
  const bot = new ProcedureBot(routes, kv, log, now);

  const server: BotServer = createServer({ adapter, bot, log, requireAuth: Boolean(config.bot.appId), ready: () => store.ping() });
  let port: number;
  try {
    port = await server.listen(config.port, config.host);
  } catch (err) {
    await store.close();
    throw err;
  }
  log.info({ port, database: store.dialect, auth: Boolean(config.bot.appId) }, 'bot listening');

  let closing: Promise<void> | undefined;
  return {
    port,
    store,
    log,
    messenger,
    close: () =>
      (closing ??= (async () => {
        await server.close(config.shutdownGraceMs);
        await store.close();
        log.info('bot stopped');
      })()),
  };
}
