import fs from 'node:fs';
import { fromRoot } from '../../../src/paths';
import { clauseFullText, loadProcedure, mendSpacing, parseProcedure, sameRule } from '../../../src/policy/procedure';

const raw = fs.readFileSync(fromRoot('src', 'policy', 'PR.708.IT.txt'), 'utf8');
const procedure = loadProcedure();
const text = (id: string) => procedure.byId.get(id)?.text;

describe('parseProcedure on the district file', () => {
  it('reads number, title and issue date from the document', () => {
    expect(procedure.number).toBe('PR.708.IT');
    expect(procedure.title).toBe('Social Media Use by Employees');
    expect(procedure.issued).toBe('2024-06-25');
    expect(procedure.revised).toBeUndefined();
  });

  it('finds every section, clause, sub-item and definition', () => {
    const ids = procedure.clauses.map((c) => c.id);
    const expected = [
      '1.0', '2.0', '3.0', '4.0', '5.0', '6.0',
      '3.1', '3.2', '3.3', '3.4',
      ...Array.from({ length: 19 }, (_, i) => `4.${i + 1}`),
      '4.6(a)', '4.6(b)', '4.6(c)', '4.6(d)', '4.9(a)', '4.9(b)', '4.9(c)', '4.10(a)', '4.10(b)', '4.10(c)',
      '4.14(a)', '4.14(b)', '4.14(c)', '4.19(a)', '4.19(b)',
      'A:Board', 'A:District', 'A:Inappropriate message', 'A:OCDSB Community', 'A:OCDSB Environment', 'A:Social Media', 'A:User',
    ];
    expect(ids).toEqual(expect.arrayContaining(expected));
    expect(ids).toHaveLength(expected.length);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps the exact words of a clause', () => {
    expect(text('4.7')).toBe(
      'Staff will not accept “friend” and/or “follow” invitations from students on personal social media accounts or on ' +
        'school-based accounts, except where the account is related to a school course or school club and at least one ' +
        'other staff member has administrative access to the Social Media account.',
    );
    expect(text('4.12')).toBe(
      'Unless given written permission from a Principal or designate or supervisor, an employee is not authorized to use ' +
        'Social Media to speak on behalf of the school, department, the District, or the Board.',
    );
    expect(text('A:Board')).toBe('Board means the Board of Trustees.');
  });

  it('removes extraction debris', () => {
    const all = procedure.clauses.map((c) => c.text).join('\n');
    expect(all).not.toMatch(/-\d+-PR\.708\.IT/);
    expect(all).not.toMatch(/<!--|\/!--|-->|WebLink|HomeMy/);
    // No word glued to the next after punctuation ("rights,human", "equity.The", "group;and").
    expect(all).not.toMatch(/[a-z][,;:][a-zA-Z]/);
    expect(all).not.toMatch(/[a-z]{2}\.[A-Z][a-z]/);
    expect(all).not.toMatch(/[”)][a-z]/);
    expect(all).not.toMatch(/ {2}/);
  });

  it('leaves identifiers, statute references and abbreviations whole', () => {
    expect(text('4.8')).toContain('Policy P.100.IT: Appropriate Use of Information Technology.');
    expect(text('4.10(c)')).toContain('Policy P.125.SCO School District Code of Conduct. As such, the content will be apolitical');
    expect(text('4.14(c)')).toContain('(i.e. District-wide programs, events)');
    expect(text('6.0')).toContain('The Education Act, 2000, ss.170,171,307');
    expect(text('6.0')).toContain('Web Content Accessibility Guidelines (WCAG) 2.0');
    expect(text('3.3')).toContain('school’s Social Media accounts');
  });

  it('joins wrapped lines with a space', () => {
    expect(text('3.1')).toBe(
      'Business and Learning Technologies is responsible for restricting access to Social Media platforms and providing ' +
        'support to staff to maintain the security of District Social Media accounts.',
    );
  });

  it('attaches the headings the clauses sit under', () => {
    for (const id of ['4.15', '4.16', '4.17']) expect(procedure.byId.get(id)?.heading).toBe('Staff-Student Online Correspondence');
    for (const id of ['4.12', '4.13', '4.14', '4.14(b)']) {
      expect(procedure.byId.get(id)?.heading).toBe('Use of Social Media when Representing the District');
    }
    expect(procedure.byId.get('4.1')?.heading).toBe('Application and Scope');
    expect(procedure.byId.get('4.18')?.heading).toBe('District Response to Misuse');
    expect(procedure.byId.get('1.0')?.heading).toBe('Rationale');
    expect(procedure.byId.get('A:User')?.heading).toBe('Appendix A: Procedure Definitions');
  });

  it('gives a clause with sub-items its lead-in, and the full text on request', () => {
    expect(text('4.6')).toBe('Employees will:');
    expect(procedure.byId.get('4.6(c)')?.parent).toBe('4.6');
    expect(procedure.byId.get('4.6')?.children).toEqual(['4.6(a)', '4.6(b)', '4.6(c)', '4.6(d)']);
    expect(text('4.6(d)')).toBe(
      'respect copyright laws, not only with respect to the content produced on Social Media but also to the software that enables it.',
    );
    const full = clauseFullText(procedure, '4.19');
    expect(full.startsWith('Employees may be disciplined if: a) they post electronic commentary')).toBe(true);
    expect(full).toContain('; and/or b) their Social Media activity');
    expect(clauseFullText(procedure, '4.7')).toBe(text('4.7'));
  });

  it('treats a clause and its parent as the same rule, siblings as different', () => {
    expect(sameRule(procedure, '4.6', '4.6(c)')).toBe(true);
    expect(sameRule(undefined, '4.6(c)', '4.6')).toBe(true);
    expect(sameRule(procedure, '4.6(b)', '4.6(c)')).toBe(false);
  });

  it('mends missing spaces without splitting identifiers', () => {
    expect(mendSpacing('rights,human rights and equity.The District')).toBe('rights, human rights and equity. The District');
    expect(mendSpacing('Policy P.147.GOV Human Rights;and')).toBe('Policy P.147.GOV Human Rights; and');
    expect(mendSpacing('OCDSB X(Twitter)account')).toBe('OCDSB X (Twitter) account');
  });
});

