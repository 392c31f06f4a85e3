import type { Detector, DraftContext, Finding } from './types';
import { mockery } from './mockery';
import { dedupe, eachMatch, finding, normalize, Rule } from './util';

const RULE: Rule = {
  clause: '4.6(b)',
  clauses: ['4.6(b)'],
  severity: 'not-allowed',
  message:
    'This reflects negatively on students, families, colleagues, the school, the district or the board.',
  fix: 'Remove the negative remarks about people or the school. If you have a concern, raise it with your principal or supervisor, not on social media.',
};

// Who the procedure protects from negative remarks (4.6(b), "Inappropriate message" in Appendix A).
const TARGET =
  "(?:(?:Mr|Ms|Mrs|Mx|Dr|Mme|Madame|Coach|Trustee|Superintendent|Principal)\\.?\\s+[A-Z][\\w'-]{1,20}|(?:grade\\s*\\d{1,2}\\s+)?(?:girls|boys)|principals?|vice[- ]principals?|VPs?|admins?|administration|administrators?|management|bosses|boss|teachers?|colleagues?|co-?workers?|staff|EAs?|ECEs?|custodians?|caretakers?|secretar(?:y|ies)|parents?|moms|dads|families|students?|kids|pupils|children|class(?:es)?|school|district|board(?!\\s+games?)|trustees?|superintendents?|director|OCDSB|union|department|coach(?:es)?|grade\\s*\\d{1,2}s)";
const DET =
  "(?:(?:the|our|my|this|that)\\s+(?:new|current|former|old)|(?:some|most|many|half|a\\s+lot|lots|all|a\\s+few|one|two|several|none)\\s+of\\s+(?:the|these|those|my|our|this\\s+year's)|my|our|the|this|these|those|that|his|her|their|some|most|half\\s+the|all\\s+(?:the|my|our|these))";

// Adjectives that say something bad about the person or place itself, not about the weather or a day.
const NEG_ADJ =
  "(?:incompetent|useless|lazy|unhinged|deranged|insane|ridiculous|unbearable|selfish|greedy|vile|nasty|dreadful|atrocious|horrid|annoying|impossible|laziest|dumbest|stupidest|rudest|meanest|nastiest|worst-behaved|worst-behaved|stupid|idiotic|moronic|dumb|corrupt|crooked|pathetic|clueless|hopeless|spineless|gutless|lying|dishonest|horrible|terrible|awful|worst|bratty|psycho|psychotic|toxic|evil|disgusting|ignorant|inept|negligent|abusive|racist|sexist|deplorable|unprofessional|shady|ungrateful|spoiled|spoilt|rude|disrespectful|feral|obnoxious|insufferable|good-for-nothing|brain-?dead|entitled|two-faced|power-hungry|lousy|crappy|shitty|garbage|trash|trashy)";
const NEG_NOUN =
  "(?:idiots?|morons?|liars?|crooks?|frauds?|fools?|clowns?|losers?|brats?|psychos?|bull(?:y|ies)|thieves|thief|scum|animals|monsters|savages|slackers|freeloaders|deadbeats?|joke|dump|hellhole|circus|dumpster\\s+fire|disgrace|nightmare|waste\\s+of\\s+(?:space|money|time|oxygen)|liability|embarrassment|failures?|drunks?|alcoholics?|addicts?|perverts?|creeps?|predators?|hypocrites?|cowards?)";
const FILLER =
  "(?:(?:a|an|the|such|so|completely|totally|utterly|really|just|absolutely|truly|most|one\\s+of\\s+the|bunch\\s+of|complete|total|absolute|freaking|pretty|very|incredibly|beyond|clearly|obviously|honestly|all|too|being|literally|seriously|genuinely|frankly|straight-up|full\\s+of)\\s+){0,4}";
