import type { Detector, DraftContext, Finding } from './types';
import { dedupe, eachMatch, finding, normalize, Rule } from './util';

const RULE: Rule = {
  clause: '4.6(c)',
  clauses: ['4.6(c)', '4.19(a)'],
  severity: 'not-allowed',
  message: 'This harasses or threatens someone, or expresses hatred against a person or an identifiable group.',
  fix: 'Remove the threatening, harassing or hateful words. Do not post this.',
};

// Groups protected under the Human Rights Code grounds the procedure points to (4.10(c), P.147.GOV).
// Religious dress marks an identifiable group as surely as a name for it does.
const ATTIRE_GROUP =
  "(?:people|women|men|girls|boys|families|moms|dads|parents|those|these|kids|students)\\s+(?:in|with|wearing)\\s+(?:hijabs?|headscarves|turbans?|niqabs?|burqas?|kippahs?|yarmulkes?|patkas?)";
const GROUP =
  `(?:${ATTIRE_GROUP}|immigrants|refugees|migrants|newcomers|foreigners|muslims|jews|christians|sikhs|hindus|catholics|atheists|black\\s+(?:people|folks|kids|students)|blacks|whites|white\\s+people|asians|chinese(?:\\s+people)?|indians|arabs|africans|mexicans|latinos|pakistanis|somalis|haitians|filipinos|natives|indigenous\\s+(?:people|peoples|kids|students)|first\\s+nations|inuit|gays|gay\\s+people|lesbians|queers|trans\\s+(?:people|kids|students|women|men|folks)|transgender\\s+(?:people|kids|students)|lgbtq?\\+?\\s*(?:people|folks|kids|students)?|lgbt\\w*|women|men|girls|disabled\\s+(?:people|kids|students)|the\\s+disabled|autistic\\s+(?:people|kids)|poor\\s+people|these\\s+people|those\\s+people|people\\s+like\\s+(?:that|them|you)|(?:anyone|people|those)\\s+who\\s+supports?\\s+[\\w\\s-]{1,30}?)`;
const HATE_PRED =
  '(?:criminals|terrorists|animals|vermin|parasites|rats|cockroaches|subhuman|savages|a\\s+(?:plague|disease|cancer|virus|threat)|diseased|dirty|filthy|evil|disgusting|dangerous|violent|thieves|rapists|pedophiles|groomers|perverts|freaks|inferior|stupid|lazy|worthless|trash|garbage|the\\s+problem|ruining\\s+(?:this|our|the)\\s+\\w+|destroying\\s+(?:this|our|the)\\s+\\w+|invading|taking\\s+over|stealing\\s+(?:our|the)\\s+\\w+|taking\\s+(?:our|all\\s+the)\\s+jobs|not\\s+welcome|not\\s+real\\s+\\w+)';

// A deliberately short slur list: enough to catch the common cases without turning the source into a catalogue.
const SLURS =
  "(?:f[a@]gg?(?:o|e)ts?|f[a@]gs|tr[a@]nn(?:y|ies)|retards?|retarded|sp[a@]z|n[i1]gg(?:er|a)s?|ch[i1]nks?|sp[i1]cs?|k[i1]kes?|wetbacks?|r[a@]gheads?|towelheads?|paki|pakis|sq[u]aws?|redskins?|gooks?|c[o0]ons|tard|libtard)";

