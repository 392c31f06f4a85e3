import { toEvent, toRequest } from './requests';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { UnitRef } from '../directory/types';
import type { StoredEvent, StoredRequest } from '../requests/ports';
import type { RequestState } from '../requests/record';
import type { RequestKind } from '../requests/requestKind';
import type { Database } from './schema';
import { foldForSearch } from '../requests/searchText';

/**
 * Oversight's reads over the requests and questions tables (lists with
 * filters and a viewer's scope, figures for the charts, histories for the
 * CSV and the audit) and the SQL for its own tables: crisis mode, misuse
 * reports, the account registry's activity and warnings. The same
 * statements run on SQLite and PostgreSQL.
 */

/** What a viewer may read: everything (Communications), or their own, what was routed to them, and their units'. */
export type RequestScope =
  | { all: true }
  | { all: false; personId: string; schoolIds: readonly string[]; departmentIds: readonly string[] };

export interface RequestFilter {
  state?: RequestState;
  kind?: RequestKind;
  /** A school or department id. */
  unitId?: string;
  /** ISO instants, created_at in [since, until). */
  since?: string;
  until?: string;
  /** Found in the number, the requester's name or the form's values as typed, ignoring case (search_text). */
  search?: string;
  /** Only the viewer's own requests. */
  requesterId?: string;
}

export interface Page {
  limit: number;
  offset: number;
}

export interface RequestFactRow {
  kind: RequestKind;
  state: RequestState;
  unit?: UnitRef;
  createdAt: string;
  decidedAt?: string;
}

export interface QuestionFactRow {
  askerId: string;
  createdAt: string;
  verdict: string;
  clauses: string[];
}

export interface CrisisEntry {
  id: string;
  action: 'on' | 'off';
  publicLine: string | null;
  keywords: string[];
  actorId: string;
  actorName: string;
  at: string;
}

export interface MisuseReport {
  id: string;
  accountId: string | null;
  accountName: string;
  schoolId: string | null;
  reporterId: string;
  reporterName: string;
  what: string;
  why: string;
  screenshotUrl: string;
  createdAt: string;
  notifiedAt: string | null;
  notifyAttempts: number;
  notifyError: string | null;
}

export type AccountActivityKind = 'activity' | 'cleanup' | 'misuse-report';

type RequestsQuery<O> = SelectQueryBuilder<Database, 'requests', O>;

/** LIKE pattern for a literal substring of the folded search text: % _ and \ match themselves (\ is the escape character). */
function containsPattern(s: string): string {
  return `%${foldForSearch(s).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function scoped<O>(q: RequestsQuery<O>, scope: RequestScope): RequestsQuery<O> {
  if (scope.all) return q;
  const person = scope.personId.toLowerCase();
  return q.where((eb) =>
    eb.or([
      eb('requester_id', '=', person),
      // deciders is a JSON array of ids; the quotes make the match exact.
      eb('deciders', 'like', `%"${person.replace(/[\\%_"]/g, '')}"%`),
      ...(scope.schoolIds.length > 0 ? [eb.and([eb('unit_type', '=', 'school'), eb('unit_id', 'in', [...scope.schoolIds])])] : []),
      ...(scope.departmentIds.length > 0 ? [eb.and([eb('unit_type', '=', 'department'), eb('unit_id', 'in', [...scope.departmentIds])])] : []),
    ]),
  );
}

function filtered<O>(q: RequestsQuery<O>, f: RequestFilter): RequestsQuery<O> {
  if (f.state) q = q.where('state', '=', f.state);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.unitId) q = q.where('unit_id', '=', f.unitId);
  if (f.since) q = q.where('created_at', '>=', f.since);
  if (f.until) q = q.where('created_at', '<', f.until);
  if (f.requesterId) q = q.where('requester_id', '=', f.requesterId.toLowerCase());
  if (f.search) {
    const pattern = containsPattern(f.search);
    // search_text is already folded (src/requests/searchText.ts), so no lower() here:
    // SQLite's would fold ASCII only.
    q = q.where((eb) => sql<boolean>`${eb.ref('search_text')} like ${pattern} escape '\\'`);
  }
  return q;
}

export class OversightRepository {
  constructor(private readonly db: Kysely<Database>) {}

  // --- requests ------------------------------------------------------------

