import type { Detector, DraftContext, Finding } from './types';
import { dedupe, eachMatch, finding, normalize, Rule, sentenceAround } from './util';

const RULE: Rule = {
  clause: '3.2',
  clauses: ['3.2', '4.4'],
  severity: 'ask-communications',
  message: 'This is about a crisis or emergency. Communications manages all social-media communication in a crisis.',
  fix: 'Do not post it yourself: send it to the Communications department (and your principal), who will decide what is shared.',
};

const re = (parts: string[]): RegExp => new RegExp(parts.join('|'), 'gi');

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
  /\b(?:death\s+of\s+a\s+salesman|died\s+(?:laughing|of\s+(?:laughter|embarrassment|boredom|cuteness))|(?:I|we)\s+(?:almost|nearly)\s+died|passing\s+of\s+the\s+(?:torch|baton)|killed\s+it|killing\s+it|fired\s+up|on\s+fire|fire\s+(?:drills?|safety|prevention|trucks?|hall|station|department|fighters?|services|chief|marshal)|lockdown\s+drills?|evacuation\s+drills?)\b/gi;

const ROUTINE =
  /\b(?:drills?|practi[cs]e[sd]?|rehears(?:al|e|ed)|scheduled|safety\s+(?:week|lesson|talk|month|presentation|plan)|career\s+day|visit(?:ed|ing|s)?|presentation|workshop|training|learn(?:ed|ing|s)?|review(?:ed|ing)?)\b/i;
const REAL = /\b(?:not\s+a\s+drill|this\s+is\s+real|actual\s+(?:lockdown|evacuation|emergency|fire))\b/i;
const COMMUNITY =
  /\b(?:students?|kids?|child(?:ren)?|pupils?|staff|teachers?|colleagues?|principal|EAs?|bus|driver|classmates?|our\s+school|school\s+community|community|grade\s*\d{1,2}|boy|girl|teen|youth|players?|athletes?|coach|member|alumn[ia]|families|family|crossing\s+guard)\b/i;
const STORY = /\b(?:history|war|remembrance|novel|book|film|movie|chapter|character|story|poem|play\s+we|historical|ww[12i]+)\b/i;
const AWARENESS = /\b(?:prevention|awareness|workshop|resources?|help\s*line|help\s+phone|support|week|month|training|talk|presentation|speaker|mental\s+health)\b/i;

function detect(raw: string, _ctx: DraftContext): Finding[] {
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
  eachMatch(SENSITIVE, text, (m) => {
    if (AWARENESS.test(sentence(m))) return;
    push(m);
  });
  return dedupe(out);
}

export const crisis: Detector = { kind: 'crisis', detect };
