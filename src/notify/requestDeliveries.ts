import type { Directory } from '../directory/types';
import { requestCard, writtenPermissionCard, type CardDeps } from '../requests/cards';
import { can } from '../requests/permissions';
import type { StoredEvent, StoredRequest, RequestStore } from '../requests/ports';
import { businessDaysBetween } from '../requests/reminders';
import { decisionSentence, lastDecision, personName, type Banner, type Viewer } from '../requests/views';
import type { OutboxRow } from '../store/outbox';
import type { Deliver, DeliveryResult } from './outbox';
import { DeliveryError, type Messenger, type OutboundMessage } from './messenger';

/**
 * How each kind of request notification is delivered. Cards are drawn here,
 * at delivery, from the request as it is now. Summaries (what Teams shows in
 * the activity feed) carry the number and the kind of news only, never what
 * anyone typed.
 */
export interface RequestDeliveryDeps {
  requests: RequestStore;
  directory: Directory;
  messenger: Messenger;
  now: () => Date;
}

export function requestDeliverer(deps: RequestDeliveryDeps): Deliver {
  const cardDeps: CardDeps = { directory: deps.directory, teamsUserIds: (ids) => deps.messenger.teamsUserIdsOf(ids) };

  const load = async (row: OutboxRow): Promise<{ request: StoredRequest; events: StoredEvent[] }> => {
    const request = row.payload.requestId ? await deps.requests.byId(row.payload.requestId) : undefined;
    // A notification about a request that is not there can never succeed.
    if (!request) throw new DeliveryError(`request ${row.payload.requestId} not found`, undefined, undefined, true);
    return { request, events: await deps.requests.events(request.id) };
  };

  const personOf = (row: OutboxRow): string => {
    if (row.target.type !== 'person') throw new DeliveryError(`${row.kind} needs a person to send to`, undefined, undefined, true);
    return row.target.aadId;
  };

  const postCard = async (row: OutboxRow, signal: AbortSignal, request: StoredRequest, events: StoredEvent[], viewer: Viewer, banner: Banner | undefined, summary: string): Promise<DeliveryResult> => {
    const card = await requestCard(cardDeps, request, events, viewer, banner ? { banner } : {});
    const message: OutboundMessage = { card, summary };
    let delivered;
    if (row.target.type === 'channel') delivered = await deps.messenger.sendToChannel(row.target.channel.teamId, row.target.channel.channelId, message, { signal });
    else delivered = await deps.messenger.sendToPerson(personOf(row), message, { signal });
    if (!delivered.activityId) return {};
    const viewerId = viewer.type === 'person' ? viewer.id : null;
    return {
      posted: {
        copy: { requestId: request.id, conversationId: delivered.conversationId, activityId: delivered.activityId, viewerId, createdAt: deps.now().toISOString() },
        renderedVersion: request.version,
      },
    };
  };

  return async (row, signal) => {
    const { request, events } = await load(row);
    const event = row.payload.seq !== undefined ? events.find((e) => e.seq === row.payload.seq) : undefined;
    switch (row.kind) {
      case 'decision-card': {
        const person = personOf(row);
        // Delivered late (after retries) to a request someone already decided: say so rather than ask.
        const banner: Banner = can({ id: person }, 'decide', request, deps.directory)
          ? { text: `${request.requesterName} asks for your decision.`, style: 'accent' }
          : { text: `This request was sent to you for a decision. ${decisionSentence(request, lastDecision(events), deps.directory)}`, style: 'accent' };
        return postCard(row, signal, request, events, { type: 'person', id: person }, banner, `${request.number} awaits your decision`);
      }
      case 'escalation-card':
        return postCard(row, signal, request, events, { type: 'channel' }, { text: 'Escalated to Communications: a member of Communications decides.', style: 'warning' }, `${request.number} escalated to Communications`);
      case 'reminder': {
        const person = personOf(row);
        // Decided, withdrawn or moved on since the reminder was queued: nothing to remind about.
        if (!can({ id: person }, 'decide', request, deps.directory)) return { skipped: 'no longer awaiting this person' };
        const days = businessDaysBetween(new Date(request.updatedAt), deps.now());
        return postCard(row, signal, request, events, { type: 'person', id: person }, { text: `Reminder: this request has waited ${days} business day${days === 1 ? '' : 's'} for a decision.`, style: 'warning' }, `Reminder: ${request.number} awaits your decision`);
      }
      case 'requester-notice': {
        const banner = noticeBanner(request, event, deps.directory);
        return postCard(row, signal, request, events, { type: 'person', id: personOf(row) }, banner, `${request.number}: ${banner.text.split(':')[0]}`);
      }
      case 'written-permission': {
        const approval = event ?? [...events].reverse().find((e) => e.action === 'approve');
        if (!approval) throw new DeliveryError(`no approval recorded for ${request.number}`, undefined, undefined, true);
        await deps.messenger.sendToPerson(personOf(row), { card: writtenPermissionCard(deps.directory, request, approval), summary: `Written permission ${request.number}` }, { signal });
        return {};
      }
      case 'card-update': {
        if (row.target.type !== 'copy') throw new DeliveryError('card-update needs a card copy', undefined, undefined, true);
        const viewerId = row.payload.viewerId;
        const viewer: Viewer = viewerId ? { type: 'person', id: viewerId } : { type: 'channel' };
        const card = await requestCard(cardDeps, request, events, viewer);
        await deps.messenger.update(row.target.conversationId, row.target.activityId, { card, summary: `${request.number}: ${request.state.replace('-', ' ')}` }, { signal });
        return {};
      }
      case 'unreachable-notice': {
        // Told in place of a decider Teams would not reach: who and why, then the card to decide from.
        const viewer: Viewer = row.target.type === 'channel' ? { type: 'channel' } : { type: 'person', id: personOf(row) };
        const who = typeof event?.data.who === 'string' ? event.data.who : 'a decider';
        const why = typeof event?.data.why === 'string' ? `: ${event.data.why}` : '';
        const stillOpen = viewer.type === 'channel' ? request.state === 'escalated' || (request.state === 'awaiting-decision' && request.decidedBy === 'communications') : can({ id: viewer.id }, 'decide', request, deps.directory);
        const then = stillOpen ? 'You are told in their place, so you can decide.' : decisionSentence(request, lastDecision(events), deps.directory);
        return postCard(row, signal, request, events, viewer, { text: `Could not reach ${who}${why}. ${then}`, style: 'warning' }, `${request.number}: could not reach a decider`);
      }
      case 'question-to-communications':
      case 'question-answer':
        throw new DeliveryError(`${row.kind} is not a request notification`, undefined, undefined, true);
    }
  };
}

function noticeBanner(request: StoredRequest, event: StoredEvent | undefined, directory: Directory): Banner {
  const who = event ? personName(directory, event.actorId, request) : 'The decider';
  switch (event?.action ?? request.state) {
    case 'decline':
    case 'declined':
      return { text: `Declined by ${who}. The reason is in the history below.`, style: 'attention' };
    case 'request-changes':
    case 'changes-requested':
      return { text: `Changes requested by ${who}: see the history below, then press Edit and resubmit.`, style: 'warning' };
    case 'expire':
    case 'expired':
      return { text: `Expired: this permission has reached its end date. Ask again if you still need it.`, style: 'warning' };
    default:
      return { text: `Update on your request.`, style: 'accent' };
  }
}
