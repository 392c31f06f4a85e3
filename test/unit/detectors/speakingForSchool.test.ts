import { speakingForSchool as d } from '../../../src/policy/detectors/speakingForSchool';
import { ctx, expectWellFormed, fires, spans } from './helpers';

describe('speakingForSchool (4.12), personal accounts', () => {
  it.each([
    ['On behalf of the school, we apologize for the delay.', ['On behalf of the school']],
    ['Our official position is that the program continues.', ['Our official position']],
    ['As a representative of the board, I can confirm the plan.', ['As a representative of the board']],
    ["Here is the school's statement on the bus cancellations.", ["the school's statement"]],
    ['Speaking for the district, the plan is final.', ['Speaking for the district']],
    ['On behalf of Riverview Public School, thank you!', ['On behalf of Riverview Public School']],
    ["The district's position is that the program continues.", ["The district's position"]],
    ['Official update from the OCDSB: schools are closed.', ['Official update from the OCDSB']],
    ['We at Glebe Collegiate are thrilled to host the finals.', ['We at Glebe Collegiate']],
  ])('fires on %j', (text, expected) => {
    expect(spans(d, text)).toEqual(expected);
    expectWellFormed(d, text);
  });

  it.each([
    "These are my own views, not my school's.",
    "I'm not speaking on behalf of the school, but I think this is great.",
    'On behalf of my class, thank you to the fire department!',
    'I do not speak for the board.',
  ])('does not fire on %j', (text) => {
    expect(spans(d, text)).toEqual([]);
  });

  it('is a needs-permission finding with a speak-on-behalf request', () => {
    expect(fires(d, 'On behalf of the school, hello.')[0]).toMatchObject({
      severity: 'needs-permission',
      clause: '4.12',
      requestKind: 'speak-on-behalf',
    });
  });

  it('does not apply to school accounts, which speak for the school by design', () => {
    expect(fires(d, 'On behalf of the school, welcome back!', ctx('school'))).toEqual([]);
  });
});
