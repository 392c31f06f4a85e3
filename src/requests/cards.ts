import { CARD_MAX_BYTES, renderCard, type Card } from '../cardTemplates';
import type { Directory, PersonId } from '../directory/types';
import type { StoredEvent, StoredRequest } from './ports';
import {
  chooseKindData,
  refreshAudience,
  requestCardData,
  requestListItem,
  writtenPermissionData,
  type Banner,
  type RequestCardInput,
  type Viewer,
} from './views';

/**
 * The request cards, rendered from the templates in cards/: one template per
 * card, filled from the typed data in views.ts. Nothing here builds card JSON.
 */
export interface CardDeps {
  directory: Directory;
  /** Teams user ids (29:…) of people who have chatted with the bot, for `refresh.userIds`; unknown people are left out. */
  teamsUserIds?: (aadIds: readonly PersonId[]) => Promise<Record<string, string>>;
}

/** Leaves a margin under Teams' limit for what the connector adds around the card. */
const CARD_BUDGET = CARD_MAX_BYTES - 1024;

export async function requestCard(
  deps: CardDeps,
  request: StoredRequest,
  events: readonly StoredEvent[],
  viewer: Viewer,
  options: { banner?: Banner; typed?: RequestCardInput['typed'] } = {},
): Promise<Card> {
  const audience = refreshAudience(request, deps.directory);
  const ids = deps.teamsUserIds ? await deps.teamsUserIds(audience) : {};
  const refreshUserIds = audience.map((id) => ids[id]).filter((x): x is string => typeof x === 'string' && x !== '');
  const input: RequestCardInput = { request, events, viewer, directory: deps.directory, refreshUserIds, ...options };
  const card = renderCard('request-card', requestCardData(input));
  if (Buffer.byteLength(JSON.stringify(card)) <= CARD_BUDGET) return card;
  return renderCard('request-card', requestCardData({ ...input, compact: true }));
}

export function writtenPermissionCard(directory: Directory, request: StoredRequest, approval: StoredEvent): Card {
  return renderCard('request-permission', writtenPermissionData(request, approval, directory));
}

export function requestListCard(
  directory: Directory,
  list: { title: string; intro: string; empty: string },
  requests: ReadonlyArray<{ request: StoredRequest; events: readonly StoredEvent[] }>,
): Card {
  const items = requests.map(({ request, events }) => requestListItem(request, events, directory));
  let card = renderCard('request-list', { ...list, items });
  // A long list is cut, newest first, rather than refused by Teams.
  while (Buffer.byteLength(JSON.stringify(card)) > CARD_BUDGET && items.length > 1) {
    items.pop();
    card = renderCard('request-list', { ...list, intro: `${list.intro} Showing the ${items.length} most recent.`, items });
  }
  return card;
}

export function chooseKindCard(banner = ''): Card {
  return renderCard('request-choose', chooseKindData(banner));
}
