import { verifyChain } from '../requests/eventChain';
import { REQUEST_STATES, type RequestState } from '../requests/record';
import type { StoredRequest } from '../requests/ports';
import { personName, STATE_LABELS, unitLabel, valueFacts } from '../requests/views';
import type { Services } from '../services';

/**
 * `cli -- requests list [--status S] [--json]` and `cli -- requests show ID`:
 * what administrators need to answer "where is my request?" and "why did
 * nobody get the card?" without a database client. `show` also checks the
 * request's hash chain and lists its notifications, dead letters included.
 * Returns the exit code: 0 done, 1 not found, 2 bad usage, 3 when a
 * request's history fails its hash-chain check.
 */
const USAGE = [
  'usage: requests list [--status STATE] [--json]',
  '       requests show ID|NUMBER [--json]',
  `STATE is one of: ${REQUEST_STATES.join(', ')}`,
];

export async function requestsCommand(services: Services, argv: string[], out: (line: string) => void): Promise<number> {
  const args = argv[0] === 'requests' ? argv.slice(1) : [...argv];
  const json = args.includes('--json');
  const rest = args.filter((a) => a !== '--json');
  const [sub, ...params] = rest;
  switch (sub) {
    case 'list':
      return list(services, params, json, out);
    case 'show':
      return show(services, params, json, out);
    default:
      USAGE.forEach((l) => out(l));
      return 2;
  }
}

async function list(services: Services, params: string[], json: boolean, out: (line: string) => void): Promise<number> {
  let state: RequestState | undefined;
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    const value = p.startsWith('--status=') ? p.slice('--status='.length) : p === '--status' ? params[++i] : undefined;
    if (value === undefined) {
      out(`unknown option ${p}`);
      USAGE.forEach((l) => out(l));
      return 2;
    }
    if (!(REQUEST_STATES as readonly string[]).includes(value)) {
      out(`unknown status "${value}"; use one of: ${REQUEST_STATES.join(', ')}`);
      return 2;
    }
    state = value as RequestState;
  }
  const requests = await services.requests.store.list({ ...(state ? { state } : {}), limit: 1000 });
  if (json) {
    out(JSON.stringify(requests.map((r) => summary(services, r))));
    return 0;
  }
  if (requests.length === 0) {
    out(state ? `No requests are ${state}.` : 'No requests yet.');
    return 0;
  }
  for (const r of requests) {
    out([r.number.padEnd(14), r.state.padEnd(18), r.kind.padEnd(16), r.createdAt.slice(0, 16).replace('T', ' '), r.requesterName, `(${unitLabel(r, services.directory)})`].join('  '));
  }
  out(`${requests.length} request${requests.length === 1 ? '' : 's'}`);
  return 0;
}

function summary(services: Services, r: StoredRequest) {
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    state: r.state,
    version: r.version,
    requester: { id: r.requesterId, name: r.requesterName },
    unit: r.unit ?? null,
    unitName: unitLabel(r, services.directory),
    decidedBy: r.decidedBy,
    deciders: r.deciders.map((id) => ({ id, name: personName(services.directory, id) })),
    escalated: r.escalated ?? false,
    validUntil: r.validUntil ?? null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    decidedAt: r.decidedAt ?? null,
  };
}

async function show(services: Services, params: string[], json: boolean, out: (line: string) => void): Promise<number> {
  const ref = params[0];
  if (!ref || params.length > 1) {
    USAGE.forEach((l) => out(l));
    return 2;
  }
  const request = await services.requests.find(ref);
  if (!request) {
    out(`No request ${ref}.`);
    return 1;
  }
  const [events, copies, notifications] = await Promise.all([
    services.requests.store.events(request.id),
    services.requests.store.copies(request.id),
    services.outbox.forRequest(request.id),
  ]);
  const chain = verifyChain(events);
  if (json) {
    out(JSON.stringify({ ...summary(services, request), values: request.values, conditions: request.conditions ?? null, events, chain: chain ?? 'intact', copies, notifications }));
    return 0;
  }
  const d = services.directory;
  out(`${request.number}  ${STATE_LABELS[request.state]}  (version ${request.version}, id ${request.id})`);
  out(`Kind:        ${request.kind}`);
  out(`Requester:   ${request.requesterName} <${request.requesterId}>`);
  out(`Unit:        ${unitLabel(request, d)}`);
  out(`Decided by:  ${request.decidedBy}: ${request.deciders.map((id) => personName(d, id)).join(', ')}${request.escalated ? ' (escalated to Communications)' : ''}`);
  if (request.validUntil) out(`Valid until: ${request.validUntil}`);
  if (request.conditions) out(`Conditions:  ${request.conditions}`);
  out('Values:');
  for (const f of valueFacts(request, d, 100_000)) out(`  ${f.title}: ${f.value}`);
  out(`History (hash chain ${chain ? `BROKEN at event ${chain.seq}: ${chain.problem}` : 'intact'}):`);
  for (const e of events) {
    out(`  ${String(e.seq).padStart(3)}  ${e.at}  ${e.action.padEnd(15)} ${personName(d, e.actorId, request)}  ${e.fromState ?? '-'} -> ${e.toState}`);
    if (e.comment) out(`       "${e.comment}"`);
  }
  out(`Card copies (${copies.length}):`);
  for (const c of copies) out(`  ${c.conversationId} / ${c.activityId}  ${c.viewerId ? personName(d, c.viewerId, request) : 'Communications channel'}`);
  out(`Notifications (${notifications.length}):`);
  for (const n of notifications) {
    const to = n.target.type === 'person' ? personName(d, n.target.aadId, request) : n.target.type === 'channel' ? `channel ${n.target.channel.name}` : `copy ${n.target.activityId}`;
    out(`  ${n.kind.padEnd(18)} ${n.state.padEnd(9)} attempts ${n.attempts}  to ${to}${n.lastError ? `  last error: ${n.lastError}` : ''}`);
  }
  return chain ? 3 : 0;
}
