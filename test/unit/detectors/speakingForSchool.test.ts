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

describe('speaking for the school: roles, the press, French, new accounts, board email', () => {
  it.each([
    ['As principal of Maple Grove PS, I can confirm the rumours: the pool reopens in May.', 'As principal of Maple Grove PS, I can confirm'],
    ['Talked to the Citizen today about the new bell times, as a teacher there.', 'Talked to the Citizen'],
    ['Officially speaking for the science department: the fair is on!', 'speaking for the science department'],
    ["Au nom de l'équipe-école, merci aux bénévoles!", "Au nom de l'équipe-école"],
    ['En tant que directrice, je vous confirme que la sortie est maintenue.', 'En tant que directrice'],
    ["J'ai expliqué la position du conseil à la radio ce matin.", 'position du conseil'],
  ])('fires on %j', (text, part) => {
    expect(spans(d, text, ctx('personal')).join(' | ')).toContain(part);
  });

  it('flags a club account started without approval, on a school account', () => {
    const f = d.detect('Welcome to our new chess club Instagram! Set it up this weekend, follow us.', ctx('school'));
    expect(f.map((x) => x.clause)).toEqual(['4.10']);
    expect(f[0]?.requestKind).toBe('school-account');
  });

  it('flags a personal account signed up with a board email (4.11)', () => {
    const f = d.detect('Signed up for my personal recipe TikTok with my board email, follow along!', ctx('personal'));
    expect(f.map((x) => [x.clause, x.severity])).toEqual([['4.11', 'not-allowed']]);
  });

  it.each([
    "I'm not the spokesperson: read the official statement on the board's page.",
    "Je partage l'annonce officielle du conseil: l'école sera fermée demain.",
    'As a teacher I love seeing my students grow.',
    'Proud of the speech our principal gave at graduation.',
    'En tant que parent, je trouve la nouvelle cour magnifique.',
  ])('does not fire on %j', (text) => {
    expect(spans(d, text, ctx('personal'))).toEqual([]);
  });
});
