import type { Config } from './config';
import { createLogger, Log } from './log';
import { openStore, Store } from './store/db';
import { createAdapter } from './teams/adapter';
import { conversationRecorder } from './teams/conversationRecorder';
import { ProcedureBot, mergeRoutes, type BotRoutes } from './teams/bot';
import { TeamsMessenger } from './teams/messenger';
import { createServer, BotServer } from './server';
import { createServices, Services } from './services';
import { welcomeRoutes } from './teams/routes/welcome';
import { questionRoutes } from './teams/routes/questions';
import { checkRoutes } from './teams/routes/checks';
import { requestRoutes } from './teams/routes/requests';
import { oversightRoutes, withOversightCommands } from './teams/routes/oversight';
import { tabRoutes } from './tab';
import { OutboxWorker } from './notify/outbox';
import { requestDeliverer } from './notify/requestDeliveries';
import { questionDeliverer } from './notify/questionDeliveries';
import { tellOthersWhenUnreachable } from './notify/unreachableDeciders';
import { QuestionRepository } from './store/questions';
import { ReminderScheduler } from './requests/reminders';
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
  /** The merged route table, read-only, so tests can enumerate every card verb the bot answers. */
  readonly routes: Readonly<BotRoutes>;
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
      messenger: (conversations) => new TeamsMessenger(adapter, conversations, config, now),
    });
    adapter.use(conversationRecorder(services.conversations, log, now));

    const routes = mergeRoutes([
      welcomeRoutes(services),
      // Crisis and misuse commands arrive as questions; oversight takes them off the front.
      withOversightCommands(services, questionRoutes(services)),
      checkRoutes(services),
      requestRoutes(services),
      oversightRoutes(services),
    ]);
    const bot = new ProcedureBot(routes, services.kv, log, now, {
      take: (personId) => services.limits.turns.take(personId),
      refused: () => services.metrics.rateLimited.inc({ what: 'turn' }),
    });

    let outboxWorker: OutboxWorker | undefined;
    const server: BotServer = createServer({
      adapter,
      bot,
      log,
      requireAuth: Boolean(config.bot.appId),
      ready: () => store.ping(),
      metrics: services.metrics,
      metricsToken: config.metricsToken,
      extend: tabRoutes(services),
    });
    const port = await server.listen(config.port, config.host);
    // At shutdown the server drains turns and the outbox its deliveries side by side, both within the grace period.
    stops.push(async () => {
      const deadline = Date.now() + config.shutdownGraceMs;
      await Promise.all([server.close(config.shutdownGraceMs), outboxWorker?.stop(deadline)]);
    });
    log.info({ port, database: store.dialect, auth: Boolean(config.bot.appId) }, 'bot listening');

    // Background work on requests, driven by the database so it survives restarts and
    // runs safely on several instances. Stopped after the server and before the store.
    const deliverRequest = requestDeliverer({ requests: services.requests.store, directory: services.directory, messenger: services.messenger, now });
    const deliverQuestion = questionDeliverer({ questions: new QuestionRepository(store.db), messenger: services.messenger });
    outboxWorker = new OutboxWorker({
      outbox: services.outbox,
      deliver: (row, signal) => (row.kind.startsWith('question-') ? deliverQuestion(row, signal) : deliverRequest(row, signal)),
      now,
      log,
      pollMs: config.outbox.pollMs,
      maxAttempts: config.outbox.maxAttempts,
      leaseMs: config.outbox.leaseMs,
      concurrency: config.outbox.concurrency,
      onDeadLetter: tellOthersWhenUnreachable(services.requests),
    });
    const worker = outboxWorker;
    services.metrics.watchOutboxThrottle(() => worker.currentWaitMs());
    const reminders = new ReminderScheduler({
      service: services.requests,
      store: services.requests.store,
      now,
      log,
      reminderBusinessDays: config.reminders.reminderBusinessDays,
      escalationBusinessDays: config.reminders.escalationBusinessDays,
      // Reminders are counted in days; a pass every half minute (or 30 polls in tests) is plenty.
      intervalMs: Math.min(30_000, config.outbox.pollMs * 30),
    });
    outboxWorker.start();
    reminders.start();
    stops.push(() => reminders.stop());
    // Crisis mode is loaded before the first turn is answered; account checks and report retries run in the background.
    await services.oversight.start();
    stops.push(() => services.oversight.stop());

    let closing: Promise<void> | undefined;
    return {
      port,
      store,
      log,
      services,
      routes,
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
