import type { Detector, DraftContext, Finding } from './types';
import { ci, finding, normalize, Rule } from './util';

const RULE: Rule = {
  clause: '4.5',
  clauses: ['4.5'],
  severity: 'advice',
  message:
    "This personal post talks about the school, district or board but doesn't say that the views are your own. (A disclaimer doesn't excuse anything else in the post.)",
  fix: 'Add a line such as "Views are my own, not my school\'s or the OCDSB\'s."',
};

// Institutional mentions only: a post about "my class" is about teaching, not about the organisation.
const DET = `(?:${ci('the')}|${ci('our')}|${ci('my')}|${ci('this')})`;
const INSTITUTION = new RegExp(
  [
    `\\bOCDSB\\b`,
    `\\bOttawa-Carleton\\s+District\\s+School\\s+Board\\b`,
    // "On the board" is usually the whiteboard.
    `(?<!\\b(?:on|at|off|from|up\\s+on)\\s)\\b${DET}\\s+(?:${ci('school')}\\s+)?${ci('board')}\\b(?!\\s+games?)`,
    `\\b${DET}\\s+${ci('district')}\\b`,
    `\\b${DET}\\s+${ci('school')}(?:'s)?\\b`,
    `\\b${DET}\\s+(?:${ci('vice-')})?${ci('principal')}\\b`,
    `\\b(?:${ci('superintendent')}|${ci('trustees')}|${ci('trustee')}|${ci('administration')})\\b`,
    `\\b${ci('admin')}\\s+${ci('team')}\\b`,
    `\\b[A-Z][\\w'-]+(?:\\s+[A-Z][\\w'-]+){0,3}\\s+(?:Public\\s+School|High\\s+School|Secondary\\s+School|Collegiate|Elementary\\s+School|Intermediate\\s+School)\\b`,
  ].join('|'),
);
const DISCLAIMER =
  /\b(?:(?:views|opinions|thoughts|posts|words|tweets)\s+(?:here\s+)?(?:are|expressed\s+(?:here\s+)?are)\s+(?:my\s+own|mine|personal|my\s+own\s+and)|my\s+own\s+(?:views|opinions)|(?:personal|own)\s+(?:views|opinions)|(?:do|does)\s+not\s+(?:represent|reflect)|(?:don't|doesn't)\s+(?:represent|reflect)|not\s+(?:representing|speaking\s+(?:for|on\s+behalf\s+of))|(?:don't|do\s+not)\s+speak\s+(?:for|on\s+behalf\s+of)|speak(?:ing)?\s+only\s+for\s+myself|not\s+(?:the\s+views|endorsed)\s+of|not\s+my\s+(?:school|employer|board)'s)\b/i;

function detect(raw: string, ctx: DraftContext): Finding[] {
  if (ctx.account !== 'personal') return [];
  const text = normalize(raw);
  if (DISCLAIMER.test(text)) return [];
  const m = INSTITUTION.exec(text);
  if (m === null) return [];
  return [finding('disclaimer-missing', m.index, m.index + m[0].length, RULE)];
}

export const disclaimerMissing: Detector = { kind: 'disclaimer-missing', detect };
