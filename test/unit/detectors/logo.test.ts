import { logo as d } from '../../../src/policy/detectors/logo';
import { ctx, expectWellFormed, fires, spans } from './helpers';

describe('logo (4.13)', () => {
  it.each([
    ['We attached the school logo to the fundraiser flyer.', ['attached the school logo']],
    ['Made t-shirts with the OCDSB logo on the front.', ['with the OCDSB logo']],
    ['We put the school crest right at the top of the poster.', ['put the school crest']],
    ['Our new banner features our crest!', ['features our crest']],
    ['The board emblem looks great on the banner.', ['The board emblem']],
    ['New crest I designed for the OCDSB sports teams!', ['crest']],
    ['Our school colours and logo are on the new jerseys.', ['logo']],
  ])('fires on %j', (text, expected) => {
    expect(spans(d, text, ctx('school'))).toEqual(expected);
    expectWellFormed(d, text, ctx('school'));
  });

  it.each([
    'Students designed a logo for their fictional company in business class.',
    'Logo design contest for the new robotics club!',
    'We hiked to the crest of the hill.',
    'Try the logo maker app in media class.',
  ])('does not fire on %j', (text) => {
    expect(spans(d, text, ctx('school'))).toEqual([]);
  });

  it('fires on any account, with a logo-use request', () => {
    for (const account of ['personal', 'school', 'district'] as const) {
      expect(fires(d, 'Using the school logo on our flyer.', ctx(account))[0]).toMatchObject({
        severity: 'needs-permission',
        clause: '4.13',
        requestKind: 'logo-use',
      });
    }
  });

  it('fires at 0,0 when the image shows a logo', () => {
    const [f] = fires(d, 'Poster for Spring Fling!', ctx('school', { showsLogo: true }));
    expect(f).toMatchObject({ kind: 'logo', start: 0, end: 0, requestKind: 'logo-use' });
  });
});

describe('logo: image and text together', () => {
  it('reports both the image and the words', () => {
    const text = 'Our crest is on the new banner.';
    const found = fires(d, text, ctx('school', { showsLogo: true }));
    expect(found.map((f) => [f.start, f.end])).toEqual([
      [0, 0],
      [0, 'Our crest'.length],
    ]);
  });
});
