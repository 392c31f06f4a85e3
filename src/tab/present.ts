import type { Directory } from '../directory/types';
import { can } from '../requests/permissions';
import type { StoredEvent, StoredRequest } from '../requests/ports';
import { KIND_SPECS } from '../requests/kinds';
import { ACTION_WORDS, formatDay, formatWhen, KIND_SHORT_TITLES, personName, STATE_LABELS, unitLabel, valueFacts } from '../requests/views';
import type { MisuseReport } from '../store/oversight';
import type { RegisteredAccount } from '../oversight/registry';
import { problemText } from '../oversight/registry';

/**
 * What the tab's API returns: requests, their history, accounts and reports
 * as plain JSON with labels already in the district's words and dates already
 * in its time zone, so the page only lays them out.
 */
export interface RequestSummary {
  id: string;
  number: string;
  kind: string;
  kindTitle: string;
  state: string;
  stateLabel: string;
  requester: string;
  unitId: string | null;
  unit: string;
  submittedAt: string;
  submitted: string;
  updatedAt: string;
  version: number;
}

export function requestSummary(request: StoredRequest, directory: Directory): RequestSummary {
  return {
    id: request.id,
    number: request.number,
    kind: request.kind,
    kindTitle: KIND_SHORT_TITLES[request.kind],
    state: request.state,
    stateLabel: STATE_LABELS[request.state],
    requester: request.requesterName,
    unitId: request.unit?.id ?? null,
    unit: unitLabel(request, directory),
    submittedAt: request.createdAt,
    submitted: formatWhen(request.createdAt),
    updatedAt: request.updatedAt,
    version: request.version,
  };
}


export interface HistoryEntry {
  seq: number;
  action: string;
  what: string;
  who: string;
  at: string;
  when: string;
  fromState: string | null;
  toState: string;
  comment: string | null;
  conditions: string | null;
  validUntil: string | null;
  hash: string;
}

export function historyEntries(request: StoredRequest, events: readonly StoredEvent[], directory: Directory): HistoryEntry[] {
  return events.map((e) => ({
    seq: e.seq,
    action: e.action,
    what: ACTION_WORDS[e.action] ?? e.action,
    who: personName(directory, e.actorId, request),
    at: e.at,
    when: formatWhen(e.at),
    fromState: e.fromState,
    toState: e.toState,
    comment: e.comment,
    conditions: typeof e.data.conditions === 'string' ? e.data.conditions : null,
    validUntil: typeof e.data.validUntil === 'string' ? formatDay(e.data.validUntil) : null,
    hash: e.hash,
  }));
}

export interface RequestDetail extends RequestSummary {
  title: string;
  clauses: string;
  facts: Array<{ title: string; value: string }>;
  conditions: string | null;
  validUntil: string | null;
  history: HistoryEntry[];
  /** What this viewer may do now, under the same rules as the cards. */
  may: { decide: boolean; escalate: boolean; withdraw: boolean };
}

export function requestDetail(request: StoredRequest, events: readonly StoredEvent[], directory: Directory, viewerId: string): RequestDetail {
  const decide = can({ id: viewerId }, 'decide', request, directory);
  const spec = KIND_SPECS[request.kind];
  return {
    ...requestSummary(request, directory),
    title: spec.title,
    clauses: `PR.708.IT ${spec.clauses.join(', ')}`,
    facts: valueFacts(request, directory, 10_000),
    conditions: request.conditions ?? null,
    validUntil: request.validUntil ? formatDay(request.validUntil) : null,
    history: historyEntries(request, events, directory),
    may: {
      decide,
      escalate: decide && request.state === 'awaiting-decision' && request.decidedBy !== 'communications',
      withdraw: can({ id: viewerId }, 'withdraw', request, directory),
    },
  };
}

export function accountView(account: RegisteredAccount, inactivityDays: number, mayRecord: boolean) {
  return {
    id: account.id,
    number: account.number,
    accountName: account.accountName,
    platform: account.platform,
    schoolId: account.schoolId,
    school: account.schoolName,
    advisor: account.advisor,
    administrators: account.administrators,
    approved: formatWhen(account.approvedAt),
    lastActivity: formatWhen(account.lastActivityAt),
    problems: account.problems.map((p) => ({ kind: p.kind, text: problemText(account, p, inactivityDays) })),
    mayRecord,
  };
}

export function misuseView(report: MisuseReport, directory: Directory) {
  return {
    id: report.id,
    account: report.accountName,
    school: report.schoolId ? directory.school(report.schoolId)?.name ?? directory.department(report.schoolId)?.name ?? report.schoolId : 'Not stated',
    reporter: report.reporterName,
    reportedAt: report.createdAt,
    reported: formatWhen(report.createdAt),
    what: report.what,
    why: report.why,
    screenshotUrl: report.screenshotUrl,
    notified: report.notifiedAt ? `Told Communications ${formatWhen(report.notifiedAt)}` : `Not yet delivered to Communications (${report.notifyAttempts} attempt${report.notifyAttempts === 1 ? '' : 's'})`,
  };
}
