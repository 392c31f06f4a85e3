import type { Detector, DraftContext, Finding } from './types';
import { ci, dedupe, eachMatch, finding, normalize, Rule, sentenceAround } from './util';

const RULE: Rule = {
  clause: '4.10(c)',
  clauses: ['4.10(c)'],
  severity: 'not-allowed',
  message: 'School and district accounts must stay apolitical: this mentions parties, candidates, elections or a partisan position.',
  fix: 'Remove the political content from the school or district account. Staff may share their own political views only on personal accounts.',
};

// Case-sensitive where a party's name is also an ordinary word ("green", "liberal", "conservative").
const PARTIES = [
  `\\bNDP\\b`,
  `\\b(?:Ontario|Federal|federal|Canadian)\\s+NDP\\b`,
  `\\bNew\\s+Democrats?\\b`,
  `\\bConservatives\\b`,
  `\\bConservative\\s+(?:Party|party|government|candidate|MPP|MP|leader|platform)\\b`,
  `\\bProgressive\\s+Conservatives?\\b`,
  `\\bPC\\s+(?:Party|party|government|candidate|MPP|leader|platform)\\b`,
  `\\bLiberals\\b`,
  `\\bLiberal\\s+(?:Party|party|government|candidate|MPP|MP|leader|platform)\\b`,
  `\\bGreen\\s+(?:Party|party|candidate|MPP|MP|leader|platform)\\b`,
  `\\bBloc\\s+Qu[eé]b[eé]cois\\b`,
  `\\bPPC\\b`,
  `\\bPeople's\\s+Party\\b`,
  `\\b(?:Doug\\s+)?Ford\\s+(?:government|cuts|Conservatives|PCs|gov't|govt)\\b`,
  `\\bDoug\\s+Ford\\b`,
  `\\bJustin\\s+Trudeau\\b`,
  `\\b(?:Pierre\\s+)?Poilievre\\b`,
  `\\bJagmeet\\s+Singh\\b`,
  `\\bMarit\\s+Stiles\\b`,
  `\\bBonnie\\s+Crombie\\b`,
  `\\bMike\\s+Schreiner\\b`,
  `\\bMark\\s+Carney\\b`,
  `\\bPremier\\s+(?:Doug\\s+)?Ford\\b`,
  `\\b(?:Donald\\s+)?Trump\\b(?!\\s+cards?)`,
  `\\bMAGA\\b`,
  `\\b[Vv]ote\\s+(?:Liberal|Conservative|Green|NDP|PC|Tory)\\b`,
];
// Also ordinary words or surnames ("eat your greens", a student called Trudeau): political only beside politics.
const AMBIGUOUS = [`\\bGreens\\b`, `\\bTor(?:y|ies)\\b`, `\\bBloc\\b`, `\\bTrudeau\\b`, `\\bCarney\\b`, `\\bFord\\b`];
const AMBIGUOUS_RE = new RegExp(`^(?:${AMBIGUOUS.join('|')})$`);
const POLITICS =
  /\b(?:vot(?:e|es|ed|ing)|elections?|elect|party|parties|candidates?|platform|government|gov't|govt|campaign|polls?|riding|MPPs?|MPs?|premier|prime\s+minister|policy|policies|politic(?:s|al)|cuts|leader)\b/i;

const VOTE_OBJECT =
  "(?:the\\s+)?(?:NDP|Conservatives?|Liberals?|Greens?|Tor(?:y|ies)|PCs?|PPC|Bloc|[A-Z][a-z]+(?:\\s+[A-Z][a-z]+)?|(?:our|your|the|a)\\s+(?:local\\s+)?(?:candidate|MPP|MP|incumbent|party|trustee|councillor|mayor))";

const PATTERNS = new RegExp(
  [
    ...PARTIES,
    ...AMBIGUOUS,
    // Voting advice; the object decides below whether it is a student-council or favourite-book vote.
    `\\b${ci('vote')}\\s+(?:for|against)\\s+${VOTE_OBJECT}`,
    `\\b(?:${ci('support')}|${ci('back')}|${ci('elect')}|${ci('re-elect')}|${ci('reelect')}|${ci('stand with')}|${ci('stand behind')}|${ci('endorse')}|${ci('endorsing')}|${ci('donate to')}|${ci('volunteer for')})\\s+(?:the\\s+)?(?:NDP|Conservatives?|Liberals?|Greens?|PCs?|Tor(?:y|ies)|PPC|Bloc|(?:Ontario|federal)\\s+NDP|(?:our|your|the)\\s+(?:local\\s+)?(?:NDP|Liberal|Conservative|Green|PC)\\s+candidate)`,
    `\\b(?:${ci('federal')}|${ci('provincial')}|${ci('municipal')}|${ci('general')}|${ci('trustee')}|${ci('mayoral')}|${ci('city')}|${ci('Ontario')}|${ci('Canadian')}|${ci('by')})[- ]?${ci('election')}s?\\b`,
    `\\b${ci('election day')}\\b`,
    `\\b(?:${ci('candidates?')}|${ci('MPP')}|${ci('MP')}|${ci('incumbent')})\\s+(?:for|in)\\s+(?:our|this|the)\\s+${ci('riding')}\\b`,
    `\\b(?:our|your|this)\\s+${ci('riding')}\\b(?!\\s+(?:club|lessons?|team|camp|program|helmet|gear|skills|season))`,
    `\\b${ci('Bill')}\\s+\\d{1,3}\\b`,
    `\\b(?:${ci('union')}'s|${ci('our union')}|${ci('the union')}|OSSTF|ETFO|OECTA|AEFO|CUPE)\\s+(?:${ci('position')}|${ci('stance')}|${ci('fight')}|${ci('campaign')})\\b`,
    `\\b(?:${ci('the government')}'s|${ci('the premier')}'s|${ci('the province')}'s|${ci('queen')}'s\\s+${ci('park')}'s)\\s+(?:${ci('attack')}|${ci('war')}|${ci('cuts')}|${ci('assault')})\\b`,
    `\\b(?:${ci('stop the cuts')}|${ci('defeat')}\\s+(?:the\\s+)?(?:Ford|Liberals|Conservatives|NDP|government)|${ci('vote them out')}|${ci('kick them out')})\\b`,
    `\\b(?:${ci('tell')}|${ci('contact')}|${ci('call')}|${ci('email')}|${ci('write to')}|${ci('phone')})\\s+(?:your|our)\\s+(?:MPP|MP|trustee|councillor|premier)\\s+(?:to|and)\\s+(?:${ci('vote')}|${ci('oppose')}|${ci('support')}|${ci('stop')}|${ci('demand')}|${ci('reject')}|${ci('fight')})\\b`,
    `\\b(?:${ci('solidarity')}|${ci('stand with')}|${ci('support')})\\s+(?:with\\s+)?(?:our\\s+|the\\s+)?(?:${ci('union')}|ETFO|OSSTF|OECTA|CUPE|AEFO|${ci('strikers')}|${ci('picket line')}|${ci('striking')}\\s+\\w+)\\b`,
    `#(?:onpoli|cdnpoli|ottpoli|StopFord\\w*|FordCuts|ByeByeFord)\\b`,
    `\\b${ci('pro-life')}|\\b${ci('pro-choice')}\\b`,
  ].join('|'),
  'g',
);

// A student-council vote or a favourite-book poll is not politics.
const SCHOOL_VOTE =
  /\b(?:student\s+council|student\s+government|class\s+president|president|prime\s+minister\s+for\s+a\s+day|favou?rite|best|student\s+vote|kids\s+vote|mock|rep(?:resentative)?s?|captain|prefect|grad\s+committee|cover|costume|design|book|name|mascot|theme|song|poster|spirit|school\s+council)\b/i;
// A lesson about elections teaches how democracy works; a polling-station notice is logistics.
const CIVICS_OR_LOGISTICS =
  /\b(?:civics|learn(?:s|ing|ed)?|lesson|unit|study|studying|class|students?|analy[sz]\w*|data|turnout|results|history|research|project|debate|assignment|simulation|how\s+(?:elections|voting|government)\s+works?|student\s+vote|mock|polling\s+(?:station|location|place)|parking|gym\s+(?:will\s+be\s+)?closed|entrance)\b/i;
// Voting advice and partisan stands are political even inside a civics lesson.
const ALWAYS = /^(?:vote\s+(?:for|against)|support|back|elect|re-?elect|stand|endorse|endorsing|donate|volunteer|defeat|stop|kick|solidarity)\b|^pro-/i;

function detect(raw: string, ctx: DraftContext): Finding[] {
  if (ctx.account === 'personal') return [];
  const text = normalize(raw);
  const out: Finding[] = [];
  eachMatch(PATTERNS, text, (m) => {
    const start = m.index;
    const end = start + m[0].length;
    const sent = sentenceAround(text, start, end).str;
    if (AMBIGUOUS_RE.test(m[0]) && !POLITICS.test(sent)) return;
    if (/^vote\s+for/i.test(m[0])) {
      const object = m[0].replace(/^vote\s+for\s+/i, '');
      // A named party or politician is partisan; a capitalized word otherwise may be a student or a book.
      const partisan = /\b(?:NDP|Conservatives?|Liberals?|Greens?|Tor(?:y|ies)|PCs?|PPC|Bloc|candidate|MPP|MP|incumbent|party)\b/.test(object);
      if (!partisan && SCHOOL_VOTE.test(sent)) return;
      if (!partisan && /^[A-Z]/.test(object) && !/\b(?:election|ballot|riding|poll)/i.test(sent)) return;
    } else if (!ALWAYS.test(m[0])) {
      if (/^election|^by|^general|^trustee|^city|^mayoral/i.test(m[0]) || /election/i.test(m[0]) || /riding/i.test(m[0])) {
        const partisanNearby = /\b(?:NDP|Conservatives?|Liberals?|Greens?|Tor(?:y|ies)|PCs?|PPC|Bloc)\b/.test(sent);
        if (!partisanNearby && (CIVICS_OR_LOGISTICS.test(sent) || SCHOOL_VOTE.test(sent))) return;
      }
      // A bill number alone is political only with a stand on it.
      if (/^bill/i.test(m[0]) && !/\b(?:oppose|opposes|opposing|support|supports|against|fight|repeal|scrap|stop|position|stance|protest|unconstitutional|attack)\b/i.test(sent)) return;
    }
    out.push(finding('political', start, end, RULE));
  });
  return dedupe(out);
}

export const political: Detector = { kind: 'political', detect };
