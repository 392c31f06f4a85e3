import type { RequestService } from '../requests/service';
import type { FallbackLevel, UnreachableTarget } from '../requests/unreachableDecider';
import type { OutboxRow } from '../store/outbox';
import type { DeliveryError } from './messenger';

/**
 * The outbox worker's dead-letter hook: when Teams refuses a decider's card
 * for good (403/404: not installed, blocked, unknown user, chat gone), the
 * request service records it and tells whoever decides instead. Only cards
 * that ask someone to decide count: a failed update of a card copy, or a
 * notice to the requester, leaves no decision waiting on anyone. A 500 or a
 * timeout is never "unreachable", even once attempts run out: Teams may take
 * the message tomorrow, and the dead letter can be sent again.
 */
export function tellOthersWhenUnreachable(requests: Pick<RequestService, 'deciderNotReached'>): (row: OutboxRow, failure: DeliveryError) => Promise<void> {
  return async (row, failure) => {
    const requestId = row.payload.requestId;
    if (!failure.unreachable || !requestId) return;
    let fallback: FallbackLevel;
    switch (row.kind) {
      case 'decision-card':
      case 'reminder':
      case 'escalation-card':
        fallback = 0;
        break;
      case 'unreachable-notice':
        fallback = row.payload.fallback ?? 2;
        break;
      default:
        return;
    }
    let target: UnreachableTarget;
    if (row.target.type === 'person') target = { type: 'person', id: row.target.aadId };
    else if (row.target.type === 'channel') target = { type: 'channel' };
    else return;
    await requests.deciderNotReached(requestId, { outboxId: row.id, target, reason: failure.unreachable, fallback, root: row.payload.root ?? row.id });
  };
}
