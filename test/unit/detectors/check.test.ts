import { CHECK_DRAFT_LIMIT, checkDraft } from '../../../src/policy/check';
import { DETECTORS } from '../../../src/policy/detectors';
import { ctx } from './helpers';

describe('checkDraft', () => {
  it('is ok for an ordinary announcement', () => {
    const r = checkDraft('Bake sale Friday at lunch! Proceeds go to the Grade 8 trip.', ctx('school'));
    expect(r).toEqual({ verdict: 'ok', findings: [], clauses: [] });
  });

  it('keeps ok when only advice is found', () => {
    // The detectors' own precedence (the learned model is tested in draftModel.test.ts).
    const r = checkDraft('So proud of my school for hosting the science fair!', ctx('personal'), null);
    expect(r.verdict).toBe('ok');
    expect(r.findings.map((f) => f.kind)).toEqual(['disclaimer-missing']);
    expect(r.clauses).toEqual(['4.5']);
    expect(r.redacted).toBeUndefined();
  });

  describe('verdict precedence: not-allowed > ask-communications > needs-permission > ok', () => {
    it('needs-permission for a logo alone', () => {
      expect(checkDraft('We added the school logo to the flyer.', ctx('school')).verdict).toBe('needs-permission');
    });

    it('ask-communications beats needs-permission', () => {
      const r = checkDraft('We added the school logo to our notice: lockdown today, everyone is safe.', ctx('school'));
      expect(r.verdict).toBe('ask-communications');
      expect(r.clauses).toEqual(['3.2', '4.4', '4.13']);
    });

    it('not-allowed beats ask-communications and needs-permission', () => {
      const r = checkDraft(
        'Lockdown today. We used the school logo. Her OEN is 123-456-789.',
        ctx('school'),
      );
      expect(r.verdict).toBe('not-allowed');
      expect(r.clauses).toEqual(['4.6(c)', '4.19(a)', '3.2', '4.4', '4.13']);
      // Not only personal information, so no redaction is offered.
      expect(r.redacted).toBeUndefined();
    });

    it('an image without consent makes an innocent text not-allowed', () => {
      const r = checkDraft('What a fun field trip!', ctx('school', { showsStudents: true, studentsIdentifiable: true, consentOnFile: false }));
      expect(r.verdict).toBe('not-allowed');
      expect(r.findings[0]).toMatchObject({ start: 0, end: 0, kind: 'personal-information' });
      // Text redaction cannot fix a photo.
      expect(r.redacted).toBeUndefined();
    });

    it('the same image with consent on file is ok', () => {
      const r = checkDraft('What a fun field trip!', ctx('school', { showsStudents: true, studentsIdentifiable: true, consentOnFile: true }));
      expect(r.verdict).toBe('ok');
    });
  });

  it('sorts findings by start', () => {
    const text = 'Torrent here. Email a.b@gmail.com. Our principal is incompetent.';
    const starts = checkDraft(text, ctx('personal')).findings.map((f) => f.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  describe('redaction', () => {
    it('replaces personal information when it is the only problem', () => {
      const text = 'Congrats to Emma Tremblay in grade 3! Questions? Email karen.b1982@gmail.com or call 613.555.0199.';
      const r = checkDraft(text, ctx('school'));
      expect(r.verdict).toBe('not-allowed');
      expect(r.redacted).toBe(
        "Congrats to [student's name] in grade 3! Questions? Email [email removed] or call [phone number removed].",
      );
    });

    it('replaces every mention of a student once the name is known', () => {
      const r = checkDraft('My student Liam read a chapter book! Liam was so proud.', ctx('personal'));
      expect(r.redacted).toBe("My student [student's name] read a chapter book! [student's name] was so proud.");
    });

    // The redaction mechanics, with the detectors alone: with the model, a rewrite is offered
    // only if the whole check passes it (next test and draftModel.test.ts).
    it('redacts even with advice present, since advice does not block posting', () => {
      const r = checkDraft('My school rocks. Call me at 613-555-0123.', ctx('personal'), null);
      expect(r.findings.map((f) => f.kind)).toEqual(['disclaimer-missing', 'personal-information']);
      expect(r.redacted).toBe('My school rocks. Call me at [phone number removed].');
    });

    it('offers nothing when another problem remains', () => {
      const r = checkDraft('Call me at 613-555-0123 for the torrent.', ctx('personal'));
      expect(r.redacted).toBeUndefined();
    });

    it('offers only a rewrite that passes the whole check again', () => {
      for (const text of ['Happy birthday to Noah from Room 12! Reach his mom at 613-555-0101.', 'My school rocks. Call me at 613-555-0123.', 'Reminder: the field trip form is due Friday. Questions? Email j.smith@gmail.com']) {
        const r = checkDraft(text, ctx('school'));
        if (r.redacted !== undefined) expect(checkDraft(r.redacted, ctx('school')).verdict).toBe('ok');
      }
      expect(checkDraft('Happy birthday to Noah from Room 12! Reach his mom at 613-555-0101.', ctx('school')).redacted).toBeDefined();
    });
  });

  it('exports a length limit for callers', () => {
    expect(CHECK_DRAFT_LIMIT).toBe(10_000);
  });

  it('runs every detector kind', () => {
    expect(new Set(DETECTORS.map((d) => d.kind)).size).toBe(11);
  });

  describe('long and hostile input stays linear', () => {
    const filler = 'The Grade 6 classes are collecting food bank donations all week, thank you families! ';
    it('a 100 KB paste still finds an email placed at the end', () => {
      const text = filler.repeat(Math.ceil(100_000 / filler.length)) + 'Write to me at jane.doe@gmail.com';
      expect(text.length).toBeGreaterThan(100_000);
      const r = checkDraft(text, ctx('personal'));
      expect(r.findings.map((f) => text.slice(f.start, f.end))).toContain('jane.doe@gmail.com');
    });

    // Runs of one character class are where backtracking regexes go quadratic or worse.
    it.each([
      ['letters', 'a'.repeat(100_000)],
      ['capitals', 'Aa '.repeat(33_000)],
      ['digits', '1'.repeat(100_000)],
      ['digit groups', '123 '.repeat(25_000)],
      ['dots', '.'.repeat(100_000)],
      ['dotted words', 'a.'.repeat(50_000)],
      ['spaces', ' '.repeat(100_000)],
      ['at signs', 'a@'.repeat(50_000)],
      ['hyphens', '1-'.repeat(50_000)],
      ['names', 'Emma Tremblay '.repeat(7_000)],
      ['targets', 'the parents at this school '.repeat(4_000)],
      ['one long sentence', 'students and parents and the board '.repeat(3_000)],
    ])('%s: 100 KB then an email still found', (_name, body) => {
      const text = `${body} x jane.doe@gmail.com`;
      const r = checkDraft(text, ctx('personal'));
      expect(r.findings.some((f) => text.slice(f.start, f.end) === 'jane.doe@gmail.com')).toBe(true);
    });
  });

  it('never logs the draft', () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => jest.spyOn(console, m).mockImplementation(() => {}));
    checkDraft('Call me at 613-555-0123, lockdown today, torrent here.', ctx('school'));
    for (const s of spies) {
      expect(s).not.toHaveBeenCalled();
      s.mockRestore();
    }
  });
});
