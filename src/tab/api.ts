import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { REQUEST_STATES } from '../requests/record';
import { REQUEST_KINDS } from '../requests/requestKind';
import { can } from '../requests/permissions';
import type { StoredRequest } from '../requests/ports';
import type { Refusal } from '../requests/service';
import type { Services } from '../services';
import type { RequestFilter } from '../store/oversight';
import type { OutboxRow } from '../store/outbox';
import { chartsFor } from '../oversight/chartSet';
import { requestsCsv } from '../oversight/csv';
import { mayManageAccount } from '../oversight/registry';
import { CRISIS_LINE_MAX } from '../oversight/crisis';
import { addDays, instantRange, isDay } from '../oversight/time';
import { capabilitiesOf, leadsSchool, oversees, roleLabel, scopeOf, viewerFor, type Viewer } from '../oversight/viewer';
import { districtDate } from '../requests/lifecycle';
import { formatWhen } from '../requests/views';
import { matchesSearch } from '../requests/searchText';
import { accountView, misuseView, requestDetail, requestSummary } from './present';
import type { SsoVerifier } from './sso';

/**
 * The oversight tab's API under /api/tab. Every call carries the Teams SSO
 * token (`Authorization: Bearer …`); without a valid one the answer is 401.
 * What a person may see is worked out from the directory on each call:
 * staff their own requests and those routed to them, principals and
 * designates their school's, Communications everything. A request outside
 * someone's view is answered 404, not 403, so its existence is not revealed.
 */

const day = z.string().refine(isDay, 'must be a date as YYYY-MM-DD');

