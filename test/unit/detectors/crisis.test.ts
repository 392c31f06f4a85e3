import { crisis as d } from '../../../src/policy/detectors/crisis';
import { ctx, expectWellFormed, fires, spans } from './helpers';

describe('crisis (3.2)', () => {
  it.each([
    ["There was a lockdown earlier today but everyone's safe.", ['lockdown']],
    ['We were in hold and secure this afternoon.', ['hold and secure']],
    ['Police are on site at the school this morning.', ['Police are on site']],
    ['A bomb threat was received and the building was evacuated.', ['bomb threat', 'evacuated']],
    ['There was a fire in the portable this morning.', ['a fire in']],
    ['A student was seriously injured at recess.', ['was seriously injured']],
    ['We are heartbroken to share the death of one of our Grade 10 students.', ['heartbroken to share', 'death of one of our Grade 10 students']],
    ['A Grade 7 student has been missing since yesterday.', ['has been missing since']],
    ['Reports of a shooting near the school.', ['shooting']],
    ['A Grade 11 student was hit by a car outside the school.', ['hit by a car']],
    ['All students have been moved to the community centre while firefighters deal with smoke in the basement.', ['students have been moved to', 'firefighters deal with', 'smoke in']],
    ['The basement flooded overnight, so students should stay home.', ['basement flooded']],
  ])('fires on %j', (text, expected) => {
    expect(spans(d, text, ctx('school'))).toEqual(expected);
    expectWellFormed(d, text, ctx('school'));
  });

  it.each([
    // A scheduled drill is routine: schools must hold them and families expect a notice.
    'Fire drill practice went well.',
    'Lockdown drill this morning went smoothly.',
    'A police officer visited for career day.',
    'Our Grade 11 English class is reading Death of a Salesman.',
    'Our team was on fire tonight!',
    'Thank you to Ottawa Fire Services for teaching fire safety!',
    'My grandmother passed away last week.',
    'Check the lost and found for missing mittens.',
    'The students died laughing at the skit.',
    'Suicide prevention workshop for staff on Friday.',
    'Our inbox is flooded with thank-you notes from students!',
    "The students worked hard to rip up the old garden beds.",
    'Students learned about the government\'s assault on the Plains of Abraham in history.',
    'Today we practised our hold and secure procedure. Students did a great job.',
  ])('does not fire on %j', (text) => {
    expect(spans(d, text, ctx('school'))).toEqual([]);
  });

  it('asks Communications under 3.2', () => {
    expect(fires(d, 'Lockdown today.')[0]).toMatchObject({ severity: 'ask-communications', clause: '3.2' });
  });

  it('treats an event that is "not a drill" as real', () => {
    expect(spans(d, 'This was not a drill: we had a real lockdown.', ctx('school'))).toEqual(['lockdown']);
  });
});

describe('crisis in French, and what is not a crisis post', () => {
  it.each([
    ["Confinement barricadé en cours à l'école, la police est sur place.", 'Confinement barricadé'],
    ["Évacuation de l'école en cours à cause d'une fuite de gaz.", 'Évacuation'],
    ["Les élèves ont été évacués suite à une alerte à la bombe.", 'alerte à la bombe'],
    ['Une élève manque à l\'appel après la sortie, on la cherche.', "manque à l'appel"],
    ["L'autobus a eu un accident, des élèves sont blessés.", 'sont blessés'],
    ['Un membre du personnel est décédé subitement ce matin.', 'est décédé'],
    ['Lockdown drill? Nope. This one is real.', 'this one is real'],
  ])('fires on %j', (text, part) => {
    expect(spans(d, text, ctx('personal')).join(' | ').toLowerCase()).toContain(part.toLowerCase());
  });

  it.each([
    ["Exercice d'évacuation ce matin: bravo aux élèves pour leur calme!", 'personal'],
    ['Pratique de confinement prévue jeudi, tout est normal.', 'school'],
    ['The hold and secure at Maple PS has been lifted. All students are safe.', 'district'],
    ["Sharing the OCDSB's update: yesterday's evacuation was a precaution and everyone is safe.", 'personal'],
    ['My car died on the way to school, thanks to my colleague for covering.', 'personal'],
  ] as const)('does not fire on %j', (text, account) => {
    expect(spans(d, text, ctx(account))).toEqual([]);
  });
});
