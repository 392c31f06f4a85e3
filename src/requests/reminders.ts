import type { Log } from '../log';
import { DISTRICT_TIME_ZONE, districtDate } from './lifecycle';
import type { RequestStore, StoredRequest } from './ports';
import type { RequestService } from './service';
import { PeriodicTask } from '../periodic';

/**
 * Reminders, automatic escalation and expiry, driven by the database: every
 * pass reads what is due from the requests table and acts through a
 * conditional update (the reminder count, or the version), so a pass repeated
 * after a restart, or run by two bot instances on one PostgreSQL at once,
 * fires each reminder and each escalation once. Time comes from the injected
 * clock, so tests move time instead of waiting.
 *
 * Business days are Monday to Friday in the district's time zone; school
 * holidays are not known to the bot and count as business days.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEKDAY = new Intl.DateTimeFormat('en-US', { timeZone: DISTRICT_TIME_ZONE, weekday: 'short' });

export function isBusinessDay(at: Date): boolean {
  const day = WEEKDAY.format(at);
  return day !== 'Sat' && day !== 'Sun';
}

/** The same time of day `n` business days later: submitted Friday morning, 2 business days is Tuesday morning. */
export function addBusinessDays(from: Date, n: number): Date {
  let at = from.getTime();
  let counted = 0;
  while (counted < n) {
    at += DAY_MS;
    if (isBusinessDay(new Date(at))) counted += 1;
  }
  return new Date(at);
}

/** Whole business days from `from` to `to`. */
export function businessDaysBetween(from: Date, to: Date): number {
  let days = 0;
  for (let at = from.getTime() + DAY_MS; at <= to.getTime(); at += DAY_MS) if (isBusinessDay(new Date(at))) days += 1;
  return days;
}

export interface ReminderOptions {
  service: RequestService;
  store: RequestStore;
  now: () => Date;
  log: Log;
  reminderBusinessDays: number;
  escalationBusinessDays: number;
  intervalMs: number;
}

export interface PassResult {
  reminded: string[];
  escalated: string[];
  expired: string[];
}

export class ReminderScheduler {
  private readonly task: PeriodicTask;

  constructor(private readonly options: ReminderOptions) {
    this.task = new PeriodicTask({
      work: () => this.runOnce(),
      intervalMs: options.intervalMs,
      onError: (err) => options.log.error({ err: err instanceof Error ? err.message : String(err) }, 'reminder pass failed'),
    });
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** One pass over what is due now. Each action is a conditional update, so passes may overlap safely. */
  async runOnce(): Promise<PassResult> {
    const { service, store, now, reminderBusinessDays, escalationBusinessDays } = this.options;
    const result: PassResult = { reminded: [], escalated: [], expired: [] };
    const at = now();
    // N business days are at least N calendar days: a cheap filter before counting properly.
    const earliest = Math.min(reminderBusinessDays, escalationBusinessDays);
    const open = await store.inStates(['awaiting-decision', 'escalated'], new Date(at.getTime() - earliest * DAY_MS).toISOString());
    for (const request of open) {
      const since = new Date(request.updatedAt);
      if (escalates(request) && addBusinessDays(since, escalationBusinessDays) <= at) {
        const outcome = await service.escalateOverdue(request.id);
        if (outcome.ok && !outcome.repeated) result.escalated.push(request.number);
        continue;
      }
      if (request.reminderCount === 0 && addBusinessDays(since, reminderBusinessDays) <= at) {
        if (await service.remind(request)) result.reminded.push(request.number);
      }
    }
    const today = districtDate(at);
    for (const request of await store.inStates(['approved'])) {
      if (request.validUntil && request.validUntil < today) {
        const outcome = await service.expire(request.id);
        if (outcome.ok) result.expired.push(request.number);
      }
    }
    if (result.reminded.length + result.escalated.length + result.expired.length > 0) {
      this.options.log.info({ reminded: result.reminded.length, escalated: result.escalated.length, expired: result.expired.length }, 'reminder pass');
    }
    return result;
  }
}

/** Only a request still with its principal or supervisor moves up; Communications is where escalation ends. */
function escalates(request: StoredRequest): boolean {
  return request.state === 'awaiting-decision' && request.decidedBy !== 'communications';
}
