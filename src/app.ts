import type { Config } from './config';
import { createLogger, Log } from './log';
import { openStore, Store } from './store/db';
import { createAdapter } from './teams/adapter';
import { conversationRecorder } from './teams/conversationRecorder';
import { ProcedureBot, mergeRoutes } from './teams/bot';
import { TeamsMessenger } from './teams/messenger';
import { createServer, BotServer } from './server';
import { createServices, Services } from './services';
import { welcomeRoutes } from './teams/routes/welcome';
import { questionRoutes } from './teams/routes/questions';
import { checkRoutes } from './teams/routes/checks';
import type { Directory } from './directory';

/**
 * The composition root: configuration → store → services → Teams adapter →
 * server. Tests build the same app on a free port with their own database,
 * so what they exercise is what `npm start` runs.
 */
export interface App {
  port: number;
  store: Store;
  log: Log;
  services: Services;
  close(): Promise<void>;
}

export interface AppOptions {
  log?: Log;
  now?: () => Date;
  directory?: Directory;
}

export async function startApp(config: Config, options: AppOptions = {}): Promise<App> {
  const log = options.log ?? createLogger(config.logLevel);
  const now = options.now ?? (() => new Date());
  const store = await openStore(config.databaseUrl);
  const stops: Array<() => Promise<void>> = [];
  try {
    const adapter = createAdapter(config, log);
    const services = createServices({
      config,
      log,
      now,
      store,
      directory: options.directory,
      messenger: (conversations) => new TeamsMessenger(adapter, conversations, config),
    });
    adapter.use(conversationRecorder(services.conversations, log, now));

    const routes = mergeRoutes([welcomeRoutes(services), questionRoutes(services), checkRoutes(services)]);
    const bot = new ProcedureBot(routes, services.kv, log, now);

    const server: BotServer = createServer({ adapter, bot, log, requireAuth: Boolean(config.bot.appId), ready: () => store.ping(), metrics: services.metrics });
    const port = await server.listen(config.port, config.host);
    stops.push(() => server.close(config.shutdownGraceMs));
    log.info({ port, database: store.dialect, auth: Boolean(config.bot.appId) }, 'bot listening');

    let closing: Promise<void> | undefined;
    return {
      port,
      store,
      log,
      services,
      close: () =>
        (closing ??= (async () => {
          // Stop taking turns first, then background workers, then the database.
          for (const stop of stops) await stop();
          await store.close();
          log.info('bot stopped');
        })()),
    };
  } catch (err) {
    for (const stop of stops) await stop().catch(() => undefined);
    await store.close();
    throw err;
  }
}
