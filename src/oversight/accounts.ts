import type { Directory } from '../directory/types';
import type { Log } from '../log';
import type { Messenger } from '../notify/messenger';
import type { AccountActivityKind, OversightRepository } from '../store/oversight';
import { mayManageAccount, problemFingerprint, problemText, registeredAccount, type RegisteredAccount } from './registry';

/**
 * The account registry at work: lists accounts (for the tab and the misuse
 * card), records activity, and warns each school's principal, once per
 * situation, when an account loses its advisor, falls under two staff
 * administrators, or goes quiet for longer than the district allows.
 */
export interface AccountRegistryDeps {
  repo: OversightRepository;
  directory: Directory;
  messenger: Messenger;
  now: () => Date;
  log: Log;
  inactivityDays: number;
}

export interface WarningPass {
  warned: number;
  failed: number;
}

export class AccountRegistry {
  constructor(private readonly deps: AccountRegistryDeps) {}

  get inactivityDays(): number {
    return this.deps.inactivityDays;
  }

  async all(): Promise<RegisteredAccount[]> {
    const requests = await this.deps.repo.approvedSchoolAccounts();
    const activity = await this.deps.repo.lastActivity(requests.map((r) => r.id));
    const now = this.deps.now();
    return requests.map((r) => registeredAccount(r, activity.get(r.id), this.deps.directory, now, this.deps.inactivityDays));
  }

  async byId(id: string): Promise<RegisteredAccount | undefined> {
    return (await this.all()).find((a) => a.id === id);
  }

  /** Accounts this person is advisor or administrator of, or leads the school of, or all for Communications. */
  async manageableBy(personId: string): Promise<RegisteredAccount[]> {
    return (await this.all()).filter((a) => mayManageAccount(a, personId, this.deps.directory));
  }

  async recordActivity(accountId: string, kind: AccountActivityKind, actorId: string): Promise<'recorded' | 'not-found' | 'not-allowed'> {
    const account = await this.byId(accountId);
    if (!account) return 'not-found';
    if (!mayManageAccount(account, actorId, this.deps.directory)) return 'not-allowed';
    await this.deps.repo.recordActivity(accountId, kind, actorId, this.deps.now().toISOString());
    this.deps.log.info({ accountId, kind }, 'account activity recorded');
    return 'recorded';
  }

  /** One pass over every account; each warning is claimed before it is sent, and released if sending fails. */
  async warnPrincipals(): Promise<WarningPass> {
    const pass: WarningPass = { warned: 0, failed: 0 };
    for (const account of await this.all()) {
      const principal = this.deps.directory.school(account.schoolId)?.principal;
      if (!principal) continue;
      for (const problem of account.problems) {
        const claim = { accountId: account.id, problem: problem.kind, fingerprint: problemFingerprint(problem), recipientId: principal, at: this.deps.now().toISOString() };
        if (!(await this.deps.repo.claimWarning(claim))) continue;
        try {
          await this.deps.messenger.sendToPerson(principal, {
            text: `**School account needs attention** (${account.number})\n\n${problemText(account, problem, this.deps.inactivityDays)}\n\nSee it under *School accounts* in the Oversight tab.`,
            summary: `School account needs attention: ${account.number}`,
          });
          pass.warned += 1;
          this.deps.log.info({ accountId: account.id, problem: problem.kind }, 'principal warned about a school account');
        } catch (err) {
          pass.failed += 1;
          await this.deps.repo.releaseWarning(claim);
          this.deps.log.warn({ accountId: account.id, problem: problem.kind, err: err instanceof Error ? err.message : String(err) }, 'account warning not delivered; will retry');
        }
      }
    }
    return pass;
  }
}