  async listRequests(scope: RequestScope, filter: RequestFilter, page: Page): Promise<{ items: StoredRequest[]; total: number }> {
    const base = filtered(scoped(this.db.selectFrom('requests'), scope), filter);
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('created_at', 'desc').orderBy('number', 'desc').limit(page.limit).offset(page.offset).execute(),
      base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirst(),
    ]);
    return { items: rows.map(toRequest), total: Number(count?.n ?? 0) };
  }

  async request(id: string): Promise<StoredRequest | undefined> {
    const row = await this.db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRequest(row);
  }

  async events(requestId: string): Promise<StoredEvent[]> {
    const rows = await this.db.selectFrom('request_events').selectAll().where('request_id', '=', requestId).orderBy('seq').execute();
    return rows.map(toEvent);
  }

  /** Events of many requests at once, grouped by request, in chain order. */
  async eventsOf(requestIds: readonly string[]): Promise<Map<string, StoredEvent[]>> {
    const out = new Map<string, StoredEvent[]>(requestIds.map((id) => [id, []]));
    for (let i = 0; i < requestIds.length; i += 500) {
      const chunk = requestIds.slice(i, i + 500);
      const rows = await this.db.selectFrom('request_events').selectAll().where('request_id', 'in', chunk).orderBy('request_id').orderBy('seq').execute();
      for (const row of rows) out.get(row.request_id)?.push(toEvent(row));
    }
    return out;
  }

  /** Requests submitted in the range with their whole history, oldest first (the CSV export). */
  async requestsWithEvents(scope: RequestScope, filter: RequestFilter, max = 20_000): Promise<Array<{ request: StoredRequest; events: StoredEvent[] }>> {
    const rows = await filtered(scoped(this.db.selectFrom('requests'), scope), filter).selectAll().orderBy('created_at').orderBy('number').limit(max).execute();
    const requests = rows.map(toRequest);
    const events = await this.eventsOf(requests.map((r) => r.id));
    return requests.map((request) => ({ request, events: events.get(request.id) ?? [] }));
  }

  /** Every request in a stable order, a page at a time (the audit walks them all). */
  async requestPage(after: { createdAt: string; id: string } | undefined, limit: number): Promise<StoredRequest[]> {
    let q = this.db.selectFrom('requests').selectAll();
    if (after) {
      q = q.where((eb) => eb.or([eb('created_at', '>', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '>', after.id)])]));
    }
    return (await q.orderBy('created_at').orderBy('id').limit(limit).execute()).map(toRequest);
  }

  /** The chart figures: kind, state, unit, submission and first decision of each request in range. */
  async requestFacts(scope: RequestScope, filter: RequestFilter): Promise<RequestFactRow[]> {
    const rows = await filtered(scoped(this.db.selectFrom('requests'), scope), filter)
      .select((eb) => [
        'kind',
        'state',
        'unit_type',
        'unit_id',
        'created_at',
        eb
          .selectFrom('request_events')
          .select((e) => e.fn.min<string>('at').as('at'))
          .whereRef('request_events.request_id', '=', 'requests.id')
          .where('action', 'in', ['approve', 'decline'])
          .as('decided_at'),
      ])
      .limit(50_000)
      .execute();
    return rows.map((r) => ({
      kind: r.kind as RequestKind,
      state: r.state as RequestState,
      ...(r.unit_type && r.unit_id ? { unit: { type: r.unit_type as UnitRef['type'], id: r.unit_id } } : {}),
      createdAt: r.created_at,
      ...(r.decided_at ? { decidedAt: r.decided_at } : {}),
    }));
  }

  async questionFacts(since: string, until: string): Promise<QuestionFactRow[]> {
    const rows = await this.db
      .selectFrom('questions')
      .select(['asker_id', 'created_at', 'verdict', 'clauses'])
      .where('created_at', '>=', since)
      .where('created_at', '<', until)
      .limit(100_000)
      .execute();
    return rows.map((r) => ({ askerId: r.asker_id, createdAt: r.created_at, verdict: r.verdict, clauses: JSON.parse(r.clauses) as string[] }));
  }

  /** School accounts approved through requests (4.10): the registry's starting point. */
  async approvedSchoolAccounts(): Promise<StoredRequest[]> {
    const rows = await this.db.selectFrom('requests').selectAll().where('kind', '=', 'school-account').where('state', '=', 'approved').orderBy('created_at').limit(5000).execute();
    return rows.map(toRequest);
  }

  // --- crisis mode ---------------------------------------------------------

  /** Appends a change at the end of the log; two changes at once get distinct places, the later one retried. */
  async appendCrisis(entry: Omit<CrisisEntry, 'id'>): Promise<CrisisEntry> {
    const stored = { ...entry, id: randomUUID() };
    for (let attempt = 0; ; attempt++) {
      try {
        await this.db
          .insertInto('crisis_log')
          .values((eb) => ({
            id: stored.id,
            seq: eb.selectFrom('crisis_log').select(sql<number>`coalesce(max(seq), 0) + 1`.as('next')),
            action: entry.action,
            public_line: entry.publicLine,
            keywords: JSON.stringify(entry.keywords),
            actor_id: entry.actorId,
            actor_name: entry.actorName,
            at: entry.at,
          }))
          .execute();
        return stored;
      } catch (err) {
        if (attempt >= 3) throw err;
      }
    }
  }

  async crisisLog(limit = 20): Promise<CrisisEntry[]> {
    const rows = await this.db.selectFrom('crisis_log').selectAll().orderBy('seq', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      id: r.id,
      action: r.action as 'on' | 'off',
      publicLine: r.public_line,
      keywords: JSON.parse(r.keywords) as string[],
      actorId: r.actor_id,
      actorName: r.actor_name,
      at: r.at,
    }));
  }

  // --- misuse reports ------------------------------------------------------

  async insertMisuse(report: MisuseReport): Promise<void> {
    await this.db
      .insertInto('misuse_reports')
      .values({
        id: report.id,
        account_id: report.accountId,
        account_name: report.accountName,
        school_id: report.schoolId,
        reporter_id: report.reporterId,
        reporter_name: report.reporterName,
        what: report.what,
        why: report.why,
        screenshot_url: report.screenshotUrl,
        created_at: report.createdAt,
        notified_at: report.notifiedAt,
        notify_attempts: report.notifyAttempts,
        notify_error: report.notifyError,
      })
      .execute();
  }

  async misuseReports(filter: { schoolIds?: readonly string[]; accountIds?: readonly string[]; limit?: number } = {}): Promise<MisuseReport[]> {
    let q = this.db.selectFrom('misuse_reports').selectAll();
    if (filter.schoolIds || filter.accountIds) {
      const schools = [...(filter.schoolIds ?? [])];
      const accounts = [...(filter.accountIds ?? [])];
      if (schools.length === 0 && accounts.length === 0) return [];
      q = q.where((eb) => eb.or([...(schools.length ? [eb('school_id', 'in', schools)] : []), ...(accounts.length ? [eb('account_id', 'in', accounts)] : [])]));
    }
    const rows = await q.orderBy('created_at', 'desc').limit(filter.limit ?? 500).execute();
    return rows.map(toMisuse);
  }

  /** Reports Communications has not been told about yet, oldest first. */
  async misuseToNotify(maxAttempts: number): Promise<MisuseReport[]> {
    const rows = await this.db.selectFrom('misuse_reports').selectAll().where('notified_at', 'is', null).where('notify_attempts', '<', maxAttempts).orderBy('created_at').limit(50).execute();
    return rows.map(toMisuse);
  }

  async misuseNotified(id: string, at: string): Promise<void> {
    await this.db.updateTable('misuse_reports').set((eb) => ({ notified_at: at, notify_error: null, notify_attempts: eb('notify_attempts', '+', 1) })).where('id', '=', id).execute();
  }

  async misuseNotifyFailed(id: string, error: string): Promise<void> {
    await this.db.updateTable('misuse_reports').set((eb) => ({ notify_error: error.slice(0, 500), notify_attempts: eb('notify_attempts', '+', 1) })).where('id', '=', id).execute();
  }

  // --- account registry ----------------------------------------------------

  async recordActivity(accountId: string, kind: AccountActivityKind, actorId: string, at: string): Promise<void> {
    await this.db.insertInto('account_activity').values({ id: randomUUID(), account_id: accountId, kind, actor_id: actorId.toLowerCase(), at }).execute();
  }

  /** The latest recorded activity of each account. */
  async lastActivity(accountIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < accountIds.length; i += 500) {
      const rows = await this.db
        .selectFrom('account_activity')
        .select((eb) => ['account_id', eb.fn.max<string>('at').as('at')])
        .where('account_id', 'in', accountIds.slice(i, i + 500))
        .groupBy('account_id')
        .execute();
      for (const r of rows) out.set(r.account_id, r.at);
    }
    return out;
  }

  /**
   * Claims a warning before it is sent: true for the first claim of this
   * situation, false when it was sent (or is being sent) already, so two
   * instances never warn a principal twice about the same thing.
   */
  async claimWarning(w: { accountId: string; problem: string; fingerprint: string; recipientId: string; at: string }): Promise<boolean> {
    const res = await this.db
      .insertInto('account_warnings')
      .values({ account_id: w.accountId, problem: w.problem, fingerprint: w.fingerprint, recipient_id: w.recipientId, sent_at: w.at })
      .onConflict((oc) => oc.columns(['account_id', 'problem', 'fingerprint', 'recipient_id']).doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** A warning that could not be delivered is released, so the next check tries again. */
  async releaseWarning(w: { accountId: string; problem: string; fingerprint: string; recipientId: string }): Promise<void> {
    await this.db
      .deleteFrom('account_warnings')
      .where('account_id', '=', w.accountId)
      .where('problem', '=', w.problem)
      .where('fingerprint', '=', w.fingerprint)
      .where('recipient_id', '=', w.recipientId)
      .execute();
  }
}

function toMisuse(r: Database['misuse_reports']): MisuseReport {
  return {
    id: r.id,
    accountId: r.account_id,
    accountName: r.account_name,
    schoolId: r.school_id,
    reporterId: r.reporter_id,
    reporterName: r.reporter_name,
    what: r.what,
    why: r.why,
    screenshotUrl: r.screenshot_url,
    createdAt: r.created_at,
    notifiedAt: r.notified_at,
    notifyAttempts: Number(r.notify_attempts),
    notifyError: r.notify_error,
  };
}

