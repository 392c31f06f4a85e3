import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { renderCard, type Card } from '../cardTemplates';
import type { Directory } from '../directory/types';
import type { Log } from '../log';
import type { Messenger } from '../notify/messenger';
import { formatWhen } from '../requests/views';
import type { MisuseReport, OversightRepository } from '../store/oversight';
import type { AccountRegistry } from './accounts';
import { mayManageAccount } from './registry';

/**
 * Misuse reports (4.18): an account administrator who deleted an inappropriate
 * message tells Communications which account, what it said and why it was
 * inappropriate, with a link to a screenshot. The report is stored first,
 * then Communications is told in its channel (or each member 1:1 when no
 * channel is set); a failed delivery is retried by the oversight scheduler.
 * What people typed is stored, never logged.
 */
export const MISUSE_TEXT_MAX = 2000;
export const OTHER_ACCOUNT = 'other';

const httpsUrl = z
  .string({ required_error: 'Paste the link to the screenshot.' })
  .trim()
  .min(1, 'Paste the link to the screenshot.')
  .max(500, 'Keep the link to 500 characters or fewer.')
  .refine((s) => {
    try {
      return new URL(s).protocol === 'https:';
    } catch {
      return false;
    }
  }, 'The screenshot link must start with https:// (e.g. a OneDrive or SharePoint link).');

const text = (missing: string) => z.string({ required_error: missing }).trim().min(1, missing).max(MISUSE_TEXT_MAX, `Keep it to ${MISUSE_TEXT_MAX} characters or fewer.`);

export const misuseInput = z.object({
  accountId: z.string().trim().max(100).optional(),
  accountName: z.string().trim().max(200, 'Keep the account name to 200 characters or fewer.').optional(),
  what: text('Say what the message said or showed.'),
  why: text('Say why it was inappropriate.'),
  screenshotUrl: httpsUrl,
});

export type MisuseField = keyof z.infer<typeof misuseInput>;

export type MisuseOutcome =
  | { ok: true; report: MisuseReport; notified: boolean }
  | { ok: false; errors: Partial<Record<MisuseField, string>> }
  | { ok: false; refused: string };

export interface MisuseDeps {
  repo: OversightRepository;
  accounts: AccountRegistry;
  directory: Directory;
  messenger: Messenger;
  now: () => Date;
  log: Log;
  maxAttempts: number;
}

export class MisuseReports {
  constructor(private readonly deps: MisuseDeps) {}

  async report(reporter: { id: string; name: string }, raw: Record<string, unknown>): Promise<MisuseOutcome> {
    const { directory } = this.deps;
    const person = directory.person(reporter.id);
    if (!person) return { ok: false, refused: 'Only district staff listed in the directory can report a deleted message here. Tell Communications directly.' };
    const parsed = misuseInput.safeParse(blankToUndefined(raw));
    const errors: Partial<Record<MisuseField, string>> = {};
    if (!parsed.success) for (const issue of parsed.error.issues) errors[issue.path[0] as MisuseField] ??= issue.message;
    const accountId = parsed.success ? parsed.data.accountId : undefined;
    const registered = accountId && accountId !== OTHER_ACCOUNT ? await this.deps.accounts.byId(accountId) : undefined;
    if (accountId && accountId !== OTHER_ACCOUNT && !registered) errors.accountId = 'That account is not in the registry; choose "Another account" and name it.';
    if ((!accountId || accountId === OTHER_ACCOUNT) && !(parsed.success && parsed.data.accountName)) errors.accountName ??= 'Name the account the message was on.';
    if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
    if (registered && !mayManageAccount(registered, person.id, directory)) {
      // Not the account's name: the id may have come from anywhere, and the refusal tells nothing of the account.
      return { ok: false, refused: 'You are not an administrator of that account; its administrators, its advisor or the principal report what was deleted from it.' };
    }
    const at = this.deps.now().toISOString();
    const report: MisuseReport = {
      id: randomUUID(),
      accountId: registered?.id ?? null,
      accountName: registered ? `${registered.accountName} (${registered.platform})` : parsed.data.accountName!,
      schoolId: registered?.schoolId ?? this.schoolOf(person.id),
      reporterId: person.id.toLowerCase(),
      reporterName: person.name,
      what: parsed.data.what,
      why: parsed.data.why,
      screenshotUrl: parsed.data.screenshotUrl,
      createdAt: at,
      notifiedAt: null,
      notifyAttempts: 0,
      notifyError: null,
    };
    await this.deps.repo.insertMisuse(report);
    // A moderated message is activity on the account (4.14).
    if (registered) await this.deps.repo.recordActivity(registered.id, 'misuse-report', person.id, at);
    this.deps.log.info({ misuseReport: report.id, accountId: report.accountId, whatChars: report.what.length, whyChars: report.why.length }, 'misuse reported');
    const notified = await this.notify(report);
    return { ok: true, report: notified ? { ...report, notifiedAt: this.deps.now().toISOString() } : report, notified };
  }

  list(filter: { schoolIds?: readonly string[] } = {}): Promise<MisuseReport[]> {
    return this.deps.repo.misuseReports(filter);
  }

  /** Tells Communications again about reports not yet delivered; the scheduler calls this. */
  async retryNotifications(): Promise<number> {
    let sent = 0;
    for (const report of await this.deps.repo.misuseToNotify(this.deps.maxAttempts)) if (await this.notify(report)) sent += 1;
    return sent;
  }

  noticeCard(report: MisuseReport): Card {
    const school = report.schoolId ? this.deps.directory.school(report.schoolId)?.name ?? this.deps.directory.department(report.schoolId)?.name : undefined;
    return renderCard('misuse-notice', {
      account: report.accountName,
      school: school ?? 'Not stated',
      reporter: report.reporterName,
      when: formatWhen(report.createdAt),
      what: report.what,
      why: report.why,
      screenshotUrl: report.screenshotUrl,
    });
  }

  private async notify(report: MisuseReport): Promise<boolean> {
    const { directory, messenger } = this.deps;
    const message = { card: this.noticeCard(report), summary: 'A deleted inappropriate message was reported (4.18)' };
    try {
      const channel = directory.communications().channel;
      if (channel) await messenger.sendToChannel(channel.teamId, channel.channelId, message);
      else for (const member of directory.communications().members) await messenger.sendToPerson(member, message);
      await this.deps.repo.misuseNotified(report.id, this.deps.now().toISOString());
      return true;
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      await this.deps.repo.misuseNotifyFailed(report.id, error);
      this.deps.log.warn({ misuseReport: report.id, err: error }, 'misuse report not delivered to Communications; will retry');
      return false;
    }
  }

  private schoolOf(personId: string): string | null {
    return this.deps.directory.unitsOf(personId).find((u) => u.type === 'school')?.id ?? null;
  }
}

function blankToUndefined(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === 'string' && v.trim() === '' ? undefined : v]));
}
