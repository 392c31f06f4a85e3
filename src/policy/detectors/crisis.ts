import type { Detector, DraftContext, Finding } from './types';
import { dedupe, eachMatch, finding, looksFrench, normalize, Rule, sentenceAround, uni } from './util';

const RULE: Rule = {
  clause: '3.2',
  clauses: ['3.2', '4.4'],
  severity: 'ask-communications',
  message: 'This is about a crisis or emergency. Communications manages all social-media communication in a crisis.',
  fix: 'Do not post it yourself: send it to the Communications department (and your principal), who will decide what is shared.',
};

const re = (parts: string[]): RegExp => new RegExp(parts.join('|'), 'gi');
const reFr = (parts: string[]): RegExp => new RegExp(uni(parts.join('|')), 'giu');

// The same emergencies as Ontario francophone staff write them.
const DRILLABLE_FR = reFr([
  `\\bconfinement(?:\\s+barricadé)?\\b`,
  `\\b(?:confiné|barricadé|enfermé)(?:·?e)?(?:·?s)?\\b`,
  `\\bportes\\s+(?:sont\\s+)?barrées\\b`,
  `\\bsécurité\\s+(?:intérieure|accrue)\\b`,
  `\\bévacu(?:ation|é|ée|és|ées|er|ons|ent)\\b`,
  `\\bon\\s+évacue\\b`,
  `\\balerte\\s+à\\s+la\\s+bombe\\b`,
  `\\bmenace\\s+(?:de\\s+bombe|contre\\s+l'école)\\b`,
  `\\b(?:la\\s+)?police\\s+(?:est\\s+)?(?:sur\\s+(?:place|les\\s+lieux)|arrive|fouille|est\\s+avisée|dans\\s+l'école)\\b`,
  `\\b(?:des\\s+)?(?:policiers|polices)\\s+(?:dans|partout|autour)\\b`,
  `\\b(?:consignes|nouvelles)\\s+de\\s+la\\s+police\\b`,
  `\\battend(?:ons)?\\s+la\\s+police\\b`,
  `\\bhomme\\s+armé\\b|\\bpersonne\\s+armée\\b|\\btireur\\b|\\bcoups?\\s+de\\s+feu\\b`,
  `\\bfuite\\s+de\\s+gaz\\b`,
  `\\b(?:feu|incendie)\\s+(?:dans|à|au)\\b`,
  `\\bodeur\\s+de\\s+fumée\\b|\\bfumée\\s+dans\\b`,
  `\\bpompiers\\s+(?:sur\\s+place|arrivent|sont\\s+là)\\b`,
  `\\bcode\\s+(?:rouge|jaune)\\b`,
  `\\b(?:est|sont)\\s+inondée?s?\\b|\\bfuite\\s+d'eau\\s+majeure\\b`,
  `\\bpanne\\s+d'électricité\\s+majeure\\b`,
  `\\bfermé\\s+l'école\\s+d'urgence\\b|\\bfermée?\\s+d'urgence\\b`,
  `\\bsirènes\\b`,
]);
const HARM_FR = reFr([
  `\\b(?:manque|manquent)\\s+à\\s+l'appel\\b`,
  `\\bporté(?:e|s|es)?\\s+disparu(?:e|s|es)?\\b`,
  `\\bdisparu(?:e)?\\s+depuis\\b`,
  `\\b(?:sont|est|a\\s+été|ont\\s+été)\\s+(?:gravement\\s+)?blessé(?:e|s|es)?\\b`,
  `\\bblessés?\\s+graves?\\b`,
  `\\b(?:ambulanciers|ambulances?|paramédics)\\b`,
  `\\b(?:transporté|conduit)(?:e|s|es)?\\s+à\\s+l'hôpital\\b`,
  `\\baccident(?:\\s+grave)?\\s+(?:sur|avec|de|d'autobus|d'hier)\\b|\\bavoir\\s+un\\s+accident\\b|\\baccident\\s+grave\\b`,
  `\\b(?:est|sont)\\s+décédé(?:e|s|es)?\\b|\\bdécédé(?:e)?\\s+(?:subitement|ce\\s+matin|hier|d'une)\\b`,
  `\\b(?:repose\\s+en\\s+paix|RIP|parti(?:e)?\\s+trop\\s+tôt|sous\\s+le\\s+choc|nos\\s+condoléances|triste\\s+nouvelle)\\b`,
  `\\b(?:s'est\\s+fait\\s+(?:frapper|poignarder|agresser)|a\\s+été\\s+(?:frappé|agressé|poignardé|arrêté)e?)\\b`,
  `\\bs'est\\s+fracturé\\b`,
]);
const ROUTINE_FR = /(?:exercice|pratique\s+de|simulation|prévu|planifié|formation|visite|atelier|semaine\s+de\s+(?:la\s+)?prévention)/i;
const REAL_FR = /(?:pas\s+un\s+exercice|ce\s+n'est\s+pas\s+un\s+exercice|pour\s+(?:de\s+)?vrai|réel(?:le)?\b|vraie\s+alarme)/i;
const COMMUNITY_FR = /(?:élèves?|enfants?|personnel|enseignant|école|classe|autobus|joueu|parents?|famille|concierge|collègue|membre|fils|fille|petits)/i;


// Emergencies that schools also rehearse: a drill or a first-responder visit is routine.
const DRILLABLE = re([
  `\\block\\s*-?\\s*downs?\\b`,
  `\\blocked\\s+down\\b`,
  `\\bhold\\s*(?:-|and|&)\\s*secure\\b`,
  `\\bshelter(?:ed|ing)?[\\s-]+in[\\s-]+place\\b`,
  `\\bevacuat(?:e|ed|es|ing|ion)\\b`,
  `\\bpolice\\s+(?:are\\s+|were\\s+|is\\s+)?(?:on\\s+(?:site|scene)|at\\s+the\\s+school|in\\s+the\\s+(?:school|building|area|neighbou?rhood)|presence|activity|incident|investigation|investigating|responded|were\\s+called)\\b`,
  `\\b(?:called|call)\\s+(?:the\\s+)?(?:police|911|an\\s+ambulance)\\b`,
  `\\b(?:a|the)\\s+fire\\s+(?:at|in|broke|started|this|yesterday|today|last\\s+night|earlier|that)\\b`,
  `\\bfire\\s+broke\\s+out\\b`,
  `\\bfire\\s+(?:at|in)\\s+(?:the\\s+)?(?:[\\w'-]+\\s+){0,3}(?:HS|PS|SS|school|collegiate|secondary|elementary)\\b`,
  `\\b(?:transformer|boiler)\\s+(?:just\\s+)?(?:blew|exploded)\\b`,
  `\\bmissing\\s+from\\s+(?:the\\s+)?(?:field\\s+trip|trip|class|school|bus|playground|yard)\\b`,
  `\\bpolice\\s+(?:are\\s+|were\\s+)?(?:searching|looking\\s+for)\\b`,
  `\\bcaught\\s+(?:on\\s+)?fire\\b`,
  `\\b(?:house|school|building|kitchen|portable|bus|forest|grease|electrical)\\s+fire\\b`,
  `\\bambulances?\\b`,
  `\\bparamedics\\b`,
  `\\bbomb\\s+threats?\\b`,
  `\\b(?:threat|threats)\\s+(?:against|to|made\\s+against)\\s+(?:the\\s+|our\\s+)?(?:school|students|staff)\\b`,
  `\\b(?:shooting|shooter|gunman|gunshots?|stabbing|stabbed|armed\\s+(?:person|man|suspect)|weapon\\s+(?:on|at|in)\\s+(?:the\\s+)?(?:school|property|building)|with\\s+a\\s+(?:gun|knife|weapon))\\b`,
  `\\b(?:gas\\s+leak|chemical\\s+spill|roof\\s+collapse)\\b`,
  `\\bexplosion\\s+(?:at|in|near)\\b`,
  `\\bflood(?:ed|ing)?\\s+(?:in|at)\\s+(?:the\\s+|our\\s+)?(?:school|basement|gym|building|hallway|classroom|portable)s?\\b`,
  `\\b(?:basement|gym|school|building|hallway|classroom|portable)s?\\s+(?:is\\s+|was\\s+|were\\s+|has\\s+been\\s+|got\\s+)?flooded\\b`,
  `\\bwater\\s+main\\s+break\\b`,
  `\\bthreat(?:ening)?\\s+(?:message|note|graffiti|post|letter|call)s?\\b`,
  `\\b(?:emergency|incident)\\s+(?:at|in)\\s+(?:the\\s+)?(?:school|building)\\b`,
  `\\bamber\\s+alert\\b`,
  `\\bfire\\s+department\\s+(?:is|are)\\s+(?:here|on\\s+site|at\\s+the)\\b`,
  `\\b(?:intruder|suspicious\\s+(?:person|package|individual|man|vehicle)|code\\s+red)\\b`,
  `\\b(?:smoke|flames)\\s+(?:in|from|coming\\s+from|filled|pouring)\\b`,
  `\\bfirefighters\\s+(?:are\\s+|were\\s+)?(?:on\\s+(?:site|scene)|at\\s+the\\s+school|deal(?:ing)?\\s+with|responded|responding|arrived|called|put\\s+out)\\b`,
  `\\b(?:students|everyone|classes|staff|children|kids)\\s+(?:have\\s+been|were|are\\s+being|are|had\\s+to\\s+be)\\s+(?:safely\\s+)?(?:moved|relocated|bused|walked|taken)\\s+(?:over\\s+)?to\\b`,
  `\\b(?:relocation|reunification)\\s+(?:site|centre|center|point)\\b`,
]);

// Harm to people: a crisis for the school only when it touches the school community.
const HARM = re([
  `\\b(?:was|were|got|been|is|are)\\s+(?:seriously\\s+|badly\\s+|critically\\s+)?(?:injured|hurt)\\b`,
  `\\b(?:seriously|badly|critically)\\s+(?:injured|hurt)\\b`,
  `\\b(?:serious|critical|life-threatening|head|spinal)\\s+injur(?:y|ies)\\b`,
  `\\b(?:taken|rushed|airlifted|transported)\\s+to\\s+(?:the\\s+)?hospital\\b`,
  `\\b(?:passed\\s+away|died|has\\s+died|was\\s+killed|were\\s+killed|killed\\s+in|tragic(?:ally)?\\s+(?:loss|death|passing|accident)|sudden\\s+(?:loss|death|passing))\\b`,
  `\\b(?:death|passing|loss)\\s+of\\s+(?:a|an|one\\s+of\\s+our|our|two|three|several)\\s+(?:[\\w-]{1,20}\\s+){0,2}?(?:students?|teachers?|staff|colleagues?|friends?|members?|classmates?|principal|EA|custodian|parents?|alumn[ia]|coach|driver)\\b`,
  `\\b(?:car|bus|traffic|serious|fatal|tragic|school\\s+bus)\\s+(?:accident|crash|collision)\\b`,
  `\\b(?:death|passing|loss)\\s+of\\s+(?:Mr|Ms|Mrs|Mx|Dr|Mme|Madame|Coach)\\.?\\s+[A-Z]`,
  `\\b(?:with\\s+(?:great|deep|profound|heavy)\\s+(?:sadness|sorrow|regret)|with\\s+heavy\\s+hearts?|(?:deeply\\s+)?saddened\\s+to\\s+(?:share|announce|learn|inform)|heartbroken\\s+to\\s+(?:share|announce|learn))\\b`,
  `\\b(?:hit|struck)\\s+by\\s+(?:a\\s+)?(?:car|vehicle|truck|bus)\\b`,
  `\\bmissing\\s+(?:student|child|kid|boy|girl|teen|person|youth)\\b`,
  `\\b(?:is|was|has\\s+been|went|gone|have\\s+been)\\s+missing\\s+since\\b`,
  `\\b(?:has|have)\\s+gone\\s+missing\\b|\\bwent\\s+missing\\b`,
  `\\b(?:medical|police)\\s+emergency\\b`,
  `\\b(?:was|were|been|got)\\s+arrested\\b`,
  `\\b(?:condolences|grieving|mourn(?:ing|s)?|in\\s+memory\\s+of|rest\\s+in\\s+peace)\\b`,
  `\\b(?:(?:was|were|been|got)\\s+(?:assaulted|attacked|beaten\\s+up|jumped)|assault\\s+(?:at|near|outside|in)\\s+(?:the\\s+)?(?:school|park|bus|yard)|brawl|fight\\s+broke\\s+out|violent\\s+incident)\\b`,
]);

// Named topics that are also taught: an awareness week or a workshop is not an event.
const SENSITIVE = re([`\\b(?:overdose[sd]?|suicide|suicidal|self-harm)\\b`]);

// Idioms and titles are masked out (same length, so spans stay exact) before matching.
const IDIOMS =
  /\b(?:death\s+of\s+a\s+salesman|died\s+(?:laughing|of\s+(?:laughter|embarrassment|boredom|cuteness))|(?:I|we)\s+(?:almost|nearly)\s+died|passing\s+of\s+the\s+(?:torch|baton)|killed\s+it|killing\s+it|fired\s+up|on\s+fire|fire\s+(?:drills?|safety|prevention|trucks?|hall|station|department(?!\s+(?:is|are)\s+(?:here|on\s+site|at\s+the))|fighters?|services|chief|marshal)|lockdown\s+drills?|evacuation\s+drills?|(?:car|phone|battery|laptop|printer|computer|plants?)\s+died)\b/gi;

const ROUTINE =
  /\b(?:drills?|years?\s+ago|last\s+year|practi[cs](?:ed|ing)|rehears(?:al|e|ed)|scheduled|safety\s+(?:week|lesson|talk|month|presentation|plan)|career\s+day|visit(?:ed|ing|s)?|presentation|workshop|training|learn(?:ed|ing|s)?|review(?:ed|ing)?)\b/i;
const REAL = /\b(?:not\s+a\s+drill|this\s+is\s+real|actual\s+(?:lockdown|evacuation|emergency|fire))\b/i;
const COMMUNITY =
  /\b(?:students?|kids?|child(?:ren)?|pupils?|staff|teachers?|colleagues?|principal|EAs?|bus|driver|classmates?|our\s+school|school\s+community|community|grade\s*\d{1,2}|boy|girl|teen|youth|players?|athletes?|coach|member|alumn[ia]|families|family|crossing\s+guard)\b/i;
const STORY = /\b(?:history|war|remembrance|novel|book|film|movie|chapter|character|story|poem|play\s+we|historical|ww[12i]+)\b/i;
const AWARENESS = /\b(?:prevention|awareness|workshop|resources?|help\s*line|help\s+phone|support|week|month|training|talk|presentation|speaker|mental\s+health)\b/i;

const NOT_A_DRILL = /\b(?:not\s+a\s+drill|this\s+(?:one\s+)?is\s+real|this\s+one's\s+real)\b/gi;

// Sharing what Communications already published is how news should travel (3.2).
const RESHARE = /\b(?:sharing|reposting|resharing)\s+(?:the\s+)?(?:OCDSB|board|district|Communications)(?:'s)?\s+(?:update|statement|post|message|news)\b|\bje\s+partage\s+(?:la|le)\s+(?:mise\s+à\s+jour|message|communiqué)\s+du\s+conseil\b/i;

function detect(raw: string, ctx: DraftContext): Finding[] {
  // The district account is Communications' own: in a crisis it is the one that should post.
  if (ctx.account === 'district') return [];
  if (RESHARE.test(raw)) return [];
  const text = normalize(raw).replace(IDIOMS, (s) => ' '.repeat(s.length));
  const out: Finding[] = [];
  const push = (m: RegExpExecArray): void => {
    out.push(finding('crisis', m.index, m.index + m[0].length, RULE));
  };
  const sentence = (m: RegExpExecArray): string => sentenceAround(text, m.index, m.index + m[0].length).str;

  eachMatch(DRILLABLE, text, (m) => {
    const sent = sentence(m);
    if (ROUTINE.test(sent) && !REAL.test(sent)) return;
    if (STORY.test(sent) && !COMMUNITY.test(sent)) return;
    push(m);
  });
  eachMatch(HARM, text, (m) => {
    const sent = sentence(m);
    if (!COMMUNITY.test(sent)) return;
    if (STORY.test(sent)) return;
    push(m);
  });
  const french = looksFrench(text);
  if (french) eachMatch(DRILLABLE_FR, text, (m) => {
    const sent = sentence(m);
    if (ROUTINE_FR.test(sent) && !REAL_FR.test(sent)) return;
    push(m);
  });
  if (french) eachMatch(HARM_FR, text, (m) => {
    if (!COMMUNITY_FR.test(sentenceAround(text, m.index, m.index + m[0].length).str) && !COMMUNITY_FR.test(text)) return;
    push(m);
  });
  eachMatch(SENSITIVE, text, (m) => {
    if (AWARENESS.test(sentence(m))) return;
    push(m);
  });
  // "Not a drill" said on its own ("Lockdown drill? Nope. Not a drill.") still announces an emergency.
  if (out.length === 0) eachMatch(NOT_A_DRILL, text, push);
  return dedupe(out);
}

export const crisis: Detector = { kind: 'crisis', detect };
