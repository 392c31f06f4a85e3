import { disclaimerMissing as d } from '../../../src/policy/detectors/disclaimerMissing';
import { ctx, fires, spans } from './helpers';

describe('disclaimerMissing (4.5), advice only', () => {
  it.each([
    ['So proud of my school for hosting the science fair!', ['my school']],
    ['The OCDSB should fund more EAs.', ['OCDSB']],
    ['The board voted last night on boundaries.', ['The board']],
  ])('fires on %j from a personal account', (text, expected) => {
    expect(spans(d, text)).toEqual(expected);
  });

  it.each([
    'Proud of the OCDSB for its new strategy. Views are my own.',
    'My opinions are mine, not the board\'s: the school did great.',
    'These are my own views, not my school\'s.',
    'Teaching my class about ecosystems this week.',
    'Board games night was fun.',
  ])('does not fire on %j', (text) => {
    expect(spans(d, text)).toEqual([]);
  });

  it('only concerns personal accounts', () => {
    expect(fires(d, 'Our school is hosting the science fair!', ctx('school'))).toEqual([]);
  });

  it('is advice under 4.5', () => {
    expect(fires(d, 'My school rocks.')[0]).toMatchObject({ severity: 'advice', clause: '4.5' });
  });
});
