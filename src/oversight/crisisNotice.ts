import { renderCard, type Card } from '../cardTemplates';
import { formatWhen } from '../requests/views';
import { aboutCrisis, type CrisisState } from './crisis';

/**
 * The crisis notice (3.2) at the very top of an answer or a draft check about
 * the event, so nobody reads past it to a "you may post" further down. The
 * notice is its own template (cards/crisis-notice.json), placed above the
 * other card's body.
 */
export const CRISIS_NOTICE = "Communications is handling public communication about this; please don't post about it.";

export function crisisNoticeCard(state: CrisisState): Card {
  return renderCard('crisis-notice', { publicLine: state.publicLine ?? '', since: state.since ? formatWhen(state.since) : 'now' });
}

export function withCrisisNotice(card: Card, state: CrisisState, text: string, clauses: readonly string[] = []): Card {
  if (!aboutCrisis(state, text, clauses)) return card;
  const notice = crisisNoticeCard(state);
  const body = Array.isArray(card.body) ? card.body : [];
  return { ...card, body: [...(notice.body as unknown[]), ...body] };
}
