import { defamatory as d } from '../../../src/policy/detectors/defamatory';
import { expectWellFormed, fires, spans } from './helpers';

describe('defamatory (4.6(b))', () => {
  it.each([
    ['Our principal is incompetent and everyone knows it.', ['Our principal is incompetent', 'everyone knows it']],
    ['Worst parents ever at pickup today.', ['Worst parents']],
    ['This board is corrupt from top to bottom.', ['This board is corrupt']],
    ['Too many lazy students in my class this year.', ['lazy students']],
    ['The parents at this school are the worst.', ['The parents at this school are the worst']],
    ['Honestly our admin team is a complete joke.', ['our admin team is a complete joke']],
    ['I can\'t stand my principal.', ["I can't stand my principal"]],
    ['The district has no clue what it is doing.', ['The district has no clue']],
    ['My colleagues are a bunch of idiots.', ['My colleagues are a bunch of idiots']],
    ['The kids in my class are brats.', ['The kids in my class are brats']],
    ["The Grade 9s this year are the laziest group I've taught.", ['The Grade 9s this year are the laziest']],
    ['Our custodian got caught stealing from the staff room.', ['Our custodian got caught stealing']],
    ["The trustees voted for this plan. They're all crooks.", ["They're all crooks"]],
    ['Our principal Mr. Davis is a liar.', ['Our principal Mr. Davis is a liar']],
    ['Mrs. Green is useless at her job.', ['Mrs. Green is useless']],
    ['Some of these parents are absolutely unhinged.', ['Some of these parents are absolutely unhinged']],
  ])('fires on %j', (text, expected) => {
    expect(spans(d, text)).toEqual(expected);
    expectWellFormed(d, text);
  });

  it.each([
    'We had the worst luck with the weather, but our students were amazing.',
    'Our students are not lazy, they are exhausted.',
    'Board games club meets Tuesdays.',
    'Students are entitled to a safe and caring school.',
    'The kids said the cafeteria pizza was awful.',
    'Our principal is amazing and so supportive.',
    'Terrible weather today, so recess is indoors.',
    'The school was a mess after the dance, thanks to our volunteers for cleaning up!',
    "Our team lost today. They're all tired but proud.",
    "My cat knocked over my coffee. She's a menace.",
  ])('does not fire on %j', (text) => {
    expect(spans(d, text)).toEqual([]);
  });

  it('is not-allowed under 4.6(b)', () => {
    expect(fires(d, 'lazy students')[0]).toMatchObject({ severity: 'not-allowed', clause: '4.6(b)' });
  });
});

describe('defamatory: mockery, sarcasm and French (4.6(b))', () => {
  it.each([
    ['Great planning as always, thanks admin 🙃', 'thanks admin'],
    ['When the VP books another meeting that could have been an email 🙄🙄', '🙄🙄'],
    ['The parents in room 5 🤡', '🤡'],
    ['Funny how that works with our principal and the timetable.', 'Funny how that works'],
    ['Not naming names, but some staff here should retire.', 'Not naming names'],
    ['Our trustee Mr. Bell is a clown.', 'Our trustee Mr. Bell is a clown'],
    ['The VP at Maple Grove is a bully.', 'The VP at Maple Grove is a bully'],
    ['Merci pour rien, la direction.', 'Merci pour rien'],
    ['Quand la direction annonce encore un changement le vendredi à 16 h 🙄', '🙄'],
    ['Le conseil est géré par des incompétents.', 'incompétents'],
    ['Les parents de cette école sont les pires.', 'sont les pires'],
    ['Certains suppléants devraient changer de métier.', 'devraient changer de métier'],
    ['Encore une brillante idée du conseil 🤡', '🤡'],
  ])('fires on %j', (text, part) => {
    expect(spans(d, text).join(' | ')).toContain(part);
    expectWellFormed(d, text);
  });

  it.each([
    'My plants are dying again 🙄 send help',
    'That friend who never returns your pen 🙃 (it is me)',
    'Mon photocopieur a encore brisé 😤',
    'Thanks to our amazing admin team for the pizza lunch! 🍕',
    'Merci à la direction pour le dîner pizza!',
    'Bravo à nos élèves de 6e pour leur spectacle!',
    'I disagree with the new bell schedule, and I said so respectfully at the staff meeting.',
  ])('does not fire on %j', (text) => {
    expect(spans(d, text)).toEqual([]);
  });
});
