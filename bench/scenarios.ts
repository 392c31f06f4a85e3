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

/**
 * HOOK(approval-from-card): issue 7 point 1 also asks for "an approval from a card". Approvals
 * are being built elsewhere right now; when their card verb lands (an Action.Execute invoke,
 * say `request.decide` with { requestId, decision: 'approve' }), add the scenario here:
 *
 *   1. before the run, create requests to approve (through the real services or by posting the
 *      request-form submits as a staff user), one per expected approval, so that every turn
 *      decides a pending request rather than hitting "already decided";
 *   2. return a Scenario with target 'real', a body() that posts the approver's invoke for the
 *      next pending request id (the approver must be an approver in the sample directory), a
 *      responseOk() that recognises the refreshed card, and expectReply matching what the
 *      decision sends (notifications go through the outbox, so count them after the run);
 *   3. return it from here instead of undefined: bench/http.ts runs whatever this returns,
 *      after the draft check, and reports it beside the others with its ratios to the echo bot.
 */
export function approvalFromCard(_inputs: ScenarioInputs): Scenario | undefined {
  return undefined;
}