const PATTERNS = new RegExp(
  [
    `\\b${SLURS}\\b`,
    // "all immigrants are criminals", "muslims are a threat"
    `\\b(?:all\\s+|most\\s+|these\\s+|those\\s+|the\\s+)?${GROUP}\\s+(?:are|r|is)\\s+(?:all\\s+|just\\s+|nothing\\s+but\\s+|basically\\s+|a\\s+bunch\\s+of\\s+)?${HATE_PRED}\\b`,
    `\\b(?:should|need\\s+to|needs\\s+to|ought\\s+to|can|must)\\s+(?:all\\s+)?go\\s+back\\s+(?:to\\s+)?(?:where\\s+(?:they|you|he|she)\\s+(?:came|come)\\s+from|(?:to\\s+)?(?:their|your|his|her)\\s+(?:own\\s+)?(?:country|countries|village|reserve))`,
    `\\bgo\\s+back\\s+(?:to\\s+)?(?:where\\s+(?:they|you|he|she)\\s+(?:came|come)\\s+from|(?:to\\s+)?(?:their|your|his|her)\\s+(?:own\\s+)?(?:country|countries|village|reserve))`,
    `\\b(?:deport|ban|get\\s+rid\\s+of|kick\\s+out|round\\s+up|exterminate|wipe\\s+out)\\s+(?:all\\s+(?:the\\s+|these\\s+|those\\s+)?|the\\s+|these\\s+|those\\s+)${GROUP}`,
    `\\b${GROUP}\\s+(?:don't|do\\s+not|doesn't|does\\s+not)\\s+belong\\s+(?:here|in\\s+(?:our\\s+(?:schools?|classrooms?|country|community)|this\\s+(?:school|country|class)|canada|schools|the\\s+classroom))`,
    `\\bI\\s+(?:hate|despise|can't\\s+stand)\\s+(?:all\\s+)?${GROUP}`,
    `\\b(?:${ATTIRE_GROUP}|(?:the\\s+|these\\s+|those\\s+)?(?:immigrants|refugees|migrants|newcomers|foreigners|muslims|jews|sikhs|hindus|asians|chinese|indians|arabs|africans|mexicans|gays|trans\\s+people|natives))\\s+(?:taking\\s+over|invading|infesting|flooding|ruining|destroying|overrunning)\\b`,
    `\\b(?:sick|tired)\\s+of\\s+(?:all\\s+)?(?:these|those|the)\\s+(?:${ATTIRE_GROUP}|immigrants|refugees|migrants|newcomers|foreigners|muslims|jews|sikhs|hindus|asians|indians|arabs|gays|trans\\s+people)\\b`,
    // Threats and intimidation aimed at someone.
    `\\bI\\s*(?:'ll|\\s+will|'m\\s+going\\s+to|\\s+am\\s+going\\s+to|\\s+gonna)\\s+(?:kill|hurt|punch|destroy|ruin)\\s+(?:you|him|her|them|that\\s+\\w+)\\b|\\bI\\s*(?:'ll|\\s+will|'m\\s+going\\s+to|\\s+am\\s+going\\s+to|\\s+gonna)\\s+beat\\s+(?:you|him|her|them)\\s+up\\b`,
    `\\byou(?:'ll|\\s+will|'re\\s+going\\s+to|\\s+are\\s+going\\s+to|\\s+gonna)\\s+(?:regret\\s+(?:it|this)|pay\\s+for\\s+(?:it|this|that)|be\\s+sorry)\\b`,
    `\\b(?:he|she|they|that\\s+\\w+)\\s+(?:will|'ll|is\\s+going\\s+to|are\\s+going\\s+to)\\s+(?:regret\\s+(?:it|this)|pay\\s+for\\s+(?:it|this|that))\\b`,
    `\\bI\\s+know\\s+where\\s+(?:you|he|she|they)\\s+lives?\\b`,
    `\\bwatch\\s+(?:your|his|her|their)\\s+back\\b`,
    `\\b(?:go\\s+)?kill\\s+yo(?:u|ur)rself\\b|\\bkys\\b`,
    `\\b(?:should|deserves?\\s+to|ought\\s+to)\\s+(?:be\\s+)?(?:die|be\\s+shot|be\\s+hanged|be\\s+beaten|get\\s+(?:shot|beaten|hurt))\\b`,
    `\\b(?:everyone|let's\\s+all|y'all|you\\s+all)\\s+(?:go\\s+)?(?:report|spam|flood|brigade|harass|pile\\s+on)\\s+(?:her|his|their|this\\s+\\w+'s)\\b`,
    `\\b(?:that|this|the)\\s+(?:fat|ugly|smelly|stupid|dumb|retarded|weird|creepy|disgusting)\\s+(?:little\\s+)?(?:kid|boy|girl|student|child|teen)\\b`,
    `\\bnobody\\s+(?:likes|wants|cares\\s+about)\\s+(?:you|him|her)\\b`,
    `\\bmake\\s+(?:[\\w']{1,20}\\s+){0,2}?(?:life|lives|days?)\\s+(?:a\\s+)?(?:living\\s+)?(?:hell|miserable|misery)\\b`,
    `\\b(?:you're|you\\s+are|ur)\\s+(?:a|an|such\\s+a|such\\s+an)\\s+(?:fat|ugly|stupid|worthless|pathetic|disgusting)?\\s*(?:pig|cow|loser|idiot|moron|freak|whore|slut|bitch|waste\\s+of\\s+space)\\b`,
  ].join('|'),
  'gi',
);

function detect(raw: string, _ctx: DraftContext): Finding[] {
  const text = normalize(raw);
  const out: Finding[] = [];
  eachMatch(PATTERNS, text, (m) => {
    out.push(finding('harassment-hate', m.index, m.index + m[0].length, RULE));
  });
  return dedupe(out);
}

export const harassmentHate: Detector = { kind: 'harassment-hate', detect };
