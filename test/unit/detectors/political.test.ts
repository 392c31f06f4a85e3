import { political as d } from '../../../src/policy/detectors/political';
import { ctx, expectWellFormed, fires, spans } from './helpers';

describe('political (4.10(c)), school and district accounts only', () => {
  it.each([
    ['Vote for the Conservatives on Thursday!', ['Vote for the Conservatives']],
    ['Get out and support the NDP!', ['support the NDP']],
    ['Proud to stand with the Liberals on child care.', ['stand with the Liberals']],
    ['Our union\'s position on Bill 28 is clear: we oppose it.', ["union's position", 'Bill 28']],
    ['The provincial election is a chance to stop Doug Ford.', ['provincial election', 'Doug Ford']],
    ['The Greens have the best platform this election.', ['Greens']],
    ['Vote Liberal on Monday!', ['Vote Liberal']],
    ['We stand in solidarity with ETFO this week.', ['solidarity with ETFO']],
    ['Tell your MPP to oppose the cuts!', ['Tell your MPP to oppose']],
  ])('fires on %j', (text, expected) => {
    expect(spans(d, text, ctx('school'))).toEqual(expected);
    expectWellFormed(d, text, ctx('school'));
  });

  it('fires on a district account too', () => {
    expect(spans(d, 'Vote for the NDP!', ctx('district'))).toEqual(['Vote for the NDP']);
  });

  it.each([
    'Student council election results are in!',
    'Class president vote is Friday.',
    'Civics class learns how elections work.',
    'Our Grade 10 civics class held a mock federal election today.',
    'Vote for your favourite book cover in the library!',
    'Vote for Maya for student council president!',
    'Our school will be a polling station on election day. Expect the parking lot to be busy.',
    'Eat your greens at lunch!',
    'New PCs arrived in the computer lab.',
    'The riding club meets Tuesday.',
    'Thanks to Mr. Ford for coaching the team!',
    'The Grade 12 Data Management class analyzed turnout from the last federal election.',
    'Our Grade 5s wrote to our MP and said thank you for visiting.',
    'Play your trump cards wisely in math games club!',
  ])('does not fire on %j', (text) => {
    expect(spans(d, text, ctx('school'))).toEqual([]);
  });

  it('leaves political content on a personal account alone', () => {
    expect(fires(d, 'Vote for the NDP on Thursday!', ctx('personal'))).toEqual([]);
  });
});
