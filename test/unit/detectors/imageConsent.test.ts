import { imageConsent as d } from '../../../src/policy/detectors/imageConsent';
import { ctx, fires } from './helpers';

describe('imageConsent (4.6(c), 4.19(a))', () => {
  it('fires when identifiable students are shown without consent', () => {
    const [f] = fires(d, 'Track meet!', ctx('school', { showsStudents: true, studentsIdentifiable: true, consentOnFile: false }));
    expect(f).toMatchObject({
      kind: 'personal-information',
      start: 0,
      end: 0,
      severity: 'not-allowed',
      clause: '4.6(c)',
      clauses: ['4.6(c)', '4.19(a)'],
      fix: 'Post only students whose consent form is on file, or blur their faces.',
    });
  });

  it('treats unanswered identifiability and consent as the risky answer', () => {
    expect(fires(d, 'Track meet!', ctx('school', { showsStudents: true }))).toHaveLength(1);
  });

  it.each([
    { showsStudents: true, studentsIdentifiable: true, consentOnFile: true },
    { showsStudents: true, studentsIdentifiable: false, consentOnFile: false },
    { showsStudents: false },
    { showsLogo: true },
  ])('does not fire for %j', (image) => {
    expect(fires(d, 'Track meet!', ctx('school', image))).toEqual([]);
  });

  it('does not fire without an image', () => {
    expect(fires(d, 'Track meet!', ctx('school'))).toEqual([]);
  });
});
