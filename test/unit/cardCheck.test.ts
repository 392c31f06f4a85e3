import { cardProblems } from '../support/cardCheck';

/** The card checker every end-to-end test relies on must itself catch what it claims to. */
describe('the card checker of the test channel', () => {
  const card = (text: string, version = '1.5') => ({ type: 'AdaptiveCard', version, body: [{ type: 'TextBlock', text }] });

  it('passes a plain 1.5 card', () => {
    expect(cardProblems(card('hello'))).toEqual([]);
  });

  it('catches a newer version, an unknown element, a template leftover and an oversized card', () => {
    expect(cardProblems(card('hi', '1.6')).join()).toMatch(/version 1\.6/);
    expect(cardProblems({ ...card('hi'), body: [{ type: 'Bogus' }] }).join()).toMatch(/Unknown element type/);
    expect(cardProblems(card('You asked: ${question}')).join()).toMatch(/unexpanded/);
    expect(cardProblems(card('x'.repeat(30_000))).join()).toMatch(/over 28 KB/);
  });

  it('does not mistake text a person typed for a template leftover', () => {
    expect(cardProblems(card('You asked: ${values.draft}'), ['${values.draft}'])).toEqual([]);
    expect(cardProblems(card('You asked: ${values.draft} and ${other}'), ['${values.draft}']).join()).toMatch(/unexpanded/);
  });
});
