import type { Directory, PersonId } from '../directory/types';
import { unitName } from '../directory/queries';
import { KIND_SPECS, type FieldSpec } from './kinds';
import { DISTRICT_TIME_ZONE } from './lifecycle';
import { actorFor, can } from './permissions';
import type { EventAction, StoredEvent, StoredRequest } from './ports';
import { isFinal, type RequestState } from './record';
import type { RequestKind } from './requestKind';

/**
 * What each request card shows, as typed data for the templates in cards/.
 * Pure: the same request, history and viewer always give the same card, so a
 * card redrawn by the outbox, by a refresh or by an invoke answer agrees.
 */

/** Whose copy a card is: one person's, or the Communications channel's shared copy. */
export type Viewer = { type: 'person'; id: PersonId } | { type: 'channel' };

export type BannerStyle = 'good' | 'attention' | 'warning' | 'accent';

export interface Banner {
  text: string;
  style: BannerStyle;
}

export const STATE_LABELS: Record<RequestState, string> = {
  'awaiting-decision': 'Awaiting decision',
  approved: 'Approved',
  declined: 'Declined',
  'changes-requested': 'Changes requested',
  escalated: 'Escalated to Communications',
  withdrawn: 'Withdrawn',
  expired: 'Expired',
};

const STATE_COLORS: Record<RequestState, 'accent' | 'good' | 'attention' | 'warning' | 'default'> = {
  'awaiting-decision': 'accent',
  approved: 'good',
  declined: 'attention',
  'changes-requested': 'warning',
  escalated: 'warning',
  withdrawn: 'default',
  expired: 'default',
};

/** What each event in a request's history is called, on cards and in the tab. */
export const ACTION_WORDS: Record<EventAction, string> = {
  submit: 'Submitted',
  approve: 'Approved',
  decline: 'Declined',
  'request-changes': 'Asked for changes',
  escalate: 'Escalated to Communications',
  withdraw: 'Withdrew the request',
  resubmit: 'Resubmitted with changes',
  expire: 'Expired',
  remind: 'Reminder sent',
  unreachable: 'Could not reach a decider',
};

/** Short titles for lists and the choose-kind card. */
export const KIND_SHORT_TITLES: Record<RequestKind, string> = {
  'speak-on-behalf': 'Speak on behalf of the school, department or district',
  'logo-use': 'Use a school or Board logo',
  'school-account': 'A school social-media account',
  'club-following': 'Students following a course or club account',
};

/**
 * A card shows every answer in full (the form allows at most 2,000 characters
 * each) and each history comment up to 600; a card that would still pass
 * Teams' 28 KB is drawn compact. The CLI always shows everything.
 */
const VALUE_MAX = 2000;
const CARD_TEXT_MAX = 600;
const HISTORY_MAX = 10;

// Formatters are made once: building an Intl.DateTimeFormat costs far more than using one,
// and a request card formats every date in its history.
const WHEN = new Intl.DateTimeFormat('en-CA', {
  timeZone: DISTRICT_TIME_ZONE,
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});
const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' });

export function formatWhen(iso: string): string {
  return WHEN.format(new Date(iso));
}

export function formatDay(isoDate: string): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return DAY.format(d);
}

function clip(s: string, max = CARD_TEXT_MAX): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function personName(directory: Directory, id: string, request?: StoredRequest): string {
  if (id === 'system') return 'The bot (automatic)';
  if (request && id.toLowerCase() === request.requesterId.toLowerCase()) return request.requesterName;
  return directory.person(id)?.name ?? 'Someone not in the directory';
}

