import { renderCard, Card } from '../../cardTemplates';
import type { Services } from '../../services';
import type { Actor, RouteSet } from '../bot';

/** The card people see on install and on `help`: what the bot does and where to start. */
export const EXAMPLE_QUESTIONS = [
  'A student sent me a friend request, can I accept?',
  'Can I use the school logo on our team Instagram?',
  'Who approves a new school social media account?',
];

export function welcomeCard(services: Services, _actor: Actor | undefined): Card {
  const crisis = services.oversight.crisis.current();
  return renderCard('welcome', {
    greeting: 'I help you follow the district procedure PR.708.IT, Social Media Use by Employees. Ask in your own words; I answer with what the procedure says and quote it.',
    // Crisis mode (3.2): the public line Communications gave, shown above everything else.
    crisis: crisis.on ? crisis.publicLine : null,
    examples: EXAMPLE_QUESTIONS,
    procedureNumber: 'PR.708.IT',
    procedureIssued: '25 June 2024',
  });
}

export function welcomeRoutes(services: Services): RouteSet {
  return { welcome: async (actor) => welcomeCard(services, actor) };
}
