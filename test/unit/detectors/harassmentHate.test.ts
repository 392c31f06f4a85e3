import { harassmentHate as d } from '../../../src/policy/detectors/harassmentHate';
import { expectWellFormed, fires, spans } from './helpers';

describe('harassmentHate (4.6(c), 4.19(a))', () => {
  it.each([
    ['All immigrants are criminals.', ['All immigrants are criminals']],
    ['Muslims are a threat to our schools.', ['Muslims are a threat']],
    ['They should go back where they came from.', ['should go back where they came from']],
    ['Go back to your country.', ['Go back to your country']],
    ['To that parent: I know where you live.', ['I know where you live']],
    ['You will regret this.', ['You will regret this']],
    ['That kid is retarded.', ['retarded']],
    ['Deport all the refugees now.', ['Deport all the refugees']],
    ['Trans kids don\'t belong in our schools.', ["Trans kids don't belong in our schools"]],
    ['Sick of these people in hijabs taking over the parent council.', ['Sick of these people in hijabs']],
    ['Immigrants are stealing our jobs.', ['Immigrants are stealing our jobs']],
  ])('fires on %j', (text, expected) => {
    expect(spans(d, text)).toEqual(expected);
    expectWellFormed(d, text);
  });

  it.each([
    'All students are welcome at the dance.',
    'All teachers are heroes.',
    "I'll get you the forms tomorrow.",
    'Newcomer families are welcome at our welcome night.',
    'Go back to the classroom after recess.',
    'We raised money for the raccoons at the wildlife centre.',
    "Girls are sick of the dress code and we're listening.",
  ])('does not fire on %j', (text) => {
    expect(spans(d, text)).toEqual([]);
  });

  it('is not-allowed under 4.6(c) and 4.19(a)', () => {
    expect(fires(d, 'I know where you live')[0]).toMatchObject({
      severity: 'not-allowed',
      clause: '4.6(c)',
      clauses: ['4.6(c)', '4.19(a)'],
    });
  });
});
