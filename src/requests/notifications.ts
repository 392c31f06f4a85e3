import type { Directory } from '../directory/types';
import type { CardCopy, NewNotification, StoredEvent, StoredRequest } from './ports';
import { currentDeciders } from './views';

/**
 * Who must hear about a change, as outbox rows written in the same
 * transaction as the change. Pure, so the table of "this event tells these
 * people" is tested without a database. Every dedupe key starts with
 * `kind:requestId:` and names the version, so a retried transaction or a
 * second bot instance never queues the same message twice.
 */
export function notificationsFor(request: StoredRequest, event: StoredEvent, copies: readonly CardCopy[], directory: Directory): NewNotification[] {
  const id = request.id;
  const v = `v${request.version}`;
  const out: NewNotification[] = [];

  const decisionCards = (): void => {
    for (const person of currentDeciders(request, directory)) {
      out.push({ dedupeKey: `decision-card:${id}:${v}:${person}`, kind: 'decision-card', target: { type: 'person', aadId: person }, payload: { requestId: id, viewerId: person } });
    }
  };
  const toCommunications = (): void => {
    const channel = directory.communications().channel;
    if (channel) {
      out.push({ dedupeKey: `escalation-card:${id}:${v}:channel`, kind: 'escalation-card', target: { type: 'channel', channel }, payload: { requestId: id, viewerId: null } });
    } else {
      // No channel configured: each member of Communications gets the card 1:1 instead.
      decisionCards();
    }
  };
  const toRequester = (kind: 'written-permission' | 'requester-notice'): void => {
    out.push({
      dedupeKey: `${kind}:${id}:${v}:${request.requesterId}`,
      kind,
      target: { type: 'person', aadId: request.requesterId },
      payload: { requestId: id, viewerId: request.requesterId, seq: event.seq },
    });
  };
  const updateCopies = (): void => {
    for (const c of copies) {
      out.push({
        dedupeKey: `card-update:${id}:${v}:${c.conversationId}:${c.activityId}`,
        kind: 'card-update',
        target: { type: 'copy', conversationId: c.conversationId, activityId: c.activityId },
        payload: { requestId: id, viewerId: c.viewerId },
      });
    }
  };

  switch (event.action) {
    case 'submit':
      if (request.state === 'escalated') toCommunications();
      else decisionCards();
      break;
    case 'resubmit':
      updateCopies();
      // A fresh card, so the change shows at the bottom of each decider's chat.
      if (request.state === 'escalated') toCommunications();
      else decisionCards();
      break;
    case 'approve':
      updateCopies();
      toRequester('written-permission');
      break;
    case 'decline':
    case 'request-changes':
    case 'expire':
      updateCopies();
      toRequester('requester-notice');
      break;
    case 'escalate':
      updateCopies();
      toCommunications();
      break;
    case 'withdraw':
      updateCopies();
      break;
    case 'remind': {
      const n = typeof event.data.reminder === 'number' ? event.data.reminder : event.seq;
      for (const person of currentDeciders(request, directory)) {
        out.push({ dedupeKey: `reminder:${id}:${v}:n${n}:${person}`, kind: 'reminder', target: { type: 'person', aadId: person }, payload: { requestId: id, viewerId: person, seq: event.seq } });
      }
      break;
    }
  }
  return out;
}
