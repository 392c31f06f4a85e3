import { aboutCrisis, keywordsOf, stateOf, type CrisisState } from '../../../src/oversight/crisis';
import { withCrisisNotice, CRISIS_NOTICE } from '../../../src/oversight/crisisNotice';
import { renderCard } from '../../../src/cardTemplates';
import { expectValidCard, cardText } from '../../support/cardCheck';

const on: CrisisState = { on: true, publicLine: 'Hold and secure at Riverside Secondary this morning; updates come from the district only.', keywords: keywordsOf('Hold and secure at Riverside Secondary this morning; updates come from the district only.'), since: '2026-03-02T15:00:00.000Z', by: 'Claire Donovan' };
const off = stateOf(undefined);

describe('crisis mode: which questions and drafts are about the event', () => {
  it('takes the words that pick out the event from the public line, not the everyday ones', () => {
    expect(on.keywords).toEqual(expect.arrayContaining(['hold', 'secure', 'riverside']));
    expect(on.keywords).not.toEqual(expect.arrayContaining(['school']));
    expect(on.keywords).not.toContain('secondary');
    expect(on.keywords).not.toContain('morning');
    expect(on.keywords).not.toContain('district');
  });

  it('matches a named place, a crisis described, or an answer resting on 3.2, and nothing while off', () => {
    expect(aboutCrisis(on, 'Can I post that Riverside kids are fine?')).toBe(true);
    expect(aboutCrisis(on, 'There are police at the school and we are in lockdown')).toBe(true);
    expect(aboutCrisis(on, 'who do I ask?', ['3.2'])).toBe(true);
    expect(aboutCrisis(on, 'Can I use the school logo on our team Instagram?', ['4.13'])).toBe(false);
    expect(aboutCrisis(on, 'riversides are nice')).toBe(true);
    expect(aboutCrisis(off, 'There are police at the school and we are in lockdown', ['3.2'])).toBe(false);
  });

  it('puts the notice above everything else on the card, and only when it is about the event', () => {
    const card = renderCard('welcome', { greeting: 'Hello', crisis: null, examples: ['a'], procedureNumber: 'PR.708.IT', procedureIssued: '25 June 2024' });
    const noticed = withCrisisNotice(card, on, 'Riverside lockdown photos?');
    expectValidCard(noticed);
    const first = (noticed.body as any[])[0];
    expect(first.style).toBe('attention');
    expect(cardText(first)).toContain(CRISIS_NOTICE);
    expect(cardText(first)).toContain(on.publicLine);
    expect((noticed.body as unknown[]).length).toBe((card.body as unknown[]).length + 1);
    expect(withCrisisNotice(card, on, 'Can I use the logo?')).toBe(card);
  });
});
