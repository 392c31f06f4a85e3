import { studentContact as d } from '../../../src/policy/detectors/studentContact';
import { ctx, expectWellFormed, fires, spans } from './helpers';

describe('studentContact (4.17, 4.7)', () => {
  it.each([
    ['Hey class, DM me on Instagram if you are stuck.', ['DM me']],
    ['Students: message me on Instagram for help.', ['message me']],
    ['Grade 10s, add me on Snapchat for the notes.', ['add me on']],
    ['Students, feel free to text me at any time.', ['text me']],
    ['Follow my personal account for science memes, students!', ['Follow my personal account']],
    ['Join my Discord server before the exam, class!', ['Join my Discord server']],
    ["Grade 8s - stuck on the project? Slide into my DMs.", ['Slide into my DMs']],
    ['Kids, my snap is mrb_science.', ['my snap is']],
    ['Reminder to my homeroom: you can always reach me on WhatsApp.', ['reach me on WhatsApp']],
    ["To my grade 12s: I'm on Instagram at @coach_k if you want workout plans. Follow me!", ["I'm on Instagram", 'Follow me']],
    ['Hey grade 12s, reach me at my cell over the summer.', ['reach me at my cell']],
    ['hey 10C, just snap me your questions tonight', ['snap me']],
  ])('fires on %j from a personal account', (text, expected) => {
    expect(spans(d, text, ctx('personal'))).toEqual(expected);
    expectWellFormed(d, text);
  });

  it('counts a personal invitation on a school account whoever is addressed', () => {
    expect(spans(d, 'DM me for details about tryouts.', ctx('school'))).toEqual(['DM me']);
  });

  it.each([
    ['personal', 'DM me for my banana bread recipe!'],
    ['personal', 'Parents, feel free to message me with questions about the trip.'],
    ['personal', 'Parents can reach the office at the school number.'],
    ['school', 'DM the school account for tickets.'],
    ['school', 'Families, DM us with questions about the BBQ.'],
    ['school', 'Follow us on Instagram for school news!'],
    ['personal', 'Students, message me on Teams if you have questions about the test.'],
    ['personal', 'Grade 9s, send me your questions through Brightspace.'],
    ['personal', 'Happy to share my slides from the PD session. DM me for the editable version!'],
  ] as const)('does not fire from a %s account on %j', (account, text) => {
    expect(spans(d, text, ctx(account))).toEqual([]);
  });

  it('cites 4.17 for messaging and 4.7 for follow invitations', () => {
    expect(fires(d, 'Students, DM me.')[0]).toMatchObject({ clause: '4.17', severity: 'not-allowed' });
    expect(fires(d, 'Students, follow me on TikTok.')[0]).toMatchObject({ clause: '4.7', severity: 'not-allowed' });
  });
});

describe('student and family contact in French (4.15, 4.17, 4.7)', () => {
  it.each([
    ['Mes élèves de 10e, écrivez-moi en privé si vous avez des questions.', 'écrivez-moi en privé'],
    ['Parents de ma classe: ajoutez-moi sur WhatsApp pour les rappels.', 'ajoutez-moi sur'],
    ["J'ai créé un groupe Messenger avec les parents de l'équipe.", 'groupe Messenger'],
    ["J'ai accepté les demandes d'abonnement de mes élèves.", "accepté les demandes d'abonnement"],
  ])('fires on %j', (text, part) => {
    expect(spans(d, text, ctx('personal')).join(' | ')).toContain(part);
  });

  it.each([
    'Les élèves peuvent me poser leurs questions sur Teams.',
    "Écrivez-moi sur Teams pour l'examen, les élèves!",
    'Mon chum et moi avons un groupe WhatsApp pour notre voyage.',
  ])('does not fire on %j', (text) => {
    expect(spans(d, text, ctx('personal'))).toEqual([]);
  });
});