describe('parseProcedure on a revised copy', () => {
  const revised = raw
    .replace(
      /4\.7 Staff will not accept[\s\S]*?access to the Social Media account\.\n/,
      '4.7 Staff will not accept “friend”or “follow”requests from students on any social media account,\nincluding school-based accounts.\n',
    )
    .replace(
      'negatively impacts the\nindividual’s ability to perform their duties.\n',
      'negatively impacts the\nindividual’s ability to perform their duties.\n' +
        '4.20 Employees will report any impersonation of the District,a school or a staff member on\nSocial Media to the Communications Department.\n',
    )
    .replace('Last Revised:', 'Last Revised:3 March 2026');
  const p = parseProcedure(revised);

  it('picks up the reworded clause', () => {
    expect(p.byId.get('4.7')?.text).toBe(
      'Staff will not accept “friend” or “follow” requests from students on any social media account, including school-based accounts.',
    );
  });

  it('picks up a new clause under the current heading', () => {
    const c = p.byId.get('4.20');
    expect(c?.text).toBe(
      'Employees will report any impersonation of the District, a school or a staff member on Social Media to the Communications Department.',
    );
    expect(c?.heading).toBe('District Response to Misuse');
    expect(c?.section).toBe('4.0');
    expect(p.byId.get('4.19(b)')?.text).toMatch(/perform their duties\.$/);
  });

  it('leaves everything else as it was', () => {
    expect(p.clauses).toHaveLength(procedure.clauses.length + 1);
    for (const c of procedure.clauses) {
      if (c.id === '4.7') continue;
      expect(p.byId.get(c.id)?.text).toBe(c.text);
    }
    expect(p.revised).toBe('2026-03-03');
  });
});
