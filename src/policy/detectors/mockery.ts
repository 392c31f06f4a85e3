import { eachMatch, looksFrench, uni } from './util';

/**
 * Mockery and sarcasm about people the procedure protects (4.6(b)): staff rarely write "my principal
 * is incompetent"; they write "thanks admin 🙃" or "Room 108 parents 🙄🙄". A mocking emoji or a
 * sarcastic turn counts only when a person or group of the school community is named near it, so
 * that "my plants are dying 🙄" or a joke about oneself stays fine.
 */

// Eye-rolls, clowns and smirks carry the sneer; 😂 and 💀 are too often plain laughter to count.
const MOCKING_EMOJI = /(?:🙄|🙃|🤡|😏|🥱|😒|🤦|😤|😬|👀|🤭|💅|🧱|🐔|😈|😡|🤔|👏(?=\s*(?:👏|🙄|🙃|#)))+/gu;

// People and bodies of the school community, in English and in French, as staff name them.
const TARGET = new RegExp(
  uni([
    "\\b(?:parents?|moms?|dads?|famil(?:y|ies)|admin(?:istration)?|principals?|vice[- ]principals?|VPs?|superintendents?|trustees?|director|board(?!\\s+games?)|district|office|IT\\s+dep(?:t|artment)|department|colleagues?|co-?workers?|staff|teachers?|EAs?|subs|supply|AT|AD|kids?|students?|class(?:es)?|grade\\s*\\d{1,2}s?|gr\\.?\\s*\\d{1,2}s?|period\\s*\\d|leadership|student\\s+council)\\b",
    "\\b(?:mamans?|papas?|familles?|direction|directeur|directrice|conseil(?!\\s+des\\s+élèves)|surintendan\\w*|conseill(?:er|ère)s?\\s+scolaires?|collègues?|personnel|enseignant\\w*|profs?|suppléant\\w*|stagiaire|élèves|classe|groupe|gang|bureau\\s+central|secrétariat|comité\\s+de\\s+parents|présidente?|\\d{1,2}e(?:\\s+année)?)(?![\\w\\u00C0-\\u00FF])",
    '\\b(?:room|local)\\s*\\d{1,4}\\b',
    '\\b\\d{1,2}[A-Z]\\b',
  ].join('|')),
  'giu',
);
// "my own kids", "me and my kids": the writer's family, not the school's.
const OWN = /\b(?:my\s+own|our\s+own|mes\s+propres)\s+$/i;

// Sarcastic and scornful turns that need no emoji.
const SNEER = new RegExp(
  [
    // English
    "\\bthanks\\s+(?:so\\s+much\\s+|a\\s+lot\\s+)?(?:admin|board|for\\s+nothing|for\\s+the\\s+['\"]?(?:leadership|support|communication|consultation))\\b",
    "\\bnothing\\s+(?:says|like)\\s+['\"]?[\\w\\s']{2,40}?['\"]?\\s+like\\b",
    '\\b(?:truly|really|such)\\s+inspiring\\s+leadership\\b',
    '\\bgenius\\s+move\\b',
    '\\b(?:parenting|leadership|professionalism)\\s+at\\s+its\\s+finest\\b',
    '\\bmust\\s+be\\s+nice\\b',
    '\\bfunny\\s+how\\s+that\\s+works\\b',
    '\\byou\\s+know\\s+who\\s+you\\s+are\\b',
    "\\bwe\\s+(?:all\\s+)?know\\s+it'?s\\s+you\\b",
    '\\b(?:everyone|everybody)\\s+(?:(?:on|in)\\s+(?:the\\s+)?(?:staff|system|school|building)\\s+)?knows\\s+(?:it|exactly\\s+who)\\b',
    '\\bnot\\s+(?:naming|saying)\\s+(?:any\\s+)?(?:names|who)\\b',
    '\\ba\\s+certain\\s+(?:[\\w-]+\\s+)?(?:teacher|parent|dad|mom|colleague|principal|VP|trustee|superintendent|EA)\\b',
    '\\bkids\\s+these\\s+days\\b',
    '\\bthis\\s+generation\\s+is\\b',
    '\\bin\\s+(?:way\\s+)?over\\s+(?:his|her|their)\\s+heads?\\b',
    '\\b(?:has|have)\\s+(?:zero|no)\\s+clue\\b',
    '\\bcontrol\\s+freak\\b',
    '\\bshould\\s+(?:maybe\\s+|probably\\s+|really\\s+)?not\\s+be\\s+teaching\\b',
    '\\bshould\\s+need\\s+a\\s+licen[cs]e\\b',
    '\\bwalking\\s+HR\\s+(?:complaint|nightmare)\\b',
    '\\bloves?\\s+the\\s+sound\\s+of\\s+(?:his|her|their)\\s+own\\s+voice\\b',
    '\\bhiding\\s+in\\s+(?:his|her|their)\\s+office\\b',
    '\\bcowardice\\b',
    '\\bmaybe\\s+parent\\s+your\\b',
    "\\bcan't\\s+(?:even\\s+)?spell\\b",
    '\\b(?:tech|computer)-?illiterate\\b',
    '\\bincompetence\\b',
  ].join('|'),
  'gi',
);
const SNEER_FR = new RegExp(
  uni([
    // French
    '\\bmerci\\s+pour\\s+rien\\b',
    '\\bincompéten(?:t|te|ts|tes|ce)(?![\\w\\u00C0-\\u00FF])',
    '(?:\\b(?:quelle|la)\\s+honte\\b|#honte\\b|\\bdevrai(?:t|ent)\\s+avoir\\s+honte\\b)',
    '\\bdevrai(?:t|ent)\\s+changer\\s+de\\s+métier\\b',
    '\\b(?:vraiment|de\\s+vrais)\\s+(?:des\\s+)?génies\\b',
    "\\bc'est\\s+pas\\s+pour\\s+tout\\s+le\\s+monde\\b",
    "\\by'?\\s*en\\s+a\\s+qui\\b",
    '\\bcertaines\\s+personnes\\b',
    '\\bcertains\\s+(?:parents|suppléant\\w*|collègues|élèves|enseignant\\w*|profs)\\b',
    '\\bse\\s+reconnaîtra\\b',
    '\\b(?:vous\\s+savez|on\\s+sait\\s+tous|tout\\s+le\\s+monde\\s+sait)\\s+(?:qui|pourquoi)\\b',
    '\\btout\\s+le\\s+monde\\s+le\\s+sait\\b',
    '\\b(?:sont|est)\\s+(?:les|la|le)\\s+pires?\\b',
    '\\b(?:la\\s+pire\\s+gang|le\\s+pire\\s+groupe)\\b',
    '\\b(?:les\\s+)?plus\\s+paresseu(?:x|ses)\\b',
    '\\bdéconnecté(?:e|s|es)?\\s+de\\s+la\\s+réalité\\b',
    "\\baucune\\s+idée\\s+de\\s+ce\\s+qu",
    '\\bment(?:ent)?\\s+aux\\s+parents\\b',
    '\\bvoyous\\b',
    '\\bfuyez\\b',
    '\\bbon\\s+débarras\\b',
    "\\bc'est\\s+gênant\\b",
    '\\bpas\\s+fière?\\s+de\\s+(?:ma|mes|mon)\\s+(?:classe|élèves|groupe)\\b',
    '\\bne\\s+savent\\s+(?:juste\\s+)?pas\\s+se\\s+comporter\\b',
    '\\bse\\s+tourne(?:nt)?\\s+les\\s+pouces\\b',
    '\\bpas\\s+de\\s+vie\\b',
    '#sarcasme\\b',
  ].join('|')),
  'giu',
);

export interface Span {
  start: number;
  end: number;
}

/** The nearest target named before position i in the same paragraph (or just after it), within reach. */
function targetNear(text: string, start: number, end: number, reach: number): Span | null {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const from = Math.max(lineStart, start - reach);
  const nl = text.indexOf('\n', end);
  const to = Math.min(nl < 0 ? text.length : nl, end + 60);
  const window = text.slice(from, to);
  let best: Span | null = null;
  eachMatch(TARGET, window, (m) => {
    const s = from + m.index;
    if (OWN.test(text.slice(Math.max(0, s - 12), s))) return;
    if (best === null || s < start) best = { start: s, end: s + m[0].length };
  });
  return best;
}

/** Spans of mocking remarks: an emoji run or a sarcastic turn with a target near it. */
export function mockery(text: string): Span[] {
  const out: Span[] = [];
  eachMatch(MOCKING_EMOJI, text, (m) => {
    const end = m.index + m[0].length;
    const t = targetNear(text, m.index, end, 200);
    if (t === null) return;
    out.push({ start: Math.min(t.start, m.index), end: Math.max(end, t.end) });
  });
  const sneer = (m: RegExpExecArray): void => {
    out.push({ start: m.index, end: m.index + m[0].length });
  };
  eachMatch(SNEER, text, sneer);
  if (looksFrench(text)) eachMatch(SNEER_FR, text, sneer);
  return out;
}
