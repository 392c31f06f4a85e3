import type { Detector, DraftContext, Finding } from './types';
import { dedupe, eachMatch, finding, normalize, Rule, before } from './util';

const RULE: Rule = {
  clause: '4.12',
  clauses: ['4.12'],
  severity: 'needs-permission',
  message: 'This speaks for the school, department, district or board from a personal account, which needs written permission.',
  fix: 'Ask your principal (or supervisor) for written permission to speak on behalf of the school, or reword it as your own view.',
  requestKind: 'speak-on-behalf',
};

const ORG =
  "(?:(?:the|our|my|this)\\s+)?(?:school|department|district|board|school\\s+board|OCDSB|Ottawa-Carleton\\s+District\\s+School\\s+Board|administration|admin\\s+team|staff\\s+of\\s+[A-Z][\\w'-]+(?:\\s+[A-Z][\\w'-]+){0,3}|[A-Z][\\w'-]+(?:\\s+[A-Z][\\w'-]+){0,3}\\s+(?:Public\\s+School|P\\.S\\.|PS|High\\s+School|Secondary\\s+School|Collegiate(?:\\s+Institute)?|Elementary(?:\\s+School)?|Intermediate\\s+School|Alternate\\s+School|Middle\\s+School|H\\.S\\.|S\\.S\\.))";

const PATTERNS = new RegExp(
  [
    `\\bon\\s+behalf\\s+of\\s+(?:everyone\\s+at\\s+|all\\s+of\\s+us\\s+at\\s+|the\\s+staff\\s+(?:at|of)\\s+)?${ORG}`,
    `\\b(?:speaking|writing|posting|responding)\\s+(?:for|as)\\s+${ORG}`,
    `\\bas\\s+(?:a|the)\\s+(?:representative|spokesperson|voice|official)\\s+(?:of|for)\\s+${ORG}`,
    `\\bas\\s+(?:the|a)\\s+(?:school's|board's|district's|OCDSB's|department's)\\s+(?:official\\s+)?(?:spokesperson|representative|voice|official)\\b`,
    `\\bspokesperson\\s+for\\s+${ORG}`,
    `\\bwe\\s+at\\s+${ORG}`,
    `\\bofficial\\s+(?:announcement|statement)\\s*:`,
    `\\b(?:our|the)\\s+official\\s+(?:position|statement|response|stance|word|answer)\\b`,
    `\\b(?:the\\s+)?(?:school|department|district|board|OCDSB|administration)'s\\s+(?:official\\s+)?(?:statement|position|response|stance|decision\\s+is|answer)\\b`,
    `\\bofficial\\s+(?:statement|update|announcement|word|notice|message|response)\\s+from\\s+${ORG}`,
    `\\bofficially\\s*,?\\s+(?:the\\s+)?(?:school|district|board|we)\\b`,
    `\\b(?:I|we)\\s+can\\s+(?:officially\\s+)?confirm\\s+(?:that\\s+)?(?:the\\s+)?(?:school|district|board|OCDSB)\\b`,
    `\\b(?:I|we)\\s+can\\s+(?:officially\\s+)?confirm\\s+that\\s+(?:the\\s+)?(?:program|policy|plan|closure|boundary|boundaries|budget|cuts?)\\b`,
    `\\bthe\\s+(?:school|district|board)\\s+(?:has\\s+asked\\s+me|asked\\s+me|wants\\s+me)\\s+to\\s+(?:say|tell|announce|share)\\b`,
  ].join('|'),
  'gi',
);
// "I'm not speaking on behalf of my school": a disclaimer, not a claim.
const NEGATED = /\b(?:not|n't|never|no\s+longer)\s+(?:(?:speaking|writing|posting|here|acting)\s+)?$/i;

function detect(raw: string, ctx: DraftContext): Finding[] {
  if (ctx.account !== 'personal') return [];
  const text = normalize(raw);
  const out: Finding[] = [];
  eachMatch(PATTERNS, text, (m) => {
    if (NEGATED.test(before(text, m.index, 40))) return;
    if (/\b(?:not|n't)\b/i.test(m[0])) return;
    out.push(finding('speaking-for-school', m.index, m.index + m[0].length, RULE));
  });
  return dedupe(out);
}

export const speakingForSchool: Detector = { kind: 'speaking-for-school', detect };
