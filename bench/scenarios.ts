import { execute, message } from '../test/support/activities';
import type { TestUser } from '../test/support/people';
import type { EvalDraft, EvalQuestion } from './evalData';

/**
 * What the load generator posts to /api/messages. Every request is a fresh Teams-shaped
 * activity (test/support/activities.ts) with its own id, from one of a pool of users, with
 * the eval inputs rotated so the bot never answers the same text twice in a row.
 */
export type Target = 'echo' | 'real';

export interface Scenario {
  name: string;
  /** Which bot it loads. */
  target: Target;
  /** What a turn is, for the report. */
  description: string;
  /** The next request body (JSON). Called once per request by the load generator. */
  body(): string;
  /**
   * Optional check of each HTTP response (invokes are answered in the response): returns
   * false for a 2xx that is not the expected answer (e.g. the apology card of a failed turn).
   */
  responseOk?(status: number, body: string): boolean;
  /**
   * What the connector stand-in should have received per 2xx turn: 'card' for a question
   * turn (the answer card), 'text' for the echo, 'none' for an invoke answered in the response.
   */
  expectReply: 'card' | 'text' | 'none';
}

/** Distinct bench users; enough that per-user state stays realistic, few enough to stay bounded. */
export function benchUsers(count: number): TestUser[] {
  return Array.from({ length: count }, (_, i) => ({
    aadId: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    name: `Bench User ${i + 1}`,
  }));
}

function rotation<T>(items: readonly T[]): () => T {
  if (items.length === 0) throw new Error('nothing to rotate');
  let i = 0;
  return () => {
    const item = items[i]!;
    i = (i + 1) % items.length;
    return item;
  };
}

/**
 * The users are walked with a stride coprime to their count, so consecutive requests come
 * from different people and a user's turns are spread out.
 */
function userRotation(users: readonly TestUser[]): () => TestUser {
  let i = 0;
  const stride = users.length > 7 && users.length % 7 !== 0 ? 7 : 1;
  return () => {
    const user = users[i]!;
    i = (i + stride) % users.length;
    return user;
  };
}

export interface ScenarioInputs {
  serviceUrl: string;
  users: readonly TestUser[];
  questions: readonly EvalQuestion[];
  drafts: readonly EvalDraft[];
}

/** The echo baseline gets the very same message activities as the question turn. */
export function echoTurn(inputs: ScenarioInputs): Scenario {
  const user = userRotation(inputs.users);
  const question = rotation(inputs.questions);
  return {
    name: 'echo bot: message',
    target: 'echo',
    description: 'message activity (same bodies as the question turn), echoed back through the connector',
    body: () => JSON.stringify(message(user(), inputs.serviceUrl, question().text)),
    expectReply: 'text',
  };
}

export function questionTurn(inputs: ScenarioInputs): Scenario {
  const user = userRotation(inputs.users);
  const question = rotation(inputs.questions);
  return {
    name: 'question turn',
    target: 'real',
    description: `message activity with an eval question (${inputs.questions.length} rotated), answer card sent through the connector`,
    body: () => JSON.stringify(message(user(), inputs.serviceUrl, question().text)),
    expectReply: 'card',
  };
}

const CARD_RESPONSE = '"application/vnd.microsoft.card.adaptive"';

export function draftCheck(inputs: ScenarioInputs): Scenario {
  const user = userRotation(inputs.users);
  const draft = rotation(inputs.drafts);
  return {
    name: 'draft check',
    target: 'real',
    description: `adaptiveCard/action invoke, verb check.run, data {draft, account} (${inputs.drafts.length} eval drafts rotated), card in the HTTP response`,
    body: () => {
      const d = draft();
      return JSON.stringify(execute(user(), inputs.serviceUrl, 'check.run', { draft: d.text, account: d.account }));
    },
    responseOk: (status, body) => status === 200 && body.includes(CARD_RESPONSE),
    expectReply: 'none',
  };
}

/** An approval the load generator may post: the pending request, its version and its principal. */
export interface PendingApproval {
  requestId: string;
  version: number;
  approverId: string;
  approverName: string;
}

export interface ApprovalScenario extends Scenario {
  /** The requests seeded in the bot now serving this scenario (replacing any earlier bot's), each approved once. */
  use(pending: readonly PendingApproval[]): void;
  remaining(): number;
  /** Turns posted after the seeded requests ran out (each one a refusal, counted as a bad response). */
  overdrawn(): number;
}

/**
 * A principal pressing Approve on a request's card: an adaptiveCard/action invoke with verb
 * request.approve and { requestId, version }, from the principal the request was routed to,
 * answered in the HTTP response with the redrawn card ("You approved WP-…"). The decision
 * commits the event, the written permission and the outbox rows (the requester's written
 * permission, every copy of the card) in one transaction; the outbox then delivers them during
 * the run, as it would. Each turn decides a different pending request, seeded beforehand
 * through the real request service (bench/approvals.ts) in the bot that serves the scenario.
 */
export function approvalFromCard(inputs: ScenarioInputs): ApprovalScenario {
  const queue: PendingApproval[] = [];
  let head = 0;
  let overdrawn = 0;
  return {
    name: 'approval from a card',
    target: 'real',
    description: 'adaptiveCard/action invoke, verb request.approve, data {requestId, version}, from the routed principal, on a pending logo-use request; card in the HTTP response',
    use: (pending) => {
      queue.splice(0, queue.length, ...pending);
      head = 0;
    },
    remaining: () => queue.length - head,
    overdrawn: () => overdrawn,
    body: () => {
      const next = queue[head];
      if (!next) {
        // Out of pending requests: this turn is refused ("could not be found") and counted bad.
        overdrawn++;
        return JSON.stringify(execute(inputs.users[0]!, inputs.serviceUrl, 'request.approve', { requestId: '00000000-0000-4000-8000-000000000000', version: 1 }));
      }
      head++;
      if (head > 10_000) {
        queue.splice(0, head);
        head = 0;
      }
      return JSON.stringify(execute({ aadId: next.approverId, name: next.approverName }, inputs.serviceUrl, 'request.approve', { requestId: next.requestId, version: next.version }));
    },
    responseOk: (status, body) => status === 200 && body.includes(CARD_RESPONSE) && body.includes('You approved'),
    expectReply: 'none',
  };
}