const listQuery = z.object({
  view: z.enum(['mine', 'awaiting', 'all']).default('mine'),
  state: z.enum(REQUEST_STATES).optional(),
  kind: z.enum(REQUEST_KINDS).optional(),
  unit: z.string().max(100).optional(),
  from: day.optional(),
  to: day.optional(),
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

const rangeQuery = z.object({ from: day.optional(), to: day.optional(), unit: z.string().max(100).optional() });

const actionBody = z.object({
  action: z.enum(['approve', 'decline', 'request-changes', 'escalate', 'withdraw']),
  version: z.coerce.number().int().min(0).max(1_000_000),
  comment: z.string().max(50_000).optional(),
  conditions: z.string().max(50_000).optional(),
  validUntil: z.string().max(20).optional(),
});

const crisisBody = z.object({
  on: z.boolean(),
  publicLine: z.string().max(CRISIS_LINE_MAX * 4).optional(),
  keywords: z.union([z.string().max(1000), z.array(z.string().max(40)).max(20)]).optional(),
});

const activityBody = z.object({ kind: z.enum(['activity', 'cleanup']).default('activity') });

/** The default chart and export range: the last twelve weeks. */
const DEFAULT_RANGE_DAYS = 83;

type Ctx = { req: Request; res: Response; viewer: Viewer; query: Record<string, string> };
type Handler = (ctx: Ctx) => Promise<void>;

function send(res: Response, status: number, body: unknown): void {
  res.setHeader('cache-control', 'no-store');
  res.send(status, body);
}

function queryOf(req: Request): Record<string, string> {
  const params = new URL(req.url ?? '/', 'http://tab.local').searchParams;
  const out: Record<string, string> = {};
  for (const [k, v] of params) if (v.trim() !== '') out[k] = v.trim();
  return out;
}

function invalid(res: Response, error: z.ZodError): void {
  const issue = error.issues[0]!;
  send(res, 400, { error: `${issue.path.join('.') || 'request'} ${issue.message.toLowerCase()}` });
}

function forbidden(res: Response, what: string): void {
  send(res, 403, { error: `Your role does not include ${what}.` });
}

const REFUSAL_STATUS: Record<Refusal, number> = {
  'not-found': 404,
  'not-allowed-to-decide': 403,
  'own-request': 403,
  'not-requester': 403,
  'system-only': 403,
  'stale-version': 409,
  'already-decided': 409,
  'invalid-transition': 409,
  'not-yet-expired': 409,
  'nobody-to-decide': 409,
  'version-required': 422,
  'reason-required': 422,
  'comment-required': 422,
  'too-long': 422,
  'invalid-end-date': 422,
};

function matches(request: StoredRequest, f: RequestFilter): boolean {
  if (f.state && request.state !== f.state) return false;
  if (f.kind && request.kind !== f.kind) return false;
  if (f.unitId && request.unit?.id !== f.unitId) return false;
  if (f.since && request.createdAt < f.since) return false;
  if (f.until && request.createdAt >= f.until) return false;
  if (f.search && !matchesSearch(request, f.search)) return false;
  return true;
}

export function registerTabApi(server: Server, services: Services, sso: SsoVerifier): void {
  const { directory, log } = services;
  const oversight = services.oversight;

  const authed =
    (handler: Handler) =>
    async (req: Request, res: Response): Promise<void> => {
      const signIn = await sso.verify(req.headers.authorization);
      if (!signIn.ok) {
        log.info({ route: req.getRoute()?.path, reason: signIn.reason }, 'tab sign-in refused');
        res.setHeader('www-authenticate', 'Bearer');
        send(res, 401, { error: signIn.reason === 'not-configured' ? 'Tab sign-in is not configured on this server.' : 'Sign in through Teams to use this tab.', reason: signIn.reason });
        return;
      }
      const viewer = viewerFor(directory, signIn.identity.oid, signIn.identity.name);
      try {
        await handler({ req, res, viewer, query: queryOf(req) });
      } catch (err) {
        log.error({ route: req.getRoute()?.path, err: err instanceof Error ? err.message : String(err) }, 'tab API failed');
        if (!res.headersSent) send(res, 500, { error: 'Something went wrong; please try again.' });
      }
    };

  const range = (q: z.infer<typeof rangeQuery>): { from: string; to: string } => {
    const to = q.to ?? districtDate(services.now());
    return { from: q.from ?? addDays(to, -DEFAULT_RANGE_DAYS), to };
  };

  const viewable = async (viewer: Viewer, id: string): Promise<StoredRequest | undefined> => {
    const request = await oversight.repo.request(id);
    return request && can({ id: viewer.id }, 'view', request, directory) ? request : undefined;
  };

  server.get(
    '/api/tab/me',
    authed(async ({ res, viewer }) => {
      const crisis = oversight.crisis.current();
      send(res, 200, {
        id: viewer.id,
        name: viewer.name,
        role: roleLabel(viewer, (id) => directory.school(id)?.name ?? id),
        capabilities: capabilitiesOf(viewer),
        units: [
          ...(viewer.communications ? directory.schools().map((s) => s.id) : viewer.schoolIds).map((id) => ({ id, name: directory.school(id)?.name ?? id, type: 'school' })),
          ...(viewer.communications ? directory.departments().map((d) => d.id) : viewer.departmentIds).map((id) => ({ id, name: directory.department(id)?.name ?? id, type: 'department' })),
        ],
        crisis: { on: crisis.on, publicLine: crisis.publicLine, since: crisis.since ? formatWhen(crisis.since) : null, by: crisis.by },
        today: districtDate(services.now()),
      });
    }),
  );

  server.get(
    '/api/tab/requests',
    authed(async ({ res, viewer, query }) => {
      const parsed = listQuery.safeParse(query);
      if (!parsed.success) return invalid(res, parsed.error);
      const q = parsed.data;
      const filter: RequestFilter = {
        ...(q.state ? { state: q.state } : {}),
        ...(q.kind ? { kind: q.kind } : {}),
        ...(q.unit ? { unitId: q.unit } : {}),
        ...(q.q ? { search: q.q } : {}),
        ...(q.from ? { since: instantRange(q.from, q.from).since } : {}),
        ...(q.to ? { until: instantRange(q.to, q.to).until } : {}),
      };
      const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
      let items: StoredRequest[];
      let total: number;
      if (q.view === 'awaiting') {
        const pending = (await services.requests.pendingFor(viewer.id)).filter((r) => matches(r, filter));
        total = pending.length;
        items = pending.slice(page.offset, page.offset + page.limit);
      } else {
        const scope = q.view === 'mine' ? { all: false as const, personId: viewer.id, schoolIds: [], departmentIds: [] } : scopeOf(viewer);
        const listed = await oversight.repo.listRequests(scope, q.view === 'mine' ? { ...filter, requesterId: viewer.id } : filter, page);
        // The SQL scope and the permission rule should agree; the rule has the last word.
        items = listed.items.filter((r) => can({ id: viewer.id }, 'view', r, directory));
        total = listed.total;
      }
      send(res, 200, { view: q.view, items: items.map((r) => requestSummary(r, directory)), total, page: q.page, pageSize: q.pageSize });
    }),
  );

  server.get(
    '/api/tab/requests/:id',
    authed(async ({ req, res, viewer }) => {
      const request = await viewable(viewer, String(req.params.id ?? ''));
      if (!request) return send(res, 404, { error: 'That request could not be found.' });
      send(res, 200, requestDetail(request, await oversight.repo.events(request.id), directory, viewer.id));
    }),
  );

  server.post(
    '/api/tab/requests/:id/actions',
    authed(async ({ req, res, viewer }) => {
      const id = String(req.params.id ?? '');
      if (!(await viewable(viewer, id))) return send(res, 404, { error: 'That request could not be found.' });
      const parsed = actionBody.safeParse(req.body ?? {});
      if (!parsed.success) return invalid(res, parsed.error);
      const { action, version, comment, conditions, validUntil } = parsed.data;
      // The same use case as the cards' buttons: the service re-reads the request and re-checks who may act.
      const outcome = await services.requests.act(viewer.id, id, action, {
        seenVersion: version,
        ...(comment !== undefined ? { comment } : {}),
        ...(conditions !== undefined ? { conditions } : {}),
        ...(validUntil !== undefined && validUntil.trim() !== '' ? { validUntil: validUntil.trim() } : {}),
      });
      log.info({ requestId: id, action, ok: outcome.ok, reason: outcome.ok ? undefined : outcome.reason }, 'tab request action');
      if (outcome.ok) return send(res, 200, { ok: true, repeated: outcome.repeated, request: requestDetail(outcome.request, outcome.events, directory, viewer.id) });
      send(res, REFUSAL_STATUS[outcome.reason], {
        ok: false,
        reason: outcome.reason,
        error: outcome.message,
        // The request as it stands now, so the page can show what happened instead.
        ...(outcome.request ? { request: requestDetail(outcome.request, outcome.events ?? [], directory, viewer.id) } : {}),
      });
    }),
  );

  server.get(
    '/api/tab/charts',
    authed(async ({ res, viewer, query }) => {
      if (!oversees(viewer)) return forbidden(res, 'charts (they are for principals, designates, supervisors and Communications)');
      const parsed = rangeQuery.safeParse(query);
      if (!parsed.success) return invalid(res, parsed.error);
      const r = range(parsed.data);
      if (r.from > r.to) return send(res, 400, { error: 'from must be on or before to' });
      const charts = await chartsFor({ repo: oversight.repo, directory, procedure: services.procedure }, scopeOf(viewer), { ...r, ...(parsed.data.unit ? { unitId: parsed.data.unit } : {}) });
      send(res, 200, { from: r.from, to: r.to, charts });
    }),
  );

  server.get(
    '/api/tab/export.csv',
    authed(async ({ res, viewer, query }) => {
      if (!oversees(viewer)) return forbidden(res, 'the records export');
      const parsed = rangeQuery.safeParse(query);
      if (!parsed.success) return invalid(res, parsed.error);
      const r = range(parsed.data);
      if (r.from > r.to) return send(res, 400, { error: 'from must be on or before to' });
      const { since, until } = instantRange(r.from, r.to);
      const items = (await oversight.repo.requestsWithEvents(scopeOf(viewer), { since, until, ...(parsed.data.unit ? { unitId: parsed.data.unit } : {}) })).filter((x) =>
        can({ id: viewer.id }, 'view', x.request, directory),
      );
      // Who exported which records is itself a record (MFIPPA access requests, 4.9(c)).
      log.info({ viewer: viewer.id, from: r.from, to: r.to, requests: items.length }, 'requests exported');
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="pr708-requests-${r.from}-to-${r.to}.csv"`);
      res.setHeader('cache-control', 'no-store');
      res.sendRaw(200, requestsCsv(items, directory));
    }),
  );

  server.get(
    '/api/tab/crisis',
    authed(async ({ res, viewer }) => {
      const state = await oversight.crisis.refresh();
      const history = viewer.communications ? await oversight.crisis.history(20) : [];
      send(res, 200, {
        on: state.on,
        publicLine: state.publicLine,
        keywords: viewer.communications ? state.keywords : undefined,
        since: state.since ? formatWhen(state.since) : null,
        by: state.by,
        history: history.map((e) => ({ action: e.action, publicLine: e.publicLine, by: e.actorName, at: e.at, when: formatWhen(e.at) })),
      });
    }),
  );

  server.post(
    '/api/tab/crisis',
    authed(async ({ req, res, viewer }) => {
      if (!viewer.communications) return forbidden(res, 'crisis mode (only Communications turns it on or off, 3.2)');
      const parsed = crisisBody.safeParse(req.body ?? {});
      if (!parsed.success) return invalid(res, parsed.error);
      const keywords = typeof parsed.data.keywords === 'string' ? parsed.data.keywords.split(',') : parsed.data.keywords;
      const change = parsed.data.on
        ? await oversight.crisis.turnOn({ id: viewer.id, name: viewer.name }, parsed.data.publicLine ?? '', keywords)
        : await oversight.crisis.turnOff({ id: viewer.id, name: viewer.name });
      if (!change.ok) return send(res, change.reason === 'already-off' ? 409 : 422, { error: change.message, reason: change.reason });
      send(res, 200, { on: change.state.on, publicLine: change.state.publicLine, keywords: change.state.keywords, since: change.state.since ? formatWhen(change.state.since) : null, by: change.state.by });
    }),
  );

  server.get(
    '/api/tab/misuse-reports',
    authed(async ({ res, viewer }) => {
      const caps = capabilitiesOf(viewer);
      if (!caps.misuseReports) return forbidden(res, 'misuse reports (they go to Communications and the school’s principal)');
      const schools = viewer.schoolIds.filter((s) => leadsSchool(viewer, s));
      const reports = await oversight.misuse.list(viewer.communications ? {} : { schoolIds: schools });
      send(res, 200, { items: reports.map((r) => misuseView(r, directory)) });
    }),
  );

  // Dead letters: notifications that failed for good. Only Communications sees them (they name
  // who could not be reached about which request) and may send them again.
  server.get(
    '/api/tab/dead-letters',
    authed(async ({ res, viewer }) => {
      if (!viewer.communications) return forbidden(res, 'undelivered notifications (Communications resends them)');
      const rows = await services.outbox.list({ state: 'dead' });
      send(res, 200, { items: await Promise.all(rows.map((r) => deadLetterView(r, services))) });
    }),
  );

  server.post(
    '/api/tab/dead-letters/:id/retry',
    authed(async ({ req, res, viewer }) => {
      if (!viewer.communications) return forbidden(res, 'resending notifications (only Communications does)');
      const [row] = await services.outbox.resend([String(req.params.id ?? '')], services.now().toISOString());
      if (!row) return send(res, 404, { error: 'That notification is not an undelivered one (already resent or delivered?).' });
      log.info({ outboxId: row.id, kind: row.kind, by: viewer.id }, 'dead letter resent from the tab');
      send(res, 200, { ok: true, id: row.id });
    }),
  );

  server.get(
    '/api/tab/accounts',
    authed(async ({ res, viewer }) => {
      const accounts = await oversight.accounts.all();
      const visible = accounts.filter(
        (a) => viewer.communications || viewer.schoolIds.includes(a.schoolId) || mayManageAccount(a, viewer.id, directory),
      );
      send(res, 200, {
        inactivityDays: oversight.accounts.inactivityDays,
        items: visible.map((a) => accountView(a, oversight.accounts.inactivityDays, mayManageAccount(a, viewer.id, directory))),
      });
    }),
  );

  server.post(
    '/api/tab/accounts/:id/activity',
    authed(async ({ req, res, viewer }) => {
      const parsed = activityBody.safeParse(req.body ?? {});
      if (!parsed.success) return invalid(res, parsed.error);
      const outcome = await oversight.accounts.recordActivity(String(req.params.id ?? ''), parsed.data.kind, viewer.id);
      if (outcome === 'not-found') return send(res, 404, { error: 'That account is not in the registry.' });
      if (outcome === 'not-allowed') return forbidden(res, 'this account (its advisor, administrators, principal and Communications record its activity)');
      send(res, 200, { ok: true });
    }),
  );
}

/** A dead letter as the tab shows it: what, about which request, to whom, why it failed, when. */
async function deadLetterView(row: OutboxRow, services: Services) {
  const request = row.payload.requestId ? await services.oversight.repo.request(row.payload.requestId) : undefined;
  const t = row.target;
  const to =
    t.type === 'person' ? (services.directory.person(t.aadId)?.name ?? t.aadId) : t.type === 'channel' ? 'the Communications channel' : 'a card already posted';
  return { id: row.id, kind: row.kind, request: request?.number ?? null, to, attempts: row.attempts, reason: row.lastError, since: row.createdAt, when: formatWhen(row.createdAt) };
}