const COPULA = "(?:\\s+(?:is|are|was|were|has\\s+been|have\\s+been|seems?|looks?|acts?|acting|being|remains?)|'s|'re)";
const QUALIFIER =
  "(?:\\s+(?:Mr|Ms|Mrs|Mx|Dr|Mme)\\.?\\s+[\\w'-]{1,20}|\\s+(?:at|in|of|from)\\s+[A-Z][\\w'-]{1,20}(?:\\s+[A-Z][\\w'-]{1,20}){0,3}|\\s+(?:team|office|staff|members|folks|people|here|there|lately|nowadays|today|this\\s+year|these\\s+days)|\\s+(?:at|in|of|from|on)\\s+(?:this|my|our|the|that|your)(?:\\s+[\\w'-]{1,20}){1,3}?)?";

const PATTERNS = new RegExp(
  [
    // "lazy students", "the worst parents", "incompetent, spineless admin"
    `\\b${NEG_ADJ}(?:\\s*,\\s*${NEG_ADJ}|\\s+and\\s+${NEG_ADJ})?\\s+(?:little\\s+|old\\s+)?${TARGET}\\b`,
    // "our principal is incompetent", "the parents at this school are the worst", "admin team is a complete joke"
    `\\b(?:${DET}\\s+)?${TARGET}${QUALIFIER}${COPULA}\\s+${FILLER}(?:${NEG_ADJ}(?!\\s+to\\b)|${NEG_NOUN})\\b`,
    // "I can't stand my principal"
    `(?:\\bI\\s+(?:really\\s+|honestly\\s+|just\\s+)?(?:hate|can't\\s+stand|cannot\\s+stand|despise|loathe|detest)|\\b(?:hate|can't\\s+stand|cannot\\s+stand|despise|loathe|detest)(?<=(?:^|[.!?\\n]\\s{0,3})(?:hate|can't\\s+stand|cannot\\s+stand|despise|loathe|detest)))\\s+${DET}\\s+(?:[\\w-]{1,20}\\s+)?${TARGET}\\b`,
    // "the board has no clue", "this school sucks"
    `\\b(?:${DET}\\s+)?${TARGET}${QUALIFIER}\\s+(?:sucks?|stinks?|(?:has|have)\\s+no\\s+(?:clue|idea|spine|backbone|shame)|(?:can't|cannot|couldn't|could\\s+not)\\s+(?:even\\s+)?(?:teach|manage|lead|run|organi[sz]e|do\\s+(?:their|his|her|its)\\s+jobs?)|(?:doesn't|don't)\\s+(?:care\\s+about|give\\s+a)|should\\s+(?:be\\s+fired|be\\s+ashamed|resign)|(?:got|was|were|been|gets)\\s+caught\\s+(?:stealing|drinking|cheating|lying|sleeping|drunk|high|doing\\s+drugs)|(?:lie|lies|lied|steal|steals|stole)\\s+(?:to|from|about)|is\\s+going\\s+downhill|hates?\\s+(?:kids|children|students|teaching|(?:his|her|their)\\s+job))\\b`,
    `\\b${TARGET}\\s+from\\s+hell\\b`,
  ].join('|'),
  'gi',
);
// "They're all crooks" after naming the trustees: the pronoun carries the target.
const PRONOUN = new RegExp(
  `\\b(?:they're|they\\s+are|they\\s+were|he's|he\\s+is|she's|she\\s+is|(?:the|this|that)\\s+(?:man|woman|guy|lady)\\s+(?:is|was))\\s+${FILLER}(?:${NEG_ADJ}(?!\\s+to\\b)|${NEG_NOUN})\\b`,
  'gi',
);
const TARGET_MENTION = new RegExp(`\\b${TARGET}\\b`, 'i');

function detect(raw: string, _ctx: DraftContext): Finding[] {
  const text = normalize(raw);
  const out: Finding[] = [];
  eachMatch(PATTERNS, text, (m) => {
    out.push(finding('defamatory', m.index, m.index + m[0].length, RULE));
  });
  for (const s of mockery(text)) out.push(finding('defamatory', s.start, s.end, RULE));
  eachMatch(PRONOUN, text, (m) => {
    if (!TARGET_MENTION.test(text.slice(Math.max(0, m.index - 200), m.index))) return;
    out.push(finding('defamatory', m.index, m.index + m[0].length, RULE));
  });
  return dedupe(out);
}

export const defamatory: Detector = { kind: 'defamatory', detect };
