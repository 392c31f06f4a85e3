import { confidential as d } from '../../../src/policy/detectors/confidential';
import { expectWellFormed, fires, spans } from './helpers';

describe('confidential (4.6(c))', () => {
  it.each([
    ["Can't believe what was in the confidential report from HR today.", ['confidential report']],
    ['Just got the internal memo about staffing.', ['internal memo']],
    ['Here is the leaked memo from the superintendent.', ['leaked memo']],
    ["Please don't share this but we're getting a new principal.", ["Please don't share this"]],
    ['From the staff meeting minutes: no more PD days.', ['staff meeting minutes']],
    ['This is confidential, but three positions are being cut.', ['This is confidential']],
    ['It is not public yet, but the school is closing.', ['not public yet']],
    ['Keep this between us: admin is moving Mr. Gagnon.', ['Keep this between us']],
    ['A memo from HR says we lose two EAs.', ['memo from HR']],
    ['For internal use only: the new staffing plan.', ['For internal use only']],
    ['Leaked: three schools are closing.', ['Leaked:']],
    ["Sharing the email admin sent staff today.", ['email admin sent staff']],
  ])('fires on %j', (text, expected) => {
    expect(spans(d, text)).toEqual(expected);
    expectWellFormed(d, text);
  });

  it.each([
    'Confidentiality matters: never post student information.',
    'Reminder: report cards are confidential and must be kept secure.',
    'The roof leaked in the gym again.',
    'Board meeting minutes are posted on the district website.',
    "Don't share your password with anyone.",
    'A great partnership between us and the public library!',
    'Memo to parents: picture day is Tuesday.',
  ])('does not fire on %j', (text) => {
    expect(spans(d, text)).toEqual([]);
  });

  it('is not-allowed under 4.6(c)', () => {
    expect(fires(d, 'internal memo')[0]).toMatchObject({ severity: 'not-allowed', clause: '4.6(c)' });
  });
});
