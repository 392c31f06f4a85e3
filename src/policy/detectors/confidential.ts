import type { Detector, DraftContext, Finding } from './types';
import { dedupe, eachMatch, finding, normalize, Rule, sentenceAround } from './util';

const RULE: Rule = {
  clause: '4.6(c)',
  clauses: ['4.6(c)'],
  severity: 'not-allowed',
  message: 'This seems to share confidential or internal information (a memo, minutes, or something not yet public).',
  fix: 'Remove the internal information; share only what the school or district has made public.',
};

const DOC = '(?:memo|memos|document|documents|doc|docs|report|reports|e-?mail|emails|letter|file|files|info|information|list|plan|plans|budget|minutes|notes|slides|details|data|numbers|message|briefing|update|news)';

const PATTERNS = new RegExp(
  [
    // "confidential" as a label on something, not a reminder that records are confidential.
    `\\b(?:strictly\\s+|highly\\s+|very\\s+)?confidential\\s+(?:[\\w-]{1,15}\\s+)?${DOC}\\b`,
    `\\b(?:this|it|that|these)\\s+(?:is|are|was)\\s+(?:strictly\\s+|technically\\s+|supposed\\s+to\\s+be\\s+)?confidential\\b`,
    `\\b(?:marked|labelled|labeled|stamped)\\s+(?:as\\s+)?["']?confidential\\b`,
    `\\bconfidential\\s*[:!-]`,
    `\\bin\\s+(?:strict\\s+)?confidence\\b`,
    `\\binternal\\s+(?:[\\w-]{1,15}\\s+)?(?:memo|memos|document|documents|doc|docs|e-?mail|emails|report|reports|only|use\\s+only|communication|communications|briefing|list|data|plan|plans|minutes)\\b`,
    `\\bfor\\s+(?:internal|staff)\\s+(?:use|eyes)\\s+only\\b`,
    `\\bnot\\s+for\\s+(?:public\\s+)?(?:distribution|release|circulation|publication|sharing)\\b`,
    `\\bleaked\\s+${DOC}\\b`,
    `\\b${DOC}\\s+(?:that\\s+)?(?:was|were|got)\\s+leaked\\b`,
    `\\b(?:got\\s+)?leaked\\s+to\\s+(?:me|us)\\b`,
    `\\bleak(?:ing)?\\s+(?:this|it|the\\s+${DOC})\\b`,
    `\\b(?:please\\s+)?(?:don't|do\\s+not|dont|pls\\s+don't)\\s+(?:share|repost|forward|spread|screenshot|tell\\s+anyone\\s+about)\\s+(?:this|these|it)\\b`,
    `\\bkeep\\s+(?:this|it)\\s+(?:between\\s+us|quiet|on\\s+the\\s+down\\s*low|under\\s+wraps|to\\s+yourselves?)\\b`,
    `\\b(?:stays|staying|stay|just|strictly|only)\\s+between\\s+(?:us|ourselves|you\\s+and\\s+me)\\b`,
    `\\bbetween\\s+you\\s+and\\s+me\\b`,
    `\\boff\\s+the\\s+record\\b`,
    `\\b(?:don't|do\\s+not)\\s+tell\\s+anyone\\b`,
    `\\b(?:not|isn't|hasn't\\s+been\\s+made|hasn't\\s+been)\\s+(?:public|announced|made\\s+public|official)\\s+yet\\b`,
    `\\bnot\\s+supposed\\s+to\\s+(?:share|say|tell|post|talk\\s+about)\\b`,
    `\\bbefore\\s+(?:it's|it\\s+is|they're)\\s+(?:announced|official|public)\\b`,
    `\\b(?:staff|admin|administration|leadership|SLT|department|in-camera|in\\s+camera|closed)\\s+meeting\\s+minutes\\b`,
    `\\bminutes\\s+(?:of|from)\\s+(?:the\\s+|our\\s+|today's\\s+|yesterday's\\s+)?(?:staff|admin|in-camera|in\\s+camera|closed)\\b`,
    `\\b(?:in-camera|in\\s+camera|closed)\\s+(?:session|meeting|board\\s+meeting)\\b`,
    `\\b(?:memo|e-?mail|letter|briefing|note)\\s+from\\s+(?:HR|human\\s+resources|admin|the\\s+admin|our\\s+admin|the\\s+administration|the\\s+principal|our\\s+principal|the\\s+superintendent|the\\s+director|the\\s+district|the\\s+board|head\\s+office|management|labour\\s+relations|legal)\\b`,
    `\\b(?:staff|admin|HR)\\s+memo\\b`,
    `\\bscreenshots?\\s+of\\s+(?:the|a|an|our|this)\\s+(?:internal\\s+)?(?:memo|e-?mail|staff|admin|private|group\\s+chat)\\b`,
    `\\bembargoed\\b`,
    `\\bleaked\\s*[:!]`,
    `\\byou\\s+heard\\s+it\\s+(?:here\\s+)?first\\b`,
    `\\byou\\s+didn't\\s+hear\\s+(?:it|this|that)\\s+from\\s+me\\b`,
    `\\b(?:e-?mail|memo|letter|message|note)\\s+(?:that\\s+)?(?:admin|HR|the\\s+admin|our\\s+admin|the\\s+principal|our\\s+principal|the\\s+superintendent|the\\s+district|the\\s+board|management)\\s+sent\\s+(?:to\\s+)?(?:staff|us|all\\s+staff|teachers|the\\s+staff)\\b`,
  ].join('|'),
  'gi',
);
// "Report cards are confidential" reminds; it does not disclose.
const REMINDER = /\b(?:keep|remember|reminder|protect|respect|never\s+share|must\s+remain|are\s+confidential|policy)\b/i;

function detect(raw: string, _ctx: DraftContext): Finding[] {
  const text = normalize(raw);
  const out: Finding[] = [];
  eachMatch(PATTERNS, text, (m) => {
    const start = m.index;
    const end = start + m[0].length;
    if (/^confidential\s*[:!-]$/i.test(m[0]) && REMINDER.test(sentenceAround(text, start, end).str)) return;
    out.push(finding('confidential', start, end, RULE));
  });
  return dedupe(out);
}

export const confidential: Detector = { kind: 'confidential', detect };
