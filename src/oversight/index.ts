import type { Kysely } from 'kysely';
import type { Directory } from '../directory/types';
import type { Log } from '../log';
import type { Messenger } from '../notify/messenger';
import { OversightRepository } from '../store/oversight';
import type { Database } from '../store/schema';
import { AccountRegistry } from './accounts';
import { CrisisMode } from './crisis';
import { MisuseReports } from './misuse';
import { PeriodicTask } from '../periodic';

/**
 * Oversight for principals and Communications (issue 6): crisis mode, misuse
 * reports, the school-account registry, and the reads behind the tab. Built
 * once with the other services; `start()` loads crisis mode and begins the
 * background checks, `stop()` ends them before the store closes.
 */
export interface OversightDeps {
  db: Kysely<Database>;
  directory: Directory;
  messenger: Messenger;
  now: () => Date;
  log: Log;
  inactivityDays: number;
  accountCheckIntervalMs: number;
  /** Attempts at telling Communications about a misuse report before it waits for a person. */
  maxAttempts: number;
}

/** How often crisis mode is re-read, so a change made on another instance arrives within seconds. */
export const CRISIS_REFRESH_MS = 5000;
/** How often undelivered misuse reports are retried. */
export const MISUSE_RETRY_MS = 60_000;

export class Oversight {
  readonly repo: OversightRepository;
  readonly crisis: CrisisMode;
  readonly accounts: AccountRegistry;
  readonly misuse: MisuseReports;
  private tasks: PeriodicTask[] = [];

  constructor(private readonly deps: OversightDeps) {
    this.repo = new OversightRepository(deps.db);
    this.crisis = new CrisisMode({ repo: this.repo, directory: deps.directory, now: deps.now, log: deps.log });
    this.accounts = new AccountRegistry({ repo: this.repo, directory: deps.directory, messenger: deps.messenger, now: deps.now, log: deps.log, inactivityDays: deps.inactivityDays });
    this.misuse = new MisuseReports({ repo: this.repo, accounts: this.accounts, directory: deps.directory, messenger: deps.messenger, now: deps.now, log: deps.log, maxAttempts: deps.maxAttempts });
  }

  /** Whether crisis mode is on now: what request routing consults to send new requests to Communications (3.2). */
  crisisActive(): boolean {
    return this.crisis.active();
  }

  async start(): Promise<void> {
    if (this.tasks.length > 0) return;
    await this.crisis.refresh();
    this.every(CRISIS_REFRESH_MS, () => this.crisis.refresh(), 'crisis refresh');
    // The first account check waits a minute, so a restart (or a fleet of them) does not start with a burst of messages.
    this.every(this.deps.accountCheckIntervalMs, () => this.accounts.warnPrincipals(), 'account check', Math.min(60_000, this.deps.accountCheckIntervalMs));
    this.every(MISUSE_RETRY_MS, () => this.misuse.retryNotifications(), 'misuse retry');
  }

  async stop(): Promise<void> {
    const tasks = this.tasks;
    this.tasks = [];
    await Promise.all(tasks.map((t) => t.stop()));
  }

  private every(ms: number, work: () => Promise<unknown>, what: string, firstAfterMs = ms): void {
    const task = new PeriodicTask({
      work,
      intervalMs: ms,
      firstAfterMs,
      onError: (err) => this.deps.log.error({ err: err instanceof Error ? err.message : String(err), what }, 'oversight background work failed'),
    });
    this.tasks.push(task);
    task.start();
  }
}