function namesList(names: string[], joiner: 'or' | 'and' = 'or'): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} ${joiner} ${names[names.length - 1]}`;
}

function displayValue(spec: FieldSpec, value: unknown, directory: Directory): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const titleOf = (v: string) => spec.choices?.find((c) => c.value === v)?.title ?? v;
  switch (spec.input) {
    case 'toggle':
      return value === true ? 'Yes' : 'No';
    case 'multichoice':
      return Array.isArray(value) ? value.map((v) => titleOf(String(v))).join(', ') : titleOf(String(value));
    case 'person': {
      const ids = Array.isArray(value) ? value.map(String) : [String(value)];
      return ids.map((id) => directory.person(id)?.name ?? id).join(', ');
    }
    case 'choice':
      if (spec.source === 'units' || spec.source === 'schools') {
        const id = String(value);
        return directory.school(id)?.name ?? directory.department(id)?.name ?? id;
      }
      return titleOf(String(value));
    case 'date':
      return formatDay(String(value));
    default:
      return String(value);
  }
}

export interface Fact {
  title: string;
  value: string;
}

/** The request's answers, labelled as on the form. */
export function valueFacts(request: Pick<StoredRequest, 'kind' | 'values'>, directory: Directory, max = VALUE_MAX): Fact[] {
  const facts: Fact[] = [];
  for (const spec of KIND_SPECS[request.kind].fields) {
    const shown = displayValue(spec, request.values[spec.name], directory);
    if (shown !== undefined) facts.push({ title: spec.label, value: clip(shown, max) });
  }
  return facts;
}

export function unitLabel(request: StoredRequest, directory: Directory): string {
  if (!request.unit) return 'The whole district';
  return unitName(directory, request.unit) ?? request.unit.id;
}

/** Who may decide now, by name, for the card's note and the reminders. */
export function currentDeciders(request: StoredRequest, directory: Directory): PersonId[] {
  if (request.state === 'escalated' || request.decidedBy === 'communications') {
    return directory.communications().members.filter((id) => id !== request.requesterId.toLowerCase());
  }
  return [...request.deciders];
}

export interface HistoryItem {
  what: string;
  who: string;
  when: string;
  comment: string;
}

export function historyItems(request: StoredRequest, events: readonly StoredEvent[], directory: Directory, max = HISTORY_MAX, commentMax = CARD_TEXT_MAX): HistoryItem[] {
  return events.slice(-max).map((e) => {
    const extra: string[] = [];
    if (typeof e.data.conditions === 'string') extra.push(`Conditions: ${e.data.conditions}`);
    if (typeof e.data.validUntil === 'string') extra.push(`Valid until ${formatDay(e.data.validUntil)}`);
    const comment = [e.comment ?? '', ...extra].filter((s) => s !== '').join('\n');
    return { what: ACTION_WORDS[e.action], who: personName(directory, e.actorId, request), when: formatWhen(e.at), comment: clip(comment, commentMax) };
  });
}

/** The latest decision-like event, for "who decided and when". */
export function lastDecision(events: readonly StoredEvent[]): StoredEvent | undefined {
  return [...events].reverse().find((e) => e.action !== 'remind' && e.action !== 'submit' && e.action !== 'unreachable');
}

export function decisionSentence(request: StoredRequest, event: StoredEvent | undefined, directory: Directory): string {
  if (!event) return `The request is ${STATE_LABELS[request.state].toLowerCase()}.`;
  return `${personName(directory, event.actorId, request)}: ${ACTION_WORDS[event.action].toLowerCase()} on ${formatWhen(event.at)}.`;
}

function stateNote(request: StoredRequest, directory: Directory): string {
  const deciders = currentDeciders(request, directory).map((id) => personName(directory, id));
  switch (request.state) {
    case 'awaiting-decision':
      return request.decidedBy === 'communications'
        ? 'Communications decides this request.'
        : `Waiting for a decision from ${namesList(deciders)}.`;
    case 'escalated':
      return 'Escalated: a member of Communications decides this request.';
    case 'changes-requested':
      return `Waiting for ${request.requesterName} to make the changes asked for and resubmit.`;
    case 'approved': {
      const until = request.validUntil ? ` It holds until ${formatDay(request.validUntil)}.` : '';
      return `Written permission was given.${until}`;
    }
    case 'declined':
      return 'Permission was not given.';
    case 'withdrawn':
      return 'The requester withdrew this request.';
    case 'expired':
      return 'This permission has reached its end date.';
  }
}

export interface RequestCardData {
  requestId: string;
  version: number;
  number: string;
  title: string;
  clauses: string;
  stateLabel: string;
  stateColor: string;
  restricted: boolean;
  requester: string;
  unit: string;
  submitted: string;
  routeNote: string;
  facts: Fact[];
  history: HistoryItem[];
  banner: string;
  bannerStyle: BannerStyle;
  /** Decision inputs and Approve / Decline / Request changes. */
  decide: boolean;
  escalate: boolean;
  withdraw: boolean;
  edit: boolean;
  typed: { comment: string; conditions: string; validUntil: string };
  /** Teams user ids (29:…) whose clients refresh the card to their own view; at most 60. */
  userIds: string[];
}

export interface RequestCardInput {
  request: StoredRequest;
  events: readonly StoredEvent[];
  viewer: Viewer;
  directory: Directory;
  refreshUserIds?: readonly string[];
  banner?: Banner;
  /** What the viewer typed into the decision boxes, kept when their action is refused. */
  typed?: { comment?: string; conditions?: string; validUntil?: string };
  /** Fewer history lines and shorter values, for a card that would otherwise pass 28 KB. */
  compact?: boolean;
}

/** Teams refreshes a card automatically for at most 60 listed users. */
export const REFRESH_USER_LIMIT = 60;

/** Who sees their own view: whoever may decide now, those routed to, and the requester. */
export function refreshAudience(request: StoredRequest, directory: Directory): PersonId[] {
  return [...new Set([request.requesterId, ...request.deciders, ...currentDeciders(request, directory)].map((id) => id.toLowerCase()))];
}

export function requestCardData(input: RequestCardInput): RequestCardData {
  const { request, viewer, directory } = input;
  const open = !isFinal(request.state);
  let restricted = false;
  let decide = false;
  let escalate = false;
  let withdraw = false;
  let edit = false;
  if (viewer.type === 'person') {
    restricted = !can({ id: viewer.id }, 'view', request, directory);
    decide = !restricted && can({ id: viewer.id }, 'decide', request, directory);
    escalate = decide && request.state === 'awaiting-decision' && request.decidedBy !== 'communications';
    withdraw = !restricted && can({ id: viewer.id }, 'withdraw', request, directory);
    edit = withdraw && request.state === 'changes-requested' && actorFor(directory, viewer.id).id === request.requesterId.toLowerCase();
  } else {
    // The channel's shared copy is for Communications: the buttons show, and the
    // server checks that whoever presses one is a member before anything changes.
    decide = open && (request.state === 'escalated' || (request.state === 'awaiting-decision' && request.decidedBy === 'communications'));
  }
  const spec = KIND_SPECS[request.kind];
  return {
    requestId: request.id,
    version: request.version,
    number: request.number,
    title: spec.title,
    clauses: `PR.708.IT ${spec.clauses.join(', ')}`,
    stateLabel: STATE_LABELS[request.state],
    stateColor: STATE_COLORS[request.state],
    restricted,
    requester: request.requesterName,
    unit: unitLabel(request, directory),
    submitted: formatWhen(request.createdAt),
    routeNote: stateNote(request, directory),
    facts: restricted ? [] : valueFacts(request, directory, input.compact ? 500 : VALUE_MAX),
    history: restricted ? [] : historyItems(request, input.events, directory, input.compact ? 3 : HISTORY_MAX, input.compact ? 200 : CARD_TEXT_MAX),
    banner: input.banner?.text ?? '',
    bannerStyle: input.banner?.style ?? 'accent',
    decide,
    escalate,
    withdraw,
    edit,
    typed: {
      comment: clip(input.typed?.comment ?? '', 2000),
      conditions: clip(input.typed?.conditions ?? '', 2000),
      validUntil: input.typed?.validUntil ?? '',
    },
    userIds: (input.refreshUserIds ?? []).slice(0, REFRESH_USER_LIMIT),
  };
}

export interface WrittenPermissionData {
  number: string;
  title: string;
  clauses: string;
  requester: string;
  unit: string;
  approvedBy: string;
  approvedAt: string;
  conditions: string;
  validity: string;
  facts: Fact[];
}

/** The approval as the requester keeps it: number, who approved and when, conditions, validity. */
export function writtenPermissionData(request: StoredRequest, approval: StoredEvent, directory: Directory): WrittenPermissionData {
  const spec = KIND_SPECS[request.kind];
  const from = typeof request.values.startDate === 'string' ? formatDay(request.values.startDate) : formatWhen(approval.at);
  const until = request.validUntil ? formatDay(request.validUntil) : undefined;
  return {
    number: request.number,
    title: spec.title,
    clauses: `PR.708.IT ${spec.clauses.join(', ')}`,
    requester: request.requesterName,
    unit: unitLabel(request, directory),
    approvedBy: personName(directory, approval.actorId, request),
    approvedAt: formatWhen(approval.at),
    conditions: request.conditions ?? 'None',
    validity: until ? `From ${from} until ${until}` : `From ${from}, with no end date`,
    facts: valueFacts(request, directory),
  };
}

export interface RequestListItem {
  requestId: string;
  number: string;
  title: string;
  stateLabel: string;
  stateColor: string;
  detail: string;
  history: string;
}

export interface RequestListData {
  title: string;
  intro: string;
  empty: string;
  items: RequestListItem[];
}

export function requestListItem(request: StoredRequest, events: readonly StoredEvent[], directory: Directory): RequestListItem {
  const history = historyItems(request, events, directory, 4)
    .map((h) => `${h.what}: ${h.who}, ${h.when}${h.comment ? ` (“${clip(h.comment.split('\n')[0] ?? '', 120)}”)` : ''}`)
    .join('\n\n');
  return {
    requestId: request.id,
    number: request.number,
    title: KIND_SHORT_TITLES[request.kind],
    stateLabel: STATE_LABELS[request.state],
    stateColor: STATE_COLORS[request.state],
    detail: `${request.requesterName} · ${unitLabel(request, directory)} · submitted ${formatWhen(request.createdAt)}`,
    history,
  };
}

export interface ChooseKindData {
  title: string;
  intro: string;
  banner: string;
  kinds: Array<{ kind: RequestKind; title: string; description: string }>;
}

export function chooseKindData(banner = ''): ChooseKindData {
  return {
    title: 'Request written permission',
    intro: 'Choose what you need permission for. The bot sends it to whoever decides (your principal or a designate, your supervisor, or Communications) and tells you the answer.',
    banner,
    kinds: (Object.keys(KIND_SPECS) as RequestKind[]).map((kind) => ({
      kind,
      title: KIND_SHORT_TITLES[kind],
      description: `${KIND_SPECS[kind].intro}`,
    })),
  };
}
