import type { Kysely } from 'kysely';
import type { Directory } from '../directory/types';
import type { Log } from '../log';
import type { Messenger } from '../notify/messenger';
import { OversightRepository } from '../store/oversight';
import type { Database } from '../store/schema';
import { AccountRegistry } from './accounts';
import { CrisisMode } from './crisis';
import { MisuseReports } from './misuse';

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
  private timers: NodeJS.Timeout[] = [];
  private inFlight = new Set<Promise<unknown>>();
  private stopped = true;

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
    if (!this.stopped) return;
    this.stopped = false;
    await this.crisis.refresh();
    this.every(CRISIS_REFRESH_MS, () => this.crisis.refresh(), 'crisis refresh');
    // The first account check waits a minute, so a restart (or a fleet of them) does not start with a burst of messages.
    this.every(this.deps.accountCheckIntervalMs, () => this.accounts.warnPrincipals(), 'account check', Math.min(60_000, this.deps.accountCheckIntervalMs));
    this.every(MISUSE_RETRY_MS, () => this.misuse.retryNotifications(), 'misuse retry');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    await Promise.allSettled([...this.inFlight]);
  }

  private every(ms: number, work: () => Promise<unknown>, what: string, firstAfterMs = ms): void {
    const run = (): void => {
      if (this.stopped) return;
      const p = work()
        .catch((err: unknown) => this.deps.log.error({ err: err instanceof Error ? err.message : String(err), what }, 'oversight background work failed'))
        .finally(() => {
          this.inFlight.delete(p);
          schedule(ms);
        });
      this.inFlight.add(p);
    };
    const schedule = (delay: number): void => {
      if (this.stopped) return;
      const t = setTimeout(() => {
        this.timers = this.timers.filter((x) => x !== t);
        run();
      }, delay);
      t.unref?.();
      this.timers.push(t);
    };
    schedule(firstAfterMs);
  }
}
