import { Analyzer } from '../../../src/policy/retrieval';
import { STOP_WORDS, TypoCorrector, editDistance, normalise, stem, typoAllowance, words } from '../../../src/policy/text';

describe('normalise and words', () => {
  it('lower-cases, spells out contractions and straightens quotes', () => {
    expect(normalise("Can't I DM ’em? It's “two-way”")).toBe('can not i dm em it two way');
    expect(words("Won't the VP's kids")).toEqual(['will', 'not', 'the', 'vp', 'kids']);
  });

  it('keeps a grade together so it can stand for students', () => {
    expect(words('my Grade 8s and gr. 11 students')).toEqual(['my', 'grade8', 'and', 'grade11', 'students']);
  });
});

describe('stem (Porter)', () => {
  const cases: Record<string, string> = {
    caresses: 'caress', ponies: 'poni', cats: 'cat', feed: 'feed', agreed: 'agre', plastered: 'plaster',
    motoring: 'motor', sing: 'sing', hopping: 'hop', filing: 'file', happy: 'happi', relational: 'relat',
    conditional: 'condit', generalization: 'gener', hopeful: 'hope', goodness: 'good', adjustment: 'adjust',
    effective: 'effect', students: 'student', following: 'follow', communications: 'commun', approved: 'approv',
    logos: 'logo', leave: 'leav', remove: 'remov',
  };
  it.each(Object.entries(cases))('%s → %s', (word, expected) => expect(stem(word)).toBe(expected));

  it('leaves short words and numbers alone', () => {
    expect(stem('is')).toBe('is');
    expect(stem('grade8')).toBe('grade8');
  });
});

describe('typo tolerance', () => {
  it('measures edits with adjacent swaps as one', () => {
    expect(editDistance('freind', 'friend')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
  });

  it('allows one edit from 4 letters and two from 8', () => {
    expect(typoAllowance('dm')).toBe(0);
    expect(typoAllowance('logo')).toBe(1);
    expect(typoAllowance('instagram')).toBe(2);
  });

  const corrector = new TypoCorrector(['friend', 'student', 'instagram', 'facebook', 'principal', 'permission', 'logo', 'right', 'press']);
  it.each([
    ['freind', 'friend'],
    ['studnet', 'student'],
    ['instagarm', 'instagram'],
    ['facebok', 'facebook'],
    ['princpal', 'principal'],
    ['permision', 'permission'],
    ['lgoo', 'logo'],
  ])('%s → %s', (typo, word) => expect(corrector.correct(typo)).toBe(word));

  it('leaves known words, short words and far-off words alone', () => {
    expect(corrector.correct('friend')).toBeUndefined();
    expect(corrector.correct('lgo')).toBeUndefined();
    expect(corrector.correct('payroll')).toBeUndefined();
  });

  it('does not turn an everyday word into a different word by its first letter', () => {
    expect(corrector.correct('fight')).toBeUndefined();
    expect(corrector.correct('dress')).toBeUndefined();
  });
});

describe('staff vocabulary', () => {
  const analyzer = new Analyzer();
  analyzer.learn(['a student sent students a friend request on instagram about the logo and two-way communications']);
  const concepts = (text: string) => analyzer.document(text).filter((t) => t.startsWith('~'));

  it.each([
    ['can I DM him', '~twoway'],
    ['text a kid on whatsapp', '~twoway'],
    ['on discord', '~twoway'],
    ['post on insta', '~platform'],
    ['my tiktok', '~platform'],
    ['the school crest', '~logo'],
    ['our branding', '~logo'],
    ['say it as the school', '~behalf'],
    ['a reporter wants an interview', '~behalf'],
    ['a kid in my class', '~student'],
    ['my grade 9s', '~student'],
    ['I am the admin', '~administrator'],
    ['the mod of the page', '~administrator'],
    ['we are in lockdown', '~crisis'],
    ['during a hold and secure', '~crisis'],
    ['she sent a friend request', '~invite'],
    ['can they follow me', '~invite'],
    ['he keeps adding me', '~invite'],
  ])('%s carries %s', (text, concept) => expect(concepts(text)).toContain(concept));

  it('lets the longest phrase speak for its words', () => {
    expect(concepts('post it to my close friends story')).not.toContain('~invite');
    expect(concepts('do I follow the guidelines of my college')).not.toContain('~invite');
    expect(concepts('would it be acceptable to reply')).not.toContain('~invite');
    expect(concepts('the student council account')).toContain('~club');
  });

  it('mends typos in questions before matching the vocabulary', () => {
    const q = analyzer.query('a studnet sent a freind request on instagarm');
    expect(q.corrected).toEqual([['studnet', 'student'], ['freind', 'friend'], ['instagarm', 'instagram']]);
    expect([...q.weights.keys()]).toEqual(expect.arrayContaining(['~student', '~invite', '~platform']));
  });

  it('drops stop words but keeps their phrases', () => {
    expect(STOP_WORDS.has('the')).toBe(true);
    const q = analyzer.query('the app is not approved');
    expect(q.content).toEqual(['app', 'approved']);
    expect(q.weights.has('~unapproved')).toBe(true);
  });
});
