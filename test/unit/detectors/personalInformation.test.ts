import { personalInformation as d } from '../../../src/policy/detectors/personalInformation';
import { ctx, expectWellFormed, fires, spans } from './helpers';

describe('personalInformation (4.6(c), 4.19(a))', () => {
  describe('contact details', () => {
    it.each([
      ['Email me at jsmith.teacher@gmail.com with questions.', 'jsmith.teacher@gmail.com'],
      ["If anyone needs Sophie's mom, it's karen.b1982@gmail.com", 'karen.b1982@gmail.com'],
      ['Call me at (613) 555-0123 tonight.', '(613) 555-0123'],
      ['Reach me at 613.555.0199 after 6.', '613.555.0199'],
      ['My cell: 613 555 0123', '613 555 0123'],
      ['Text 6135550123 for rides.', '6135550123'],
      ['Call +1 613-555-0123 ext. 22 anytime.', '+1 613-555-0123 ext. 22'],
      ['Dropping the hamster at 42 Maple Crescent this weekend.', '42 Maple Crescent'],
      ['Sam lives at 1234 Bank St. near the park.', '1234 Bank St.'],
    ])('fires on %j', (text, span) => {
      expect(spans(d, text)).toEqual([span]);
      expectWellFormed(d, text);
    });

    it.each([
      'Email info@myschool.ca or office@school.ocdsb.ca with questions.',
      'Volunteers can email fairteam@ourschool.ca to sign up.',
      'Parents can call the main office at 613-555-0142 to report an absence.',
      'Kids Help Phone is available 24/7 at 1-800-668-6868.',
      'The 2023-2024 season ended 58-52; see room 101 on 2024-06-25.',
      'Follow @mr.b.teaches for math tips.',
      'Grade 9 orientation: students enter through the main doors on Bank Street.',
      'The concert is at Glebe Collegiate, 212 Glebe Ave.',
      'Video: https://www.youtube.com/watch?v=6135550123',
    ])('does not fire on %j', (text) => {
      expect(spans(d, text)).toEqual([]);
    });
  });

  describe('student numbers (OEN)', () => {
    it.each([
      ['Can the office look up OEN 482917365 for me?', '482917365'],
      ['Her OEN is 123-456-789.', '123-456-789'],
      ['Student number 123 456 789 is missing a form.', '123 456 789'],
    ])('fires on %j', (text, span) => {
      expect(spans(d, text)).toEqual([span]);
    });

    it.each([
      'We raised $123456789 in pledges.',
      'We raised 123456789 dollars.',
      'See https://example.com/item/123456789 for details.',
      'Order #123456789 has shipped.',
      'Total: 123,456,789 steps walked this year!',
      'Price 123456789.00',
      'Attendance hit 98765432101 page views.',
    ])('does not fire on %j', (text) => {
      expect(spans(d, text)).toEqual([]);
    });
  });

  describe('dates of birth', () => {
    it.each([
      ['She was born on March 3, 2015.', 'March 3, 2015'],
      ['DOB: 2015-03-03', '2015-03-03'],
      ['His birthday is March 3 2015, so he is the youngest.', 'March 3 2015'],
      ['Date of birth 03/03/2015', '03/03/2015'],
    ])('fires on %j', (text, span) => {
      expect(spans(d, text)).toEqual([span]);
    });

    it.each(['Happy birthday to our principal!', 'Canada was born in 1867.', 'My birthday is in March, bring cake.'])(
      'does not fire on %j',
      (text) => {
        expect(spans(d, text)).toEqual([]);
      },
    );
  });

  describe("students' names with class or grade context", () => {
    it.each([
      ['Congrats to Emma Tremblay in grade 3 for winning the spelling bee!', ['Emma Tremblay']],
      ['My student Liam finally read a chapter book.', ['Liam']],
      ["Huge shoutout to Ethan in Ms. Patel's class!", ['Ethan']],
      ['Happy birthday to Noah from Room 12!', ['Noah']],
      ['Please keep Maya Chen (grade 5) in your thoughts.', ['Maya Chen']],
      ['Shout out to Olivia, grade 4, for her poem!', ['Olivia']],
      ['Liam, a grade 5 student, won the prize.', ['Liam']],
      ['our grade 8 student Priya Sharma spoke at the assembly', ['Priya Sharma']],
      ['Congratulations Emma in grade 3!', ['Emma']],
      ['My student Aaliyah is amazing. Aaliyah wants to be a vet.', ['Aaliyah', 'Aaliyah']],
      ['Congrats to Maya, Owen and Zoe Li in grade 3!', ['Maya', 'Owen', 'Zoe Li']],
      ['Big congrats to Hannah Kowalski, our Grade 12 valedictorian!', ['Hannah Kowalski']],
      ['Please welcome Daniel, our new Grade 3 student!', ['Daniel']],
      ['congrats to jayden r. (gr 4) for the most laps!', ['jayden r.']],
      ['Meet Priya Patel from 7B, our student of the month!', ['Priya Patel']],
    ])('fires on %j', (text, names) => {
      expect(spans(d, text)).toEqual(names);
    });

    it.each([
      'Everyone in grade 3 is invited to the assembly.',
      'Students in Grade 4 will visit the farm on Tuesday.',
      "Ms. Lee's grade 3 class made cards for seniors.",
      'Thanks to Mr. Brown in the class next door.',
      'Thanks to Constable Reyes from Ottawa Police for visiting our Grade 2 class!',
      'Kids Help Phone is free for students.',
      'Our Student Council meets Monday.',
      'Grade 3 students visited the museum.',
      'Welcome to our new vice-principal, Ms. Okafor!',
      'Our students Monday morning were full of energy.',
      'Thanks to donors from grade 6 families for the pizza!',
      'Welcome to our new families in grade 1!',
      'Congratulations to the grade 3 class on their play!',
    ])('does not fire on %j', (text) => {
      expect(spans(d, text)).toEqual([]);
    });
  });

  describe("students' health, learning and family details", () => {
    it.each([
      ['One of my students has an IEP.', 'has an IEP'],
      ['A girl in my class is in foster care this month.', 'in foster care'],
      ['Her parents are divorcing, so be gentle with her in class.', 'parents are divorcing'],
      ['A student in my class has a severe peanut allergy.', 'peanut allergy'],
      ['New student starting Monday. He was diagnosed with autism last year.', 'was diagnosed with autism'],
      ['The new kid is allergic to bees.', 'is allergic to bees'],
      ['One of my students has a severe anxiety disorder.', 'has a severe anxiety disorder'],
      ["My grade 3 student's dad got deported last week.", 'got deported'],
      ["Our student's family is homeless right now.", 'is homeless'],
    ])('fires on %j', (text, span) => {
      expect(spans(d, text)).toEqual([span]);
    });

    it.each([
      'IEP meetings are this week; please book a time with your child\'s teacher.',
      'I was diagnosed with anxiety last year and teaching helps.',
      'Students with allergies should keep their EpiPen with them.',
      'We are a nut-aware school, please no peanut butter.',
      'My son has ADHD and I am proud of him.',
    ])('does not fire on %j', (text) => {
      expect(spans(d, text)).toEqual([]);
    });
  });

  it('reports not-allowed with 4.6(c) and 4.19(a) and a redaction placeholder', () => {
    const [f] = fires(d, 'Call me at 613-555-0123.');
    expect(f).toMatchObject({
      kind: 'personal-information',
      severity: 'not-allowed',
      clause: '4.6(c)',
      clauses: ['4.6(c)', '4.19(a)'],
      placeholder: '[phone number removed]',
    });
  });

  it('keeps spans exact when the draft uses typographic quotes', () => {
    const text = 'Congrats to Emma in grade 3 \u2014 she\u2019s amazing! Call 613\u2013555\u20130123.';
    expect(spans(d, text, ctx('school'))).toEqual(['Emma', '613\u2013555\u20130123']);
  });
});
