import { verifyChain, type ChainProblem } from '../requests/eventChain';
import type { StoredEvent, StoredRequest } from '../requests/ports';
import type { OversightRepository } from '../store/oversight';

/**
 * The audit of every request's history (`cli -- audit verify`): each event
 * must carry the hash of the one before it and a hash of its own contents
 * (src/requests/eventChain.ts), numbered without gaps, and the last event
 * must leave the request in the state the requests table says it is in. An
 * edited event, a removed one, or a request row changed behind the
 * history's back shows up as a broken link.
 */

export type LinkProblem = ChainProblem['problem'] | 'no-history' | 'state-mismatch';

export interface BrokenLink {
  requestId: string;
  number: string;
  /** The event where the chain breaks (0 when the request has no history at all). */
  seq: number;
  action?: string;
  at?: string;
  problem: LinkProblem;
  message: string;
}

export interface AuditResult {
  requests: number;
  events: number;
  /** The first broken link of each request that has one, in the order requests were made. */
  broken: BrokenLink[];
}

const PROBLEM_WORDS: Record<LinkProblem, string> = {
  gap: 'an event is missing before it (the numbering skips)',
  'prev-hash': 'it does not carry the hash of the event before it (an earlier event was changed or removed)',
  hash: 'its hash does not match its contents (it was changed after it was recorded)',
  'no-history': 'the request has no recorded history at all',
  'state-mismatch': 'the history ends in a different state from the request (its latest events were removed, or the request was changed outside the workflow)',
};

/** The first broken link in one request's history, or null when it holds. */
export function checkRequestHistory(request: StoredRequest, events: readonly StoredEvent[]): BrokenLink | null {
  const link = (seq: number, problem: LinkProblem, event?: StoredEvent): BrokenLink => ({
    requestId: request.id,
    number: request.number,
    seq,
    ...(event ? { action: event.action, at: event.at } : {}),
    problem,
    message: `${request.number}, event ${seq}${event ? ` (${event.action}, ${event.at})` : ''}: ${PROBLEM_WORDS[problem]}.`,
  });
  if (events.length === 0) return link(0, 'no-history');
  const problem = verifyChain(events);
  if (problem) return link(problem.seq, problem.problem, events.find((e) => e.seq === problem.seq));
  const last = events[events.length - 1]!;
  if (last.toState !== request.state) return link(last.seq, 'state-mismatch', last);
  return null;
}

export async function verifyAllHistories(repo: Pick<OversightRepository, 'requestPage' | 'eventsOf'>, pageSize = 500): Promise<AuditResult> {
  const result: AuditResult = { requests: 0, events: 0, broken: [] };
  let after: { createdAt: string; id: string } | undefined;
  for (;;) {
    const page = await repo.requestPage(after, pageSize);
    if (page.length === 0) break;
    const events = await repo.eventsOf(page.map((r) => r.id));
    for (const request of page) {
      const history = events.get(request.id) ?? [];
      result.requests += 1;
      result.events += history.length;
      const broken = checkRequestHistory(request, history);
      if (broken) result.broken.push(broken);
    }
    const last = page[page.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
    if (page.length < pageSize) break;
  }
  return result;
}
