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
