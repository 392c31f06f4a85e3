import type { Config } from './config';
import type { Log } from './log';
import type { Store } from './store/db';
import { ConversationRepository } from './store/conversations';
import { KeyValueRepository } from './store/keyValue';
import { ProfileRepository } from './store/profiles';
import { loadDirectory, Directory } from './directory';
import type { Messenger } from './notify/messenger';
import { loadProcedure, Procedure } from './policy/procedure';
import { loadKnowledge } from './policy/knowledge';
import { frenchAnswers, type FrenchAnswers } from './i18n/answers';
import { createAnswerer, Answerer } from './policy/answer';
import { QuestionRepository } from './store/questions';
import { QuestionService } from './questions/service';
import { RateLimiter } from './rateLimit';
import { createMetrics, Metrics } from './metrics';
import { RequestRepository } from './store/requests';
import { OutboxRepository } from './store/outbox';
import { RequestService } from './requests/service';
import { Oversight } from './oversight';

/**
 * Everything a feature needs, built once at start-up and passed down. The
 * core services here know nothing of botbuilder; the Teams layer adapts them.
 */
export interface Services {
  config: Config;
  log: Log;
  now: () => Date;
  store: Store;
  directory: Directory;
  conversations: ConversationRepository;
  kv: KeyValueRepository;
  profiles: ProfileRepository;
  messenger: Messenger;
  procedure: Procedure;
  answerer: Answerer;
  /** The knowledge base's French answers by entry id: answers are drawn in the asker's language. */
  french: FrenchAnswers;
  questions: QuestionService;
  metrics: Metrics;
  /** Per person: every turn (checked in src/teams/bot.ts), then questions, draft checks and request submissions on top. */
  limits: { turns: RateLimiter; questions: RateLimiter; checks: RateLimiter; requests: RateLimiter };
  /** Permission requests: submit, decide, remind (issue 5). */
  requests: RequestService;
  /** Notifications committed with request changes, delivered by the outbox worker. */
  outbox: OutboxRepository;
  /** Crisis mode, misuse reports, the school-account registry and the tab's reads (issue 6). */
  oversight: Oversight;
}

export interface ServiceDeps {
  config: Config;
  log: Log;
  now: () => Date;
  store: Store;
  messenger: (conversations: ConversationRepository) => Messenger;
  directory?: Directory;
}

export function createServices(deps: ServiceDeps): Services {
  const conversations = new ConversationRepository(deps.store.db);
  // The procedure and knowledge base are read and indexed once here; answering is pure.
  const procedure = loadProcedure();
  const knowledge = loadKnowledge(procedure);
  const answerer = createAnswerer(procedure, knowledge, { onStaleIndex: (message) => deps.log.warn(message) });
  // Read and validated at start-up: a bad directory file stops the bot with the field at fault.
  const directory = deps.directory ?? loadDirectory(deps.config.directoryFile);
  // One messenger, shared by the request notifications and oversight's warnings and reports.
  const messenger = deps.messenger(conversations);
  const outbox = new OutboxRepository(deps.store.db, deps.store.dialect);
  const oversight = new Oversight({
    db: deps.store.db,
    directory,
    messenger,
    now: deps.now,
    log: deps.log,
    inactivityDays: deps.config.accounts.inactivityDays,
    accountCheckIntervalMs: deps.config.accounts.checkIntervalMs,
    maxAttempts: deps.config.outbox.maxAttempts,
  });
  return {
    config: deps.config,
    log: deps.log,
    now: deps.now,
    store: deps.store,
    directory,
    conversations,
    kv: new KeyValueRepository(deps.store.db),
    profiles: new ProfileRepository(deps.store.db),
    messenger,
    procedure,
    answerer,
    french: frenchAnswers(knowledge),
    questions: new QuestionService({ answerer, questions: new QuestionRepository(deps.store.db), db: deps.store.db, directory, now: deps.now }),
    metrics: createMetrics({ outbox: () => outbox.depth() }),
    limits: {
      turns: new RateLimiter(deps.config.turnLimit.perMinute, deps.config.turnLimit.burst, deps.now),
      // The whole hour's allowance may be used at once; after that, one more every 60/N minutes.
      requests: new RateLimiter(deps.config.requestsPerHour / 60, deps.config.requestsPerHour, deps.now),
      questions: new RateLimiter(deps.config.rateLimit.perMinute, deps.config.rateLimit.burst, deps.now),
      checks: new RateLimiter(deps.config.rateLimit.perMinute, deps.config.rateLimit.burst, deps.now),
    },
    requests: new RequestService({
      store: new RequestRepository(deps.store.db),
      directory,
      now: deps.now,
      log: deps.log,
      profiles: new ProfileRepository(deps.store.db),
      crisisActive: () => oversight.crisisActive(),
    }),
    outbox,
    oversight,
  };
}
