import type { Detector, DraftContext, Finding } from './types';
import { dedupe, eachMatch, finding, normalize, Rule, sentenceAround } from './util';

const RULE: Rule = {
  clause: '4.13',
  clauses: ['4.13'],
  severity: 'needs-permission',
  message: 'Board and school logos (crest, emblem, branding) need permission before they are used on social media.',
  fix: 'Start a logo-use request to your principal, supervisor or Communications before posting.',
  requestKind: 'logo-use',
};
const IMAGE_RULE: Rule = { ...RULE, message: 'The image shows a board or school logo, which needs permission before it is used on social media.' };

const MARK = '(?:logos?|crests?|emblems?|branding|brand\\s+marks?|wordmarks?|insignia|coat\\s+of\\s+arms|visual\\s+identity)';
const OWNER =
  "(?:(?:the|our|my|its|their)\\s+)?(?:school|school's|board|board's|district|district's|OCDSB|OCDSB's|team|team's|club's)|[A-Z][\\w'-]+(?:\\s+[A-Z][\\w'-]+){0,3}\\s+(?:Public\\s+School|P\\.S\\.|High\\s+School|Secondary\\s+School|Collegiate|Elementary)(?:'s)?";

const PATTERNS = new RegExp(
  [
    `\\b(?:${OWNER})\\s+(?:official\\s+)?${MARK}\\b`,
    `\\b${MARK}\\s+(?:of|from)\\s+(?:the\\s+|our\\s+)?(?:school|board|district|OCDSB)\\b`,
    // "our crest", "the logo" said while making something: the owner is implied.
    `\\b(?:our|the)\\s+(?:official\\s+)?(?:crest|emblem|logo)\\b(?!\\s+(?:of\\s+(?:the|a)\\s+(?:hill|wave|ridge|mountain)|contest|design\\s+contest|competition|maker|generator))`,
    `\\b(?:crest|emblem|logo)s?\\b(?<=\\b(?:school|board|district|OCDSB)\\b[^.!?\\n]{0,30}(?:crest|emblem|logo)s?)`,
    `\\b(?:crest|emblem|logo)s?\\b(?=[^.!?\\n]{0,50}\\b(?:school|board|district|OCDSB)\\b)`,
    `\\b(?:with|add(?:ed|ing)?|put|putting|attach(?:ed|ing)?|use|used|using|slap(?:ped)?|stick|stuck|print(?:ed)?|include|included|feature[sd]?|featuring)\\s+(?:the\\s+|our\\s+|a\\s+)?(?:school\\s+|board\\s+|OCDSB\\s+)?(?:logo|crest|emblem)s?\\b(?!\\s+(?:maker|generator|contest|competition|design\\s+contest))`,
  ].join('|'),
  'gi',
);
// A logo contest for a new club or a business class's fictional logos is not the board's mark.
const NOT_OURS = /\b(?:design(?:ed|ing)?\s+(?:a|their|your|his|her)\s+(?:own\s+)?logo|logo\s+(?:design\s+)?(?:contest|competition)|their\s+own\s+logos?|company\s+logos?|fictional)\b/i;

function detect(raw: string, ctx: DraftContext): Finding[] {
  const text = normalize(raw);
  const out: Finding[] = [];
  if (ctx.image?.showsLogo === true) out.push(finding('logo', 0, 0, IMAGE_RULE));
  eachMatch(PATTERNS, text, (m) => {
    const named = /school|board|district|OCDSB|Collegiate|Elementary/i.test(m[0]);
    if (!named && (NOT_OURS.test(sentenceAround(text, m.index, m.index + m[0].length).str) || /\b(?:team|club)'?s?\s/i.test(m[0]))) return;
    out.push(finding('logo', m.index, m.index + m[0].length, RULE));
  });
  return dedupe(out);
}

export const logo: Detector = { kind: 'logo', detect };
